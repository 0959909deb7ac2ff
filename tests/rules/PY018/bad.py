from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    # expect: PY018
    app.run(host="0.0.0.0", debug=True)
