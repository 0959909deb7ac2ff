import os


class Config:
    SESSION_COOKIE_SECURE = True


class DevelopmentConfig(Config):
    SESSION_COOKIE_SECURE = False


class TestingConfig(Config):
    SESSION_COOKIE_SECURE = False


def create_app():
    app = Flask(__name__)
    app.config["SESSION_COOKIE_SECURE"] = os.environ.get("FLASK_ENV") == "production"
    app.config["SESSION_COOKIE_SECURE"] = env.bool("SESSION_COOKIE_SECURE")
    if app.debug:
        app.config["SESSION_COOKIE_SECURE"] = False
    # app.config["SESSION_COOKIE_SECURE"] = False
    return app
