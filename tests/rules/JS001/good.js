const https = require("https");
const fs = require("fs");
// rejectUnauthorized: false would disable verification; we trust the hospital CA instead.
const agent = new https.Agent({ rejectUnauthorized: true, ca: fs.readFileSync("ca.pem") });
