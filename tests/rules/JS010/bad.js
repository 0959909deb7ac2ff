const express = require("express");
const cors = require("cors");
const app = express();
// expect: JS010
app.use(cors({ origin: "*", credentials: true }));
const corsOptions = {
  // expect: JS010
  origin: true,
  credentials: true,
};
app.use(cors(corsOptions));
