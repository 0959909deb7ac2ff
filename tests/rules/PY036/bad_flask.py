import os
from flask import Flask
from flask_cors import CORS, cross_origin

app = Flask(__name__)
# expect: PY036
CORS(app, origins="*", supports_credentials=True)
# expect: PY036
CORS(app, supports_credentials=True)
# expect: PY036
CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)
# expect: PY036
CORS(app, origins=os.environ.get("CORS_ORIGINS", "*"), supports_credentials=True)


@app.route("/patients")
# expect: PY036
@cross_origin(supports_credentials=True)
def patients():
    return "[]"
