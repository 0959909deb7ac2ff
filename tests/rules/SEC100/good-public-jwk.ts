// A public JSON Web Key (no private members) and a JWKS document: nothing secret.
export const publicJwk = {
  kty: "RSA",
  alg: "RS384",
  n: "xK4pQz7LmW2rTn9KsV5bYc3dFg8Jk1Na6Ue0Ri4OtPwHq2mX7rTz4LpVn8kW3bYs6dQc9FgJ1eNa5TyUiOp",
  e: "AQAB",
  kid: "a3f5c9e1d7b2468f0a1c3e5d7f9b2d4c",
};
// A `d` that is not in a key.
const doc = { "d": "2024-05-01T10:00:00Z-report-window-for-clinic-seven-xx" };
