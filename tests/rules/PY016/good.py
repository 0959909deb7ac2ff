def find_patient(cursor, surname):
    cursor.execute("SELECT id, mrn FROM patients WHERE surname = %s", (surname,))
    return cursor.fetchall()


def count_visits(session, ward_id):
    from sqlalchemy import text

    return session.execute(text("SELECT count(*) FROM visits WHERE ward_id = :ward"), {"ward": ward_id})
