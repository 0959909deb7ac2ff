import { Request, Response } from "express";
import { pool } from "./db";

export async function byMrn(req: Request, res: Response) {
  // expect: JS020
  const rows = await pool.query(`SELECT * FROM patient WHERE mrn = '${req.query.mrn}'`);
  res.json(rows);
}

export async function byName(name: string) {
  const sql = "SELECT id FROM patient WHERE family_name = '" + name + "'";
  // expect: JS020
  return pool.query(sql);
}

export async function remove(knex: any, id: string) {
  // expect: JS020
  await knex.raw(`DELETE FROM visit WHERE id = ${id}`);
}

export async function prismaUnsafe(prisma: any, ward: string) {
  // expect: JS020
  return prisma.$queryRawUnsafe("select * from admission where ward = '" + ward + "'");
}

export async function sequelizeQuery(sequelize: any, order: string) {
  let q = "SELECT * FROM encounter ORDER BY ";
  q += order;
  // expect: JS020
  return sequelize.query(q);
}

export async function byTable(sequelize: any, req: Request) {
  // hard case: a table name taken from the request is still a finding
  // expect: JS020
  return sequelize.query(`SELECT * FROM ${req.query.table} WHERE id = 1`);
}

export async function sorted(sequelize: any, req: any) {
  // hard case: a ternary whose branch is the request's own text
  const orderBy = req.query.orderBy ? req.query.orderBy : "topic";
  // expect: JS020
  return sequelize.query(`SELECT * FROM fhir.jobs ORDER BY ${orderBy}`);
}
