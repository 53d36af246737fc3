"""Every value has an expectation: each ``@value`` of ``scripts/topics/<page>/values.py`` is named
in a test of ``tests/topics/test_<page>.py`` that runs without the built site, so it is held to
something other than its own appearance on the page (a closed form, a second simulation, a bound
or an invariant: the test's own docstring and asserts say which)."""

import ast
import importlib

import pytest

from sitebuild import ROOT
from sitebuild.authoring.values import Value

TOPICS = sorted(path.parent.name for path in (ROOT / "scripts/topics").glob("*/values.py"))


def named_in_tests(topic: str, root=ROOT) -> set[str]:
    """Names of the values module's attributes that a test function not taking ``built_site``
    (or a module-level table of the test file) refers to."""
    path = root / "tests/topics" / f"test_{topic}.py"
    if not path.exists():
        return set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == f"topics.{topic}"
        for alias in node.names
        if alias.name == "values"
    } | {"values"}
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if any(arg.arg == "built_site" for arg in node.args.args):
                continue
        for inner in ast.walk(node):
            if (isinstance(inner, ast.Attribute) and isinstance(inner.value, ast.Name)
                    and inner.value.id in aliases):  # fmt: skip
                names.add(inner.attr)
    return names


@pytest.mark.parametrize("topic", TOPICS)
def test_every_value_is_held_to_an_expectation_by_its_pages_tests(topic):
    module = importlib.import_module(f"topics.{topic}.values")
    values = {name for name, item in vars(module).items() if isinstance(item, Value)}
    missing = sorted(values - named_in_tests(topic))
    assert missing == [], f"tests/topics/test_{topic}.py does not test {missing}"


def test_the_guard_sees_a_value_used_only_on_the_page(tmp_path):
    """A test file that names a value only in a built_site test leaves it missing."""
    tests = tmp_path / "tests/topics"
    tests.mkdir(parents=True)
    (tests / "test_xavier.py").write_text(
        "from topics.xavier import values as v\n\n"
        "def test_page(built_site):\n    assert v.width.text()\n\n"
        "def test_other():\n    assert v.hidden_layers.compute() == 5\n"
    )
    assert named_in_tests("xavier", tmp_path) == {"hidden_layers"}
