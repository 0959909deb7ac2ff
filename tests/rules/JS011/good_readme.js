import session from "express-session";
const sess = { secret: "keyboard cat", cookie: {} };
if (app.get("env") === "production") {
  app.set("trust proxy", 1);
  sess.cookie.secure = true;
}
app.use(session(sess));
