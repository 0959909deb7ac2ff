import os


class Config:
    SECRET_KEY = os.environ["SECRET_KEY"]
    # expect: PY037
    SESSION_COOKIE_SECURE = False


class ProductionConfig(Config):
    # expect: PY037
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "false").lower() == "true"


def create_app():
    app = Flask(__name__)
    # expect: PY037
    app.config["SESSION_COOKIE_SECURE"] = False
    # expect: PY037
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SECURE=False)
    return app
