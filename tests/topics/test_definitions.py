"""Every name a topic's module defines at its top level is used: by the module itself, by
another module, test or notebook that names the topic, or by a page; and every field of a topic's
dataclass is read somewhere. Code nothing calls is code no test can hold to anything (two unused
one-step checks were 15 and 3 of their modules' surviving mutants, an unread flag 8 more)."""

import ast
import re
from pathlib import Path

from sitebuild import ROOT


def defined(module: Path) -> list[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    names = [node.name for node in tree.body
             if isinstance(node, ast.FunctionDef | ast.ClassDef)]  # fmt: skip
    names += [target.id for node in tree.body if isinstance(node, ast.Assign)
              for target in node.targets if isinstance(target, ast.Name)]  # fmt: skip
    return names


def python_sources(root: Path) -> dict[Path, str]:
    """Every Python file that may use a topic's names: code, tests, benchmarks, notebooks."""
    return {path: path.read_text(encoding="utf-8")
            for folder in ("scripts", "tests", "benchmarks", "docs")
            for path in (root / folder).rglob("*.py")}  # fmt: skip


def unused(root: Path) -> list[str]:
    """``path: name`` for each top-level name of scripts/topics/*/*.py that nothing uses."""
    sources = python_sources(root)
    pages = "\n".join(path.read_text(encoding="utf-8") for path in (root / "docs").rglob("*.md"))
    found = []
    for module in sorted((root / "scripts/topics").glob("*/*.py")):
        topic = module.parent.name
        readers = [text for path, text in sources.items() if path != module
                   and (path.parent == module.parent or f"topics.{topic}" in text)]  # fmt: skip
        for name in defined(module):
            word = re.compile(rf"\b{re.escape(name)}\b")
            if len(word.findall(sources[module])) > 1 or word.search(pages):
                continue
            if not any(word.search(text) for text in readers):
                found.append(f"{module.relative_to(root)}: {name}")
    return found


def unread_fields(root: Path) -> list[str]:
    """``path: Class.field`` for each field of a dataclass in scripts/topics/ that no code reads
    as an attribute (``.field``) or passes by name (``field=``)."""
    code = "\n".join(python_sources(root).values())
    found = []
    for module in sorted((root / "scripts/topics").glob("*/*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            decorators = getattr(node, "decorator_list", [])
            if not any("dataclass" in ast.unparse(d) for d in decorators):
                continue
            for item in node.body:
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    field = item.target.id
                    if not re.search(rf"\.{field}\b|\b{field}=", code):
                        found.append(f"{module.relative_to(root)}: {node.name}.{field}")
    return found


def test_every_name_a_topic_defines_is_used():
    found = unused(ROOT)
    assert not found, "defined but used nowhere: " + "; ".join(found)


def demo_topic(root: Path, experiment: str) -> Path:
    """A topic ``demo`` under ``root`` whose experiment.py is ``experiment``; its folder."""
    topic = root / "scripts/topics/demo"
    topic.mkdir(parents=True)
    (topic / "experiment.py").write_text(experiment)
    return topic


def test_an_unused_function_is_found(tmp_path):
    topic = demo_topic(tmp_path, "def used():\n    pass\n\n\ndef orphan():\n    pass\n")
    (topic / "values.py").write_text("from topics.demo import experiment as ex\n\nX = ex.used()\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/demo.md").write_text("{{ value X }}\n")
    assert unused(tmp_path) == ["scripts/topics/demo/experiment.py: orphan"]


def test_every_field_of_a_topics_dataclass_is_read():
    found = unread_fields(ROOT)
    assert not found, "fields nothing reads: " + "; ".join(found)


def test_an_unread_field_is_found(tmp_path):
    demo_topic(
        tmp_path,
        "from dataclasses import dataclass\n\n\n@dataclass(frozen=True)\nclass Run:\n"
        "    loss: float\n    flag: bool\n\n\ndef final(run):\n    return run.loss\n",
    )
    assert unread_fields(tmp_path) == ["scripts/topics/demo/experiment.py: Run.flag"]
