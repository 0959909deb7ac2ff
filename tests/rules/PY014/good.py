import json
import pickle  # imported for the type only; nothing untrusted is unpickled

import yaml


def load_mapping(text):
    return yaml.safe_load(text)


def load_cached_chart(blob):
    return json.loads(blob)


def save(obj, path):
    with open(path, "wb") as handle:
        pickle.dump(obj, handle)
