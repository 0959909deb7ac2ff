const express = require("express");
const cors = require("cors");
const app = express();
// expect: JS010
app.use(cors({ origin: true, credentials: true }));
const corsOptions = {
  // expect: JS010
  origin: function (origin, callback) {
    callback(null, true);
  },
  credentials: true,
};
app.use(cors(corsOptions));
// expect: JS010
app.use(cors({ credentials: true, origin: (origin, cb) => cb(null, origin) }));
