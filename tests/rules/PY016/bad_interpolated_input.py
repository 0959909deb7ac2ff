# Positives beside the hard negatives: a parameter, request data or a call result reaches the SQL.
from django.conf import settings


class Admission:
    STATUS_OPEN = 1


def admissions_by_column(cursor, column, nurse_id):
    # expect: PY016
    sql = f"SELECT id, {column} FROM admission WHERE status = {Admission.STATUS_OPEN} AND nurse_id = %s"
    cursor.execute(sql, [nurse_id])


def search(request, cursor):
    ward = request.GET.get("ward", "")
    now = "SYSDATETIME()" if settings.USE_MSSQL else "CURRENT_TIMESTAMP"
    # expect: PY016
    cursor.execute(f"SELECT id FROM admission WHERE admitted_at < {now} AND ward = '{ward}'")


def by_table(cursor, suffix):
    table = "admission"
    table = table + suffix
    # expect: PY016
    cursor.execute("SELECT id FROM " + table + " WHERE status = 1")


def by_lookup(cursor, lookup):
    # expect: PY016
    cursor.execute("SELECT id FROM admission WHERE ward = '%s'" % lookup.current_ward())
