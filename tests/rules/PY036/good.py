import os
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask_cors import CORS

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["*"])
app.add_middleware(CORSMiddleware, allow_origins=["https://portal.hospital.org"], allow_credentials=True)
app.add_middleware(CORSMiddleware, allow_origins=os.environ["ORIGINS"].split(","), allow_credentials=True)
CORS(flask_app, origins="*")
CORS(flask_app, origins=["https://portal.hospital.org"], supports_credentials=True)
CORS(flask_app, resources={r"/api/*": {"origins": "https://portal.hospital.org"}}, supports_credentials=True)
# CORS(app, origins="*", supports_credentials=True)
if DEBUG:
    CORS(flask_app, origins="*", supports_credentials=True)
