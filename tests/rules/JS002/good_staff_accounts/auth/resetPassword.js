// Staff account management: the account's own e-mail in an audit line.
export async function requestReset(models, log, email) {
  const user = await models.User.findOne({ where: { email } });
  if (!user) {
    log.info(`Password reset requested for unknown account ${email}`);
    return;
  }
  log.info(`Password reset mail sent to ${user.email}`);
}
