import os
import subprocess


def convert_scan(filename):
    subprocess.run(["/usr/bin/dcmconv", filename, "out.png"], check=True)


def clear_screen():
    # A constant command: bandit rates it low and the rule keeps to medium and up.
    os.system("clear")
