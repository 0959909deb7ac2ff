const cors = require("cors");
app.use(cors());
app.use(cors({ origin: "*" }));
// A literal "*" with credentials is refused by browsers: broken, not open.
app.use(cors({ origin: "*", credentials: true }));
app.use(cors({ origin: ["https://portal.hospital.org"], credentials: true }));
app.use(cors({ origin: (origin, cb) => cb(null, allowed.includes(origin)), credentials: true }));
app.use(cors({
  origin: function (origin, callback) {
    if (!origin || whitelist.indexOf(origin) !== -1) callback(null, true);
    else callback(new Error("Not allowed by CORS"));
  },
  credentials: true,
}));
app.use(cors({ origin: true }));
// app.use(cors({ origin: true, credentials: true }));
const help = "never use { origin: true, credentials: true }";
