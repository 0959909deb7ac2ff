// jwt.io's sample token, a token read at run time, and JWT-like strings that are not JWTs.
export const sample = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
export const headers = { Authorization: `Bearer ${process.env.EHR_TOKEN}` };
export const notJson = "eyJnotbase64json.eyJalsonot.sig";
// A demo endpoint's canned token: jwt.io's sample claims under another header and signature.
export const demoIssuerResponse = () => "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvbiBEb2UiLCJpYXQiOjE1MTYyMzkwMjJ9.Xk3vQz9LmP2wR7tY5uN8bC1dF4gH6jK0aS3eD5fG7hJ";
