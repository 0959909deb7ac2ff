// Audit lines name the signed-in operator on purpose; a socket address is a host and port.
async function addClient(ctx, clientData) {
  const client = await saveClient(clientData)
  logger.info(`User ${ctx.authenticated.email} created client with id ${client.id}`)
  logger.info(`Password reset requested by ${req.principal.email}`)
  console.log('signed in as', currentUser.email)
}

cluster.on('listening', (worker, address) =>
  logger.debug(`worker ${worker.id} is now connected to ${address.address}:${address.port}`)
)
