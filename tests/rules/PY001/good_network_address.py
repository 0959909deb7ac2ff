"""A device poller logs the host it polls: a network address, not a patient's postal address."""
import logging

logger = logging.getLogger(__name__)


def poll(asset, client):
    middleware = asset.meta.get("middleware_hostname") or asset.location.middleware_address
    try:
        return client.get(f"https://{middleware}/devices/status")
    except OSError as exc:
        logger.warning("Middleware %s is down: %s", middleware, exc)
        return None
