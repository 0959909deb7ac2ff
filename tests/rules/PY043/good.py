import requests


def fetch_patient(url, headers, certs, ca_bundle):
    s = requests.Session()
    s.verify = ca_bundle  # a private CA: verification stays on
    prepped = requests.Request("GET", url, headers=headers).prepare()
    return s.send(prepped, cert=certs).json()


class Mailer:
    def send(self, message, verify=False):
        return message


def notify(mailer: Mailer, message):
    # not a session: another object's `send` with its own `verify` flag
    return mailer.send(message, verify=False)
