const { pool } = require("./db");
const TABLE = "patient";

async function byMrn(req, res) {
  // the hardened twin: a placeholder and a value list
  const rows = await pool.query("SELECT * FROM patient WHERE mrn = $1", [req.query.mrn]);
  res.json(rows);
}

async function tagged(sql, id, prisma) {
  // tagged templates are parameterised by their tag
  await sql`SELECT * FROM patient WHERE id = ${id}`;
  return prisma.$queryRaw`SELECT * FROM visit WHERE id = ${id}`;
}

async function constants() {
  const q = `SELECT * FROM ${TABLE} WHERE active = true`;
  return pool.query(q);
}

function notSql(name, $) {
  // a jQuery/DOM query and a regex exec are not SQL
  $(document).find(".row").query("#patient-" + name);
  const found = /select (\w+) from/.exec("select a from b " + name);
  console.log(`SELECT the patient ${name}`);
  return found;
}

async function paged(limit, visitIds) {
  // a page size and a list of ids, not text
  return pool.query(`SELECT * FROM visit WHERE id IN (${visitIds.join(",")}) LIMIT ${limit}`);
}
