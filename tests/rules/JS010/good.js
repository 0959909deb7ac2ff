const cors = require("cors");
app.use(cors());
app.use(cors({ origin: "*" }));
app.use(cors({ origin: ["https://portal.hospital.org"], credentials: true }));
app.use(cors({ origin: (origin, cb) => cb(null, allowed.includes(origin)), credentials: true }));
// app.use(cors({ origin: "*", credentials: true }));
const help = "never use { origin: '*', credentials: true }";
