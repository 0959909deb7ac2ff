def dose(expression, weight):
    # expect: PY017
    return eval(expression, {"weight": weight})


def plugin(code):
    # expect: PY017
    exec(code)
