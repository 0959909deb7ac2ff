# Hard negatives: the shell command holds only literals, constants and paths of the script itself.
import os
import subprocess

TOOLS_DIR = "/opt/ris/tools"


def bootstrap():
    here = os.path.dirname(os.path.abspath(__file__))
    steps = [
        f"pip install -r {here}/requirements.txt",
        f"python {here}/collect_plugins.py > {here}/plugins.txt",
    ]
    for step in steps:
        subprocess.check_output(step, shell=True, stderr=subprocess.STDOUT)


def rebuild_index(verbose):
    flag = "-v" if verbose else "-q"
    os.system(f"{TOOLS_DIR}/reindex {flag}")
