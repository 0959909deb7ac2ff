const https = require("https");
const request = require("request");
// expect: JS001
const agent = new https.Agent({ rejectUnauthorized: false });
// expect: JS001
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
// expect: JS001
process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = '0';
// expect: JS001
request({ url: fhirBase, strictSSL: false });
// expect: JS001
var o={ca:c,rejectUnauthorized:!1};
// expect: JS001
tls.connect({ host, port, checkServerIdentity: () => undefined });
// expect: JS001
agent.options.rejectUnauthorized = false;
