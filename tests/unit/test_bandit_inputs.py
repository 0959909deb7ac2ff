"""bandit_inputs: which interpolated values count as constant for PY015/PY016."""

from __future__ import annotations

import ast
import textwrap

import pytest

from hms_policy.adapters.bandit_inputs import built_from_constants


def judge(source: str, kind: str = "sql") -> bool:
    source = textwrap.dedent(source)
    line = next(i for i, text in enumerate(source.splitlines(), 1) if "# here" in text)
    return built_from_constants(ast.parse(source), line, kind)


@pytest.mark.parametrize(
    "source",
    [
        'def f(c):\n    c.execute(f"SELECT {LIMIT_COLUMN} FROM t")  # here\n',
        'def f(c, a):\n    col = "x" if a else "y"\n    c.execute(f"SELECT {col} FROM t")  # here\n',
        'def f(c):\n    c.execute(f"SELECT {\'NOW()\' if settings.PG else \'GETDATE()\'}")  # here\n',
        'def f(c):\n    c.execute("SELECT %s FROM t" % django.conf.settings.TABLE)  # here\n',
        'def f(c):\n    c.execute("SELECT a FROM t LIMIT %d" % 10)  # here\n',
    ],
)
def test_constant_sql(source: str) -> None:
    assert judge(source)


@pytest.mark.parametrize(
    "source",
    [
        'def f(c, col):\n    c.execute(f"SELECT {col} FROM t")  # here\n',
        'def f(c):\n    col = pick()\n    c.execute(f"SELECT {col} FROM t")  # here\n',
        'def f(c):\n    col = "a"\n    with open("x") as col:\n        pass\n    c.execute(f"SELECT {col} FROM t")  # here\n',
        'def f(c, items):\n    for col in items:\n        c.execute("SELECT " + col)  # here\n',
        'def f(c):\n    c.execute(f"SELECT {unknown} FROM t")  # here\n',
        'def f(c, request):\n    c.execute(f"SELECT {request.GET} FROM t")  # here\n',
        'def f(c, self):\n    c.execute(f"SELECT {self.TABLE} FROM t")  # here\n',
    ],
)
def test_input_sql(source: str) -> None:
    assert not judge(source)


def test_shell_paths_of_the_script_are_constant() -> None:
    source = """
    import os, subprocess
    def f():
        here = os.path.dirname(os.path.abspath(__file__))
        for cmd in [f"pip install -r {here}/r.txt"]:
            subprocess.run(cmd, shell=True)  # here
    """
    assert judge(source, "shell")


def test_shell_argv_is_input() -> None:
    assert not judge('import os, sys\nos.system("run " + sys.argv[1])  # here\n', "shell")


def test_sql_does_not_follow_calls() -> None:
    # os.path helpers make a constant only for shell commands: in SQL a call result is input.
    assert not judge('def f(c):\n    c.execute("SELECT * FROM " + os.path.basename(__file__))  # here\n')
