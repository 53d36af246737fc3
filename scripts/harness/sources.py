"""What a module's source types: its strings as the page will read them, for tests that look for
a number typed where it should be printed from the value it names."""

from __future__ import annotations

import ast
import re

from sitebuild.pipeline import registry


def plain_strings(source: str) -> list[tuple[int, str]]:
    """Every string the module builds, implicitly concatenated parts joined (as the parser joins
    them), with its line: what is printed from a value reads "{}", what is typed stays.
    Docstrings are left out (the page shows none)."""
    tree = ast.parse(source)
    docstrings = {
        id(node.value) for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }  # fmt: skip
    inside_fstrings = {
        id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
        for part in node.values
    }  # fmt: skip
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(
                part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
            )
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in docstrings or id(node) in inside_fstrings:
                continue
            text = node.value
        else:
            continue
        found.append((node.lineno, text))
    return sorted(found)


def found(pattern: re.Pattern, source: str) -> list[tuple[int, str]]:
    """The strings of ``source`` (see :func:`plain_strings`) in which ``pattern`` is found."""
    return [(line, text) for line, text in plain_strings(source) if pattern.search(text)]


def typed_in_topics(stem: str, pattern: re.Pattern) -> list[str]:
    """``"<file> of <topic>, line <n>: <string>"`` for each string of every topic's module
    ``<stem>.py`` (``derivations``, ``figures``) in which ``pattern`` is found."""
    return [
        f"{module.path.name} of {module.topic}, line {line}: {text}"
        for module in registry.modules()
        if module.path.stem == stem
        for line, text in found(pattern, module.path.read_text())
    ]
