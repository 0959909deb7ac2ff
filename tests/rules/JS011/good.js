const session = require("express-session");
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true, httpOnly: true } }));
app.use(session({ secret: s, cookie: { secure: process.env.NODE_ENV === "production" } }));
app.use(session({ secret: s, cookie: { secure: "auto" } }));
app.use(session({ secret: s, cookie: cookieOptions }));
// app.use(session({ secret: s }))
