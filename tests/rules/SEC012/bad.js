// Synthetic random-looking keys for hms-policy's fixtures.
const config = {
  // expect: SEC012
  webhookSigning: "rmfN4eUqlLP1wzqUIvG9LRo7jsCYUlYbHp6VHWVn",
  // expect: SEC012
  legacyHmac: "7f0a72e9d34119f3374cebd4d3fd81b6ee7b3bb1",
};
// A file name elsewhere on the line does not make a key's value a file id.
const upload = {
  // expect: SEC012
  signingKey: "Hq2mX7rTz4LpVn8kW3bYs6dQc9FgJ1eNa5TyUiOp", file: "report.pdf",
};
// The CAPTCHA secret key is a credential.
const captchaServer = {
  // expect: SEC012
  reCaptchaSecretKey: "6LdvxuQUAAAAAJz9Wp2kTn5bYs7dQc4FgH6jNa0X",
};
// A long name ending in `id` is not a record's identifier name; a valid one still holds a key.
const vendor = {
  // expect: SEC012
  paymentsValid: "Vx8qL2mT9rK4wZ7nB3yP6sD1cF5gH0jQ2aE8uIo",
  // expect: SEC012
  clientSecretPaid: "Rq7mW2xT9vL4kZ8nB3yP6sD1cF5gH0jQ2aE8uIo",
};
// Two keys joined by a dash that are not identifier-shaped stay keys.
const pair = {
  // expect: SEC012
  signing: "q7Lx2Vb9Nm4Kp8Wz3Rt6Yh1Jc5Df0Gs-Tq8wZr4Lm2xVb9Nk7Pq3Rs6Ty1",
};
// A name word inside a longer credential name does not make it a name.
const namedSecrets = {
  // expect: SEC012
  hostSigningKey: "Vx8qL2mT9rK4wZ7nB3yP6sD1cF5gH0jQ2aE8uIoW",
};
