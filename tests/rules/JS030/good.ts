// Hard negatives: metadata of a token, other stores, reads, and non-credential keys.
export function remember(expiresAt: number, theme: string) {
  localStorage.setItem("tokenExpiry", String(expiresAt));
  localStorage.setItem(LocalStorageKeys.tokenType, "Bearer");
  sessionStorage.setItem("accessToken", "in-tab only");
  localStorage.setItem("theme", theme);
  const token = localStorage.getItem("accessToken"); // a read, judged where it was written
  if (localStorage.token === undefined) {
    return token;
  }
  mockStorage.localStorage.setItem("jwt", "fixture");
  // localStorage.setItem("accessToken", token) in a comment is not code
  return "localStorage.setItem('jwt', x)";
}
