# Hard negatives: every interpolated part of the SQL is a constant; values are bound.
from django.conf import settings
from django.db import connection

ORDER_COLUMNS = ("admitted_at", "ward_code")

# A dialect keyword picked from a setting, at module level.
PENDING_SQL = f"""
WITH {"" if settings.USE_MSSQL else "RECURSIVE"} wards AS (SELECT id, parent_id FROM ward)
SELECT count(*) FROM admission WHERE ward_id IN (SELECT id FROM wards) AND admitted_at < {"SYSDATETIME()" if settings.USE_MSSQL else "CURRENT_TIMESTAMP"}
  AND nurse_id = %(nurse)s
"""


class Admission:
    STATUS_OPEN = 1
    STATUS_TRANSFERRED = 4


def open_admissions(cursor, nurse_id, paediatric):
    # A column chosen by a conditional over two literals; the id is a bound parameter.
    threshold = "ChildThreshold" if paediatric else "AdultThreshold"
    sql = f"SELECT id, {threshold} FROM admission WHERE status IN ({Admission.STATUS_OPEN}, {Admission.STATUS_TRANSFERRED}) AND nurse_id = %s"
    cursor.execute(sql, [nurse_id])
    return cursor.fetchall()


def sorted_admissions(cursor, ward_id):
    cursor.execute("SELECT id FROM admission WHERE ward_id = %%s ORDER BY %s" % ", ".join(ORDER_COLUMNS), [ward_id])
    return cursor.fetchall()


def recent_admissions(ward_id):
    table = "admission_archive"
    if settings.USE_MSSQL:
        table = "dbo." + table
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM " + table + " WHERE ward_id = %s", [ward_id])
        return cursor.fetchall()
