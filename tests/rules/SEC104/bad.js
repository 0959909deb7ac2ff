// Synthetic Firebase configuration for hms-policy's fixtures.
export const firebaseConfig = {
  // expect: SEC104
  apiKey: "AIzaYJyp6lBcgQFqAiABDQsaJsqGwodqbTEPcwH",
  authDomain: "patient-portal-fixture.firebaseapp.com",
};
