import requests


def fetch_patient(url, headers, certs):
    s = requests.Session()
    prepped = requests.Request("GET", url, headers=headers).prepare()
    # expect: PY043
    return s.send(prepped, cert=certs, verify=False).json()


def search(url, payload):
    with requests.Session() as session:
        # expect: PY043
        session.verify = False
        # expect: PY043
        return session.post(url, data=payload, verify=False)
