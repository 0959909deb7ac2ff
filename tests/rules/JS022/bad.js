const { exec, execSync, spawn } = require("child_process");
const cp = require("child_process");

app.get("/convert", (req, res) => {
  // expect: JS022
  exec("convert " + req.query.file + " out.pdf", (err) => res.send("ok"));
});

app.post("/ping", (req, res) => {
  const { host } = req.body;
  // expect: JS022
  const out = execSync(`ping -c 1 ${host}`);
  res.send(out);
});

app.get("/dicom/:study", (req, res) => {
  // expect: JS022
  cp.exec(`dcm2pnm ${req.params.study}`);
  // expect: JS022
  spawn("sh", ["-c", req.query.cmd], { shell: true });
});

app.post("/thumb", (req, res) => {
  // expect: JS022
  require("child_process").execSync("convert " + req.body.file);
});
