"""Client registrations that read the secret at run time."""
import os

settings = {
    "app_id": "ehr-dashboard",
    "client_secret": os.environ["SMART_CLIENT_SECRET"],
}
token = oauth.fetch_token(token_url, client_id="ehr-dashboard", client_secret=settings["client_secret"])
client_secret = "<client-secret>"
CLIENT_SECRET_HEADER = "X-Client-Secret"
client_secret_expires_at = 0
# The credential's name as one item of a list of field names: the next item is a name.
client_id, client_secret, auth_base_url = frappe.db.get_value("ABDM Settings", {"default": 1}, ["client_id", "client_secret", "auth_base_url_v2"])
REQUIRED = {"client_secret", "redirect_uri_value"}


class Client:
    def as_json(self):
        # A tuple of attribute names: what follows 'client_secret' is the next name.
        out = {}
        for attr in (
                'client_id', 'client_secret', '_redirect_uris',
                'callback_url', 'user_id'):
            out[attr] = getattr(self, attr, None)
        for attr in ('client_id', 'client_secret', '_redirect_uris', 'callback_url'):
            out[attr] = getattr(self, attr, None)
        return out

# The name of the global property that holds the registry's client secret, not the secret.
GP_CLIENT_VERIFICATION_OAUTH2_CLIENT_SECRET = "kenyaemr.client.registry.oath2.client.secret"
