// A patient portal's sign-in: the account is a patient's, so their e-mail is patient contact data.
export async function login(models, log, email) {
  const portalUser = await models.PortalUser.findOne({ where: { email } });
  // expect: JS002
  log.info(`Portal login for ${email}`);
  return portalUser;
}
