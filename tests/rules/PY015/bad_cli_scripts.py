# Command-line scripts: argparse results and sys.argv reach the shell (capped at medium), while a
# helper function's parameter does not count as command-line input (high).
import argparse
import os
import sys


def convert(path):
    # expect: PY015
    os.system(f"dcmconv {path} out.png")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--study")
    args = parser.parse_args()
    # expect: PY015
    os.system(f"dcmexport --study {args.study}")
    # expect: PY015
    os.system("dcmdump " + sys.argv[1])
    convert(args.study)
