from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
app.config["CORS_ORIGINS"] = ["https://portal.hospital.org"]
# Flask-CORS takes the origins from the app config when the call names none.
CORS(app, supports_credentials=True)
