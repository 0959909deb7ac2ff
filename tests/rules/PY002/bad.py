"""Synthetic code; every value here is fake."""
from fastapi import HTTPException
from flask import Flask, abort, jsonify

app = Flask(__name__)


@app.route("/patients/<mrn>")
def show(mrn):
    patient = find(mrn)
    if patient is None:
        # expect: PY002
        abort(404, description=f"no patient with MRN {mrn}")
    try:
        return jsonify(render(patient))
    except KeyError:
        # expect: PY002
        return jsonify({"error": "incomplete chart", "dob": patient.date_of_birth}), 500


def api_lookup(ssn):
    # expect: PY002
    raise HTTPException(status_code=404, detail=f"SSN {ssn} not enrolled")


@app.errorhandler(ValueError)
def bad_value(error):
    record = current_record()
    # expect: PY002
    return jsonify(message="invalid data for " + record.patient_name), 400
