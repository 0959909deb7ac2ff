const session = require("express-session");
const cookieSession = require("cookie-session");
// expect: JS011
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
// expect: JS011
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true, secure: false } }));
// expect: JS011
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 3600000 } }));
// expect: JS011
app.use(cookieSession({ name: "sid", keys: [process.env.KEY], secure: false }));
