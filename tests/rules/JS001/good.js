const https = require("https");
const fs = require("fs");
// rejectUnauthorized: false would disable verification; we trust the hospital CA instead.
const agent = new https.Agent({ rejectUnauthorized: true, ca: fs.readFileSync("ca.pem") });
const help = "never set rejectUnauthorized: false or NODE_TLS_REJECT_UNAUTHORIZED=0";
/* strictSSL: false is not allowed here */
const options = { rejectUnauthorized: process.env.NODE_ENV === "production" };
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1";
const strict = { strictSSL: true, checkServerIdentity: tls.checkServerIdentity };
