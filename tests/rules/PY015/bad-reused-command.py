import os

SCRIPTS_DIR = "./scripts/"


def install(password):
    cmd = "sudo " + SCRIPTS_DIR + "setupDocker.sh"
    os.system(cmd)
    cmd = "psql -c \"alter role admin password '" + password + "'\""
    # expect: PY015
    os.system(cmd)
    if password:
        cmd = "echo " + password
    # expect: PY015
    os.system(cmd)
    for name in ("a", "b"):
        # expect: PY015
        os.system(cmd)
        cmd = "rm -rf " + name + password


def other_branch(user_input):
    cmd = "ls " + user_input
    if user_input:
        cmd = "ls"
    else:
        # expect: PY015
        os.system(cmd)
