// A TLS server asking for client certificates: the handshake finishes without one, and the
// application checks req.client.authorized and the certificate itself.
function serverOptions(options, trustedCerts) {
  options.ca = trustedCerts
  options.requestCert = true
  options.rejectUnauthorized = false // we check the client's authority ourselves
  return options
}
