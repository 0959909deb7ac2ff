import ssl

import paramiko
import requests

# "verify=False" appears in this comment and in the string below, never as an argument.
HELP = "never pass verify=False"


def fetch_fhir(url):
    return requests.get(url, verify="/etc/ssl/hospital-ca.pem", timeout=10)


def context():
    ctx = ssl.create_default_context(cafile="/etc/ssl/hospital-ca.pem")
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def sftp(host):
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    return client
