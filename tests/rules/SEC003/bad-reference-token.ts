// The hardened twin of good-type-names.ts: an `AP` reference token is random, not words.
export const registry = {
  // expect: SEC003
  password: "AP7Xk29vQ7mLr4tPz81bN",
};
