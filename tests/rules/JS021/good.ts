import crypto from "crypto";

// MD5 of file content or a cache key is not a credential
export function etag(body: string): string {
  return crypto.createHash("md5").update(body).digest("hex");
}

export function cacheKey(url: string): string {
  return crypto.createHash("sha1").update(url).digest("hex");
}

// the hardened twins
export function hashPassword(password: string, salt: Buffer): Buffer {
  return crypto.scryptSync(password, salt, 64);
}

export function tokenDigest(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
// crypto.createHash("md5").update(password) in a comment
