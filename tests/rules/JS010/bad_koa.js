// @koa/cors (formerly kcors) answers with the request's own Origin when no origin is set.
const Koa = require('koa')
const cors = require('@koa/cors')

const app = new Koa()
// expect: JS010
app.use(cors({ allowMethods: 'GET,HEAD,PUT,POST,DELETE', credentials: true }))
