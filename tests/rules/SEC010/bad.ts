// Synthetic bearer token for hms-policy's fixtures.
export const headers = {
  // expect: SEC010
  Authorization: "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtZWhyLXN5bmMiLCJpYXQiOjE3MzU2ODk2MDAsInNjb3BlIjoicGF0aWVudC8qLnJlYWQifQ.Kq3vN8xT2mL5pR7wY1zB4cF6hJ9dG0sA3eU5iO7kM2n",
};
// The same header and signature over claims of its own is an issued token.
// expect: SEC010
export const serviceToken = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI4ZjJjNDEiLCJuYW1lIjoiY2xpbmljLWJvdCIsImlhdCI6MTcxNjIzOTAyMn0.Xk3vQz9LmP2wR7tY5uN8bC1dF4gH6jK0aS3eD5fG7hJ";
// A token that expires in 2100 is live for the next seventy years.
// expect: SEC010
export const longLived = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtbGFiLWZlZWQiLCJzY29wZSI6InBhdGllbnQvKi5yZWFkIiwiaWF0IjoxNzM1Njg5NjAwLCJleHAiOjQxMDI0NDQ4MDB9.Rm8uY3wM0qS5xL9oC4zA7tE2dG6hI1kR3bF9vJpUr5x";
