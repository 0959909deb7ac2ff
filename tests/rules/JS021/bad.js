const crypto = require("crypto");
const md5 = require("md5");
const CryptoJS = require("crypto-js");

function hashPassword(password) {
  // expect: JS021
  return crypto.createHash("md5").update(password).digest("hex");
}

async function createUser(body) {
  // expect: JS021
  const passwordHash = md5(body.password);
  return save({ ...body, passwordHash });
}

const apiKeyDigest = (apiKey) =>
  // expect: JS021
  crypto.createHash("sha1").update(apiKey).digest("base64");

function sessionToken(user) {
  // expect: JS021
  return CryptoJS.SHA1(user.id + Date.now()).toString();
}
