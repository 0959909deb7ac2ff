import ssl

import paramiko
import requests


def fetch_fhir(url):
    # expect: PY011
    return requests.get(url, verify=False, timeout=10)


def legacy_socket(sock):
    # expect: PY011
    return ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_SSLv3)


# expect: PY011
CONTEXT = ssl._create_unverified_context()


def sftp(host):
    client = paramiko.SSHClient()
    # expect: PY011
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    return client


def lab_feed(url):
    # expect: PY011
    return requests.post(url, verify=False, timeout=5)  # nosec B501 - lab VPN appliance, ticket SEC-142
