// Random-looking strings that are not secrets: digests, UUIDs, integrity hashes, images.
const manifest = {
  sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  commit: "9fceb02d0ae598e95dc970b74767f19372d61af8",
  integrity: "sha512-Q1cyVKJ3QZSZ9f8nnpHXoKl1gP5bT2y6yEbg1v3MlZ8LLyIYvRZ9wHTVnUG1u8iV8Zq4eF5n2JvKwA3QJmUu9g==",
  requestId: "550e8400-e29b-41d4-a716-446655440000",
  logo: "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
};
// A CAPTCHA site key is public: every browser receives it (the secret key stays on the server).
const captcha = { reCaptchaSiteKey: process.env.SITE_KEY || "6LdvxuQUAAAAAHq2mX7rTz4LpVn8kW3bYs6dQc9F" };
