const cookieSession = require("cookie-session");
// cookie-session marks the cookie secure by itself on HTTPS connections.
app.use(cookieSession({ name: "sid", keys: [process.env.KEY], httpOnly: true }));
