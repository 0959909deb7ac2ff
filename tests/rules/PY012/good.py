import ftplib

import paramiko


def push_lab_results(host, user, secret_ref):
    ftps = ftplib.FTP_TLS(host)
    ftps.login(user, secret_ref)
    ftps.prot_p()
    return ftps


def sftp(host):
    transport = paramiko.Transport((host, 22))
    return paramiko.SFTPClient.from_transport(transport)
