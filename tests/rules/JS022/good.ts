import { execFile, exec, spawn } from "child_process";

app.get("/convert", (req, res) => {
  // the hardened twin: a fixed program, an argument array, no shell
  execFile("convert", [req.query.file as string, "out.pdf"], () => res.send("ok"));
  spawn("dcm2pnm", [req.params.study]);
  // a regular expression's exec is not a command
  const m = /^(\d+)$/.exec(req.query.id as string);
  const pattern = new RegExp("^a");
  pattern.exec(req.body.name);
  // a fixed command
  exec("pg_dump -Fc hospital");
});
