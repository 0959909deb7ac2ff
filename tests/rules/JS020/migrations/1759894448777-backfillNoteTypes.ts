// A schema migration: run once by the deployment with its own constants.
const BATCH = 1000;
export async function up(query: any, fallbackId: string) {
  await query.sequelize.query(`UPDATE notes SET note_type_id = '${fallbackId}' WHERE note_type_id IS NULL LIMIT ${BATCH}`);
}
