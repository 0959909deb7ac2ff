import ftplib
import telnetlib


def push_lab_results(host, user, secret_ref):
    # expect: PY012
    ftp = ftplib.FTP(host)
    ftp.login(user, secret_ref)
    return ftp


def pacs_console(host):
    # expect: PY012
    return telnetlib.Telnet(host, 23)
