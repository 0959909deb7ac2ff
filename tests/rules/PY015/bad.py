import os
import subprocess


def convert_scan(filename):
    # expect: PY015
    subprocess.run(f"dcmconv {filename} out.png", shell=True, check=True)


def archive(patient_dir):
    # expect: PY015
    os.system("tar czf /backup/ward.tgz " + patient_dir)
