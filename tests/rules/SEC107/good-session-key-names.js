// Names of session storage entries, not keys that sign anything.
const sessionKey = "user_session";
const cookieKey = "hms.sid";
localStorage.setItem(sessionKey, JSON.stringify(state));
const COOKIE_KEY = "reportProperties"; // a localStorage entry name
