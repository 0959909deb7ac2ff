def find_patient(cursor, surname):
    # expect: PY016
    cursor.execute("SELECT id, mrn FROM patients WHERE surname = '%s'" % surname)
    return cursor.fetchall()


def find_visits(cursor, ward):
    # expect: PY016
    query = f"SELECT * FROM visits WHERE ward = '{ward}'"
    cursor.execute(query)
    return cursor.fetchall()
