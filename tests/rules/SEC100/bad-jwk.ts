// Synthetic client key for hms-policy's fixtures: a private JSON Web Key in code.
export const clientPrivateJwk = {
  kty: "RSA",
  alg: "RS384",
  n: "xK4pQz7LmW2rTn9KsV5bYc3dFg8Jk1Na6Ue0Ri4OtPwHq2mX7rTz4LpVn8kW3bYs6dQc9FgJ1eNa5TyUiOp",
  e: "AQAB",
  // expect: SEC100
  "d": "Pq7vN3xLm9Wz2kRp5tYs8bDc4Fg6Hj1Ka0Ue7Ri3OtMwZq8vR3xLm9Wp2kTn5bYs7dQc4FgH6jNa0X",
  "p": "7mN2xQ9vL4pR8kT3wY6bZs1cH5dJ0eFa2gUi7oOtPq4rW9kX3mN8vB2cL6zQ1s5t",
  "qi": "Rz3nW8sQe1TyPv6mLk9cHq2mX7rTz4LpVn8kW3bYs6dQc9FgJ1eNa5TyUiOpAb",
};
