// Names of session storage entries, not keys that sign anything.
const sessionKey = "user_session";
const cookieKey = "hms.sid";
localStorage.setItem(sessionKey, JSON.stringify(state));
const COOKIE_KEY = "reportProperties"; // a localStorage entry name
// The session entry an import's error report is kept under: five words, still a name.
const IMPORT_ERROR_REPORT_SESSION_KEY = "data_upload_import_error_report";
