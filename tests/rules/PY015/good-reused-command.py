import os
import subprocess

DB_CONTAINER = "lab-db"
SCRIPTS_DIR = "./scripts/"


def install(password):
    # One variable reused for several commands: each call runs the command assigned just before it.
    cmd = "sudo docker inspect " + DB_CONTAINER
    status = subprocess.check_output(cmd, shell=True)
    cmd = "sudo " + SCRIPTS_DIR + "setupDocker.sh"
    os.system(cmd)
    return status
