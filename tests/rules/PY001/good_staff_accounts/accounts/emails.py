"""Staff account management: the account's own e-mail in an audit line."""
import logging

logger = logging.getLogger(__name__)


def send_activation(user, email):
    logger.info("activation mail sent to %s", email)
    logger.info("account %s activated", user.email)
