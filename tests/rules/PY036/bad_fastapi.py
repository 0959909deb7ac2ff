from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.middleware import Middleware

app = FastAPI()
# expect: PY036
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"])
# expect: PY036
middleware = [Middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True)]
