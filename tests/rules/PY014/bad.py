import pickle

import yaml


def load_cached_chart(blob):
    # expect: PY014
    return pickle.loads(blob)


def load_mapping(text):
    # expect: PY014
    return yaml.load(text, Loader=yaml.Loader)
