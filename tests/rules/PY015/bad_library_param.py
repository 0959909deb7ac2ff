# A plain library function: its parameter may carry remote input from any caller.
import os


def archive_study(study_dir):
    # expect: PY015
    os.system("tar czf /backup/study.tgz " + study_dir)
