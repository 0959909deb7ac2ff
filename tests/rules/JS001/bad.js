const https = require("https");
// expect: JS001
const agent = new https.Agent({ rejectUnauthorized: false });
// expect: JS001
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
