// Parts a bind parameter cannot carry: table and column names read from models, and generated
// placeholder lists; the values themselves are bound.
export async function snapshot(sequelize: any, model: any, sessionId: string, since: number) {
  const tableName = snapshotTableFor(sessionId);
  return sequelize.query(`SELECT * FROM ${tableName} WHERE updated_at_sync_tick > :since`, { replacements: { since } });
}

export async function bump(sequelize: any, model: any, ids: string[]) {
  return sequelize.query(`UPDATE ${model.tableName} SET updated_at_sync_tick = 1 WHERE id IN (:ids)`, { replacements: { ids } });
}

export async function byLanguages(db: any, languages: string[]) {
  const placeholders = languages.map((_, i) => `$${i + 1}`).join(", ");
  return db.query(`SELECT * FROM translated_strings WHERE language IN (${placeholders})`, languages);
}

export async function stats(sequelize: any, req: any) {
  const { order: orderUnsafe, orderBy: orderByUnsafe } = req.query;
  const order = orderUnsafe === "desc" ? "desc" : "asc";
  const orderBy = { topic: "topic", status: "status", count: "COUNT(*)" }[orderByUnsafe] || "topic";
  return sequelize.query(`SELECT topic, status, count(*) FROM fhir.jobs GROUP BY topic, status ORDER BY ${orderBy} ${order}`);
}

export async function page(sequelize: any, fromId: number) {
  return sequelize.query(`SELECT * FROM notes WHERE true ${fromId ? "AND id > :fromId" : ""} ORDER BY id`, { replacements: { fromId } });
}

export async function merge(sequelize: any, tableName: string, patientFieldName: string, keepId: string) {
  return sequelize.query(`UPDATE ${tableName} SET ${patientFieldName} = :keepId`, { replacements: { keepId } });
}

export async function priorities(sequelize: any, models: any[]) {
  return sequelize.query(`WITH priority(record_type, sort) AS (VALUES ${models.map((model, index) => `('${model.tableName}', ${index + 1})`).join(",")}) SELECT * FROM priority`);
}
