from fastapi import HTTPException
from flask import Flask, abort, jsonify

app = Flask(__name__)


@app.route("/patients/<int:patient_id>")
def show(patient_id):
    patient = find(patient_id)
    if patient is None:
        abort(404, description=f"no patient with id {patient_id}")
    # A successful response carries the chart on purpose: not an error path.
    return jsonify(name=patient.name, dob=patient.date_of_birth)


def api_lookup(ssn):
    raise HTTPException(status_code=404, detail="SSN not enrolled")


@app.errorhandler(ValueError)
def bad_value(error):
    return jsonify(message="invalid data", error_id=error_reference()), 400
