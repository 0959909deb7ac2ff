// API keys taken from the build environment, and the docs' placeholder.
export const firebaseConfig = {
  apiKey: process.env.FIREBASE_API_KEY,
  authDomain: "patient-portal-fixture.firebaseapp.com",
};
export const docs = "https://maps.googleapis.com/maps/api/js?key=YOUR_API_KEY";
export const prefix = "AIza";
