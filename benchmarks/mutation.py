"""Mutation score of the fast tests, with a minimal built-in AST mutator (mutmut 3.8.1 downloads
here, but was not wired up in the time available).

Each mutant changes one thing in a module (+ ↔ -, * ↔ /, a numeric constant c → c + 1, a
comparison < ↔ >=, <= ↔ >, == ↔ !=), is written in place, the given tests run, and the file is
restored. A mutant is killed when the tests fail.

    .venv/bin/python benchmarks/mutation.py scripts/initlab/gains.py tests/initlab
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SWAP = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
        ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE, ast.LtE: ast.Gt,
        ast.Eq: ast.NotEq, ast.NotEq: ast.Eq}  # fmt: skip


def sites(tree: ast.AST) -> list[tuple[int, str]]:
    """(index in ast.walk order, description) of every mutable node."""
    found = []
    for index, node in enumerate(ast.walk(tree)):
        if isinstance(node, ast.BinOp | ast.AugAssign) and type(node.op) in SWAP:
            found.append((index, f"line {node.lineno}: {type(node.op).__name__}"))
        elif isinstance(node, ast.Compare) and type(node.ops[0]) in SWAP:
            found.append((index, f"line {node.lineno}: {type(node.ops[0]).__name__}"))
        elif (isinstance(node, ast.Constant) and type(node.value) in (int, float)
              and not isinstance(node.value, bool)):  # fmt: skip
            found.append((index, f"line {node.lineno}: {node.value!r} + 1"))
    return found


def mutant(source: str, target: int) -> str:
    tree = ast.parse(source)
    for index, node in enumerate(ast.walk(tree)):
        if index != target:
            continue
        if isinstance(node, ast.BinOp | ast.AugAssign):
            node.op = SWAP[type(node.op)]()
        elif isinstance(node, ast.Compare):
            node.ops[0] = SWAP[type(node.ops[0])]()
        else:
            node.value = node.value + 1
    return ast.unparse(tree)


def main(module: str, *tests: str) -> int:
    path = Path(module)
    original = path.read_text(encoding="utf-8")
    killed = survived = 0
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    try:
        for index, where in sites(ast.parse(original)):
            path.write_text(mutant(original, index), encoding="utf-8")
            failed = subprocess.run(command, capture_output=True).returncode != 0
            killed += failed
            survived += not failed
            print(f"{'killed  ' if failed else 'SURVIVED'} {path}:{where}", flush=True)
    finally:
        path.write_text(original, encoding="utf-8")
    total = killed + survived
    print(f"killed {killed}, survived {survived}, score {killed / max(total, 1):.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*(sys.argv[1:] or ["scripts/initlab/gains.py", "tests/initlab"])))
