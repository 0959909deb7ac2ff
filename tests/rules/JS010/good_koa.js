// Koa CORS with a fixed origin, or without credentials.
const Koa = require('koa')
const cors = require('@koa/cors')

const app = new Koa()
app.use(cors({ origin: 'https://console.example-hospital.org', credentials: true }))
app.use(cors({ allowMethods: 'GET' }))
