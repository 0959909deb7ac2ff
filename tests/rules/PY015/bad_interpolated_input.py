# Positives beside the hard negatives: parameters, CLI arguments and request data reach the shell.
import os
import subprocess
import sys

from flask import request


def bootstrap(extra_requirements):
    here = os.path.dirname(os.path.abspath(__file__))
    steps = [f"pip install -r {here}/requirements.txt", f"pip install {extra_requirements}"]
    for step in steps:
        # expect: PY015
        subprocess.check_output(step, shell=True)


def export_study():
    study = request.args.get("study")
    # expect: PY015
    os.system(f"dcmexport --study {study} /exports")


def main():
    # expect: PY015
    os.system("startapp " + sys.argv[1])
