import ast


def dose(expression):
    return ast.literal_eval(expression)


class Evaluator:
    def eval(self, value):  # a method named eval, not the builtin
        return value
