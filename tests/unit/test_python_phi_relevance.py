"""The walk skips definitions that cannot produce a flow (python_phi/relevance.py), and
skipping never changes what it finds."""

from __future__ import annotations

import ast
import random
from pathlib import Path

import pytest

from hms_policy.detectors.code import python_phi
from hms_policy.detectors.code.python_phi import analyse
from hms_policy.detectors.code.python_phi.relevance import Relevance
from hms_policy.model import TargetKind
from hms_policy.targets.document import Document, SourceFile

RULES = Path(__file__).resolve().parent.parent / "rules"


def _doc(text: str) -> Document:
    data = text.encode()
    return Document(SourceFile("svc.py", TargetKind.PYTHON, len(data), "", data))


def _def(source: str, name: str) -> ast.FunctionDef | ast.ClassDef:
    return next(n for n in ast.walk(ast.parse(source)) if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.name == name)


class _WalkEverything(Relevance):
    def may_flow(self, node: object, env_tainted: bool) -> bool:  # type: ignore[override]
        return True


# Pieces of modules: sources spelled many ways, closures over tainted names, receivers,
# definitions with no patient word at all, and the sinks that report them.
SNIPPETS = [
    "def f(p):\n    logger.info('x %s', p.date_of_birth)",
    "def f(row):\n    logger.info(row['date of birth'])",
    "def f(row):\n    print(row.get('e-mail'))",
    "def f(x: 'Patient | None'):\n    logger.info('%s', x)",
    "def f(x: Optional[Patient]):\n    raise ValueError(x)",
    "def outer(p):\n    value = p.ssn\n    def inner():\n        logger.warning(value)\n    return inner",
    "value = record.mrn\ndef later():\n    logger.info(value)",
    "held = lookup()\ndef uses_module_name():\n    logger.info(held)",
    "class Handler:\n    def handle(self, q):\n        logger.error(q)",
    "class Service:\n    def run(self, req):\n        mrn = req.args['m']\n        logger.info(mrn)",
    "@receiver(post_save, sender=Patient)\ndef on_save(sender, instance, **kw):\n    logger.info(instance)",
    "def on_change(sender, instance, **kw):\n    logger.info(instance)\npost_save.connect(on_change, sender=Patient)",
    "def compute(a, b):\n    total = a + b\n    logger.debug('total %s', total)\n    return total",
    "def plain(items):\n    for item in items:\n        print(item)",
    "@app.errorhandler(404)\ndef missing(err):\n    return jsonify({'dob': err.description})",
    "def view(req):\n    try:\n        do(req)\n    except Exception:\n        return jsonify({'first name': req.first_name})",
    "def f(pt):\n    lastName = pt.getLastName()\n    log.info(lastName)",
    "def f(p):\n    s = 'date of' \\\n        ' birth'\n    logger.info(p[s])",
    "def nested():\n    def deeper(patient):\n        logger.info(patient)\n    return deeper",
    "def g(x):\n    # patient data is never logged here\n    logger.info(x)",
]


def _corpus() -> list[str]:
    sources = [p.read_text() for d in ("PY001", "PY002", "PY003") for p in sorted((RULES / d).rglob("*.py"))]
    sources += SNIPPETS
    rng = random.Random(20261207)
    for _ in range(150):
        sources.append("\n\n".join(rng.sample(SNIPPETS, rng.randint(2, 6))) + "\n")
    return sources


def test_skipping_never_changes_a_flow(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus()
    pruned = [analyse(_doc(source)) for source in corpus]
    monkeypatch.setattr(python_phi, "Relevance", _WalkEverything)
    whole = [analyse(_doc(source)) for source in corpus]
    assert pruned == whole
    assert sum(map(len, whole)) > 100  # the corpus exercises the walk


def test_a_definition_with_no_patient_word_is_skipped() -> None:
    source = "def compute(a, b):\n    logger.info(a + b)\n\ndef f(p):\n    logger.info(p.ssn)\n"
    relevance = Relevance(source, frozenset())
    assert not relevance.may_flow(_def(source, "compute"), env_tainted=False)
    assert relevance.may_flow(_def(source, "f"), env_tainted=False)


def test_a_tainted_enclosing_scope_or_a_receiver_keeps_it() -> None:
    source = "def compute(a, b):\n    logger.info(a + b)\n"
    assert Relevance(source, frozenset()).may_flow(_def(source, "compute"), env_tainted=True)
    assert Relevance(source, frozenset({"compute"})).may_flow(_def(source, "compute"), env_tainted=False)


@pytest.mark.parametrize(
    "source",
    [
        "@receiver(post_save, sender=Patient)\ndef on_save(sender, instance):\n    logger.info(instance)\n",
        "def f(row):\n    logger.info(row['Date Of  Birth'])\n",
        "def f(row):\n    logger.info(row.eMail)\n",
        "def f(x: 'Patient | None'):\n    logger.info(x)\n",
    ],
)
def test_every_spelling_of_a_source_keeps_it(source: str) -> None:
    name = "on_save" if "on_save" in source else "f"
    assert Relevance(source, frozenset()).may_flow(_def(source, name), env_tainted=False)
