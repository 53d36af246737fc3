"""Mutation score of the fast tests, module by module, in a throw-away copy of the project.

    .venv/bin/pip install mutmut==3.8.1
    nice .venv/bin/python benchmarks/mutation.py initlab xavier reference
    nice .venv/bin/python benchmarks/mutation.py initlab --only network.py --mutator mutmut
    nice .venv/bin/python benchmarks/mutation.py effects --only experiment.py --mutator mutmut \
        --keep /tmp/mutation --children 2   # hours: stop it any time, run it again to resume

A target is ``initlab`` (``scripts/initlab/*.py`` against ``tests/initlab/``) or a topic's name
(its ``experiment.py``, ``values.py`` and ``derivations.py`` against
``tests/topics/test_<topic>.py``, the page's own claims and exercises in ``test_claims.py``
and ``test_exercises.py``, and ``test_printed_functions.py``, which pins every page's LaTeX).
Only the fast tests run: a test that needs the built site is left out, so no mutant builds it.
Each target is mutated in its own copy of ``scripts/`` and ``tests/`` under a temporary folder;
the checkout is never written, and a run may be stopped at any time.

Two mutators, because neither alone reaches all of this project's code:

* **mutmut 3.8.1** (maintained, about thirty operators: arithmetic, comparisons, ``and``/``or``,
  constants, strings, arguments dropped or set to ``None``, ``return`` values, ...) mutates the
  body of every function that has no decorator. By design it skips decorated functions and
  module-level code, which here is every ``@value``, every ``functools.cache``'d run and every
  derivation's ``Step(...)``.
* **The built-in AST mutator** below mutates exactly what mutmut skips: ``+``/``-``, ``*``/``/``,
  ``**``→``*``, a unary minus dropped, ``and``/``or``, ``True``/``False``, a number ``c``→``c + 1``
  and the comparisons ``<``/``>=``, ``<=``/``>``, ``==``/``!=``, each mutant one change, written
  to the copy, the target's tests run (killed when they fail or run 10× longer than unmutated).

mutmut is not pinned in requirements.txt: nothing in the test command or the build needs it, it
brings libcst and setproctitle into every environment, and this benchmark is run by hand (a full
run takes hours on two cores). Without mutmut the script runs the built-in mutator alone and says
so. It prints every surviving mutant and, at the end, the score per module and mutator.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitebuild import ROOT

PYTHON = sys.executable

# Appended to the copy's tests/conftest.py: no mutant builds the site.
NO_SITE = """

def pytest_collection_modifyitems(config, items):
    items[:] = [i for i in items if "built_site" not in getattr(i, "fixturenames", ())]
"""

# Appended too, for mutmut only: while mutmut records which tests call each function (it runs only
# those on a mutant), every test starts with the topics' functools caches empty; with a cache, only
# the first test to ask for an experiment calls it, and a mutant of it would be judged by that test
# alone (xavier's snapshot with its pre-activations dropped survived that way). A mutant's worker
# (a process of its own, forked per mutant) empties them once, at its first test, for whatever
# collecting the tests filled, and its tests then share one run of the mutated experiment: emptied
# per test there too, the effects experiment retrained its networks for every test of every
# mutant (minutes a mutant).
FRESH_CACHES = """

import functools as _functools
import os as _os
import sys as _sys

import pytest as _pytest


_EMPTIED_IN = [None]  # the process whose caches were emptied last


@_pytest.fixture(autouse=True)
def _fresh_topic_caches():
    if _os.environ.get("MUTANT_UNDER_TEST") != "stats" and _EMPTIED_IN[0] == _os.getpid():
        return
    _EMPTIED_IN[0] = _os.getpid()
    for name, module in list(_sys.modules.items()):
        if name.startswith("topics.") and module is not None:
            for item in list(vars(module).values()):
                if isinstance(item, _functools._lru_cache_wrapper):
                    item.cache_clear()
"""


def target(name: str) -> tuple[list[str], list[str]]:
    """(modules under scripts/, pytest arguments: the test files and a selection) of a target."""
    if name == "initlab":
        modules = sorted(f"initlab/{p.name}" for p in (ROOT / "scripts/initlab").glob("[!_]*.py"))
        return modules, ["tests/initlab/test_initlab.py", "tests/initlab/test_frameworks.py"]
    folder = ROOT / "scripts/topics" / name
    if not folder.is_dir():
        raise SystemExit(f"unknown target {name!r}: initlab or a folder of scripts/topics/")
    modules = [
        f"topics/{name}/{m}.py"
        for m in ("experiment", "values", "derivations")
        if (folder / f"{m}.py").exists()
    ]
    # The page's claims and exercises are tests of its experiment too (the claims are the page's
    # sentences held to the data): the topic's own, picked by their parameter ids. The printed
    # functions' LaTeX is pinned for every page in one fast file (a few seconds): all of it.
    shared = ("tests/topics/test_claims.py", "tests/topics/test_exercises.py")
    printed = "tests/topics/test_printed_functions.py"
    own = f"(not test_claims and not test_exercises) or [{name}."
    return modules, [f"tests/topics/test_{name}.py", *shared, printed, "-k", own]


TOP_LEVEL = ("README.md", "mkdocs.yml", "pyproject.toml", "requirements.txt", "package.json")


def stage(where: Path, source: str) -> None:
    """A copy of the project a mutant may be written to: scripts/ as ``source``, the rest as is."""
    shutil.copytree(ROOT / "scripts", where / source, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "tests", where / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    (where / "docs").symlink_to(ROOT / "docs")
    # sitebuild.ROOT is the copy's folder, and the registry lists the topics under ROOT/scripts
    # (test_references and test_width read it): the name points at the mutated copy.
    (where / "scripts").symlink_to(source)
    for name in TOP_LEVEL:
        shutil.copy(ROOT / name, where / name)
    with open(where / "tests/conftest.py", "a", encoding="utf-8") as conftest:
        conftest.write(NO_SITE)


# --- the built-in mutator: what mutmut does not reach ------------------------------------------

SWAP = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.Pow: ast.Mult,
        ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE, ast.LtE: ast.Gt,
        ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.And: ast.Or, ast.Or: ast.And}  # fmt: skip


def mutmut_reaches(tree: ast.Module) -> set[int]:
    """ids of the nodes inside a function mutmut mutates: an undecorated function (or a
    staticmethod/classmethod) at module level or in a class at module level."""
    reached: set[int] = set()
    bodies = [tree.body] + [n.body for n in tree.body if isinstance(n, ast.ClassDef)]
    for body in bodies:
        for node in body:
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            decorators = [getattr(d, "id", None) for d in node.decorator_list]
            if decorators and decorators != ["staticmethod"] and decorators != ["classmethod"]:
                continue
            for inner in node.body:
                reached.update(id(n) for n in ast.walk(inner))
    return reached


def sites(tree: ast.Module, skip: set[int]) -> list[tuple[int, str]]:
    """(index in ast.walk order, description) of every mutable node not in ``skip``."""
    found = []
    for index, node in enumerate(ast.walk(tree)):
        if id(node) in skip:
            continue
        where = f"line {getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.BinOp | ast.AugAssign | ast.BoolOp) and type(node.op) in SWAP:
            found.append((index, f"{where}: {type(node.op).__name__}"))
        elif isinstance(node, ast.Compare) and type(node.ops[0]) in SWAP:
            found.append((index, f"{where}: {type(node.ops[0]).__name__}"))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            found.append((index, f"{where}: unary minus dropped"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
            found.append((index, f"{where}: {node.value} → {not node.value}"))
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
            found.append((index, f"{where}: {node.value!r} + 1"))
    return found


def mutant(source: str, target: int) -> str:
    """``source`` with the node at ``target`` (ast.walk order) changed."""
    tree = ast.parse(source)
    nodes = list(ast.walk(tree))
    node = nodes[target]
    if isinstance(node, ast.UnaryOp):  # replace the node in its parent
        for parent in nodes:
            for field, old in ast.iter_fields(parent):
                if old is node:
                    setattr(parent, field, node.operand)
                elif isinstance(old, list) and any(x is node for x in old):
                    old[[i for i, x in enumerate(old) if x is node][0]] = node.operand
        return ast.unparse(tree)
    if isinstance(node, ast.BinOp | ast.AugAssign | ast.BoolOp):
        node.op = SWAP[type(node.op)]()
    elif isinstance(node, ast.Compare):
        node.ops[0] = SWAP[type(node.ops[0])]()
    elif isinstance(node.value, bool):
        node.value = not node.value
    else:
        node.value = node.value + 1
    return ast.unparse(tree)


def run_builtin(name: str, modules: list[str], tests: list[str], skip_mutmut: bool) -> dict:
    scores = {}
    with tempfile.TemporaryDirectory(prefix=f"mutation-{name}-") as tmp:
        where = Path(tmp)
        stage(where, "src")
        env = {**os.environ, "PYTHONPATH": str(where / "src")}
        command = [PYTHON, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
        start = time.perf_counter()
        baseline = subprocess.run(command, cwd=where, env=env, capture_output=True, text=True)
        if baseline.returncode != 0:
            raise SystemExit(f"{name}: the tests fail unmutated:\n{baseline.stdout[-3000:]}")
        limit = 10 * (time.perf_counter() - start) + 10
        for module in modules:
            path = where / "src" / module
            original = path.read_text(encoding="utf-8")
            tree = ast.parse(original)
            skip = mutmut_reaches(tree) if skip_mutmut else set()
            killed, survivors = 0, []
            for index, description in sites(tree, skip):
                path.write_text(mutant(original, index), encoding="utf-8")
                try:
                    result = subprocess.run(command, cwd=where, env=env, capture_output=True,
                                            timeout=limit)  # fmt: skip
                    dead = result.returncode != 0
                except subprocess.TimeoutExpired:
                    dead = True
                killed += dead
                if not dead:
                    survivors.append(f"scripts/{module}:{description}")
                    print(f"SURVIVED (built-in) scripts/{module}:{description}", flush=True)
            path.write_text(original, encoding="utf-8")
            scores[module] = (killed, survivors)
    return scores


# --- mutmut ------------------------------------------------------------------------------------


def sources_digest(modules: list[str], tests: list[str]) -> str:
    """What a kept workspace was staged from: every file under scripts/, tests/ and docs/, the
    modules mutated and the tests run."""
    digest = hashlib.sha256(json.dumps([modules, tests]).encode())
    for folder in ("scripts", "tests", "docs"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@contextlib.contextmanager
def mutmut_workspace(name: str, modules: list[str], tests: list[str], keep: Path | None):
    """A throw-away copy staged for mutmut; or, with ``--keep``, the folder ``keep/name``, staged
    the first time and resumed after (mutmut keeps each mutant's result: a run of hours, as the
    effects experiment's, can be stopped and taken up again). A kept folder staged from other
    sources is refused, not resumed: its results would be of other code."""
    if keep is None:
        with tempfile.TemporaryDirectory(prefix=f"mutmut-{name}-") as tmp:
            stage_for_mutmut(Path(tmp), modules, tests)
            yield Path(tmp)
        return
    where, digest = keep / name, sources_digest(modules, tests)
    if where.exists():
        staged = (where / "STAGED-FROM").read_text(encoding="utf-8")
        if staged != digest:
            raise SystemExit(f"{where} was staged from other sources: delete it to start again")
        print(f"resuming {where}: a mutant with a result keeps it", flush=True)
    else:
        where.mkdir(parents=True)
        stage_for_mutmut(where, modules, tests)
        (where / "STAGED-FROM").write_text(digest, encoding="utf-8")
    yield where


def stage_for_mutmut(where: Path, modules: list[str], tests: list[str]) -> None:
    stage(where, "src")
    with open(where / "tests/conftest.py", "a", encoding="utf-8") as conftest:
        conftest.write(FRESH_CACHES)
    (where / "docs").unlink()
    shutil.copytree(ROOT / "docs", where / "docs")  # mutmut copies it into mutants/
    only = ", ".join(f'"src/{m}"' for m in modules)
    selection = ", ".join(f'"{t}"' for t in tests)
    (where / "pyproject.toml").write_text(
        "[tool.mutmut]\n"
        'source_paths = ["src"]\n'
        f"only_mutate = [{only}]\n"
        f"pytest_add_cli_args_test_selection = [{selection}]\n"
        f"also_copy = {json.dumps(['docs', 'scripts', *TOP_LEVEL])}\n"
        "use_git_change_detection = false\n"
        # Fork each mutant's worker from a server that has only collected the tests: forked
        # from mutmut's main process (the default), a worker inherits every functools.cache
        # the clean run filled, and a mutant of a cached experiment never runs.
        'process_isolation = "forkserver"\n'
        "[tool.pytest.ini_options]\n"
        'addopts = "-p no:cacheprovider --import-mode=importlib"\n',
        encoding="utf-8",
    )


def run_mutmut(name: str, modules: list[str], tests: list[str], keep: Path | None = None,
               children: int = 1) -> dict:  # fmt: skip
    from mutmut.stats import status_by_exit_code

    scores = {}
    with mutmut_workspace(name, modules, tests, keep) as where:
        run = subprocess.run([PYTHON, "-m", "mutmut", "run", "--max-children", str(children)],
                             cwd=where, capture_output=True, text=True)  # fmt: skip
        if "could not find any test case for any mutant" in run.stdout:
            # mutmut mutates no function any test calls (a module of constants and decorated
            # functions, as a topic's values are): nothing for it here, "—" in the table.
            return scores
        if run.returncode != 0 or not (where / "mutants").is_dir():
            raise SystemExit(f"{name}: mutmut failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
        for module in modules:
            meta = where / "mutants" / "src" / (module + ".meta")
            codes = json.loads(meta.read_text())["exit_code_by_key"] if meta.exists() else {}
            survivors = []
            killed = 0
            for key, code in sorted(codes.items()):
                status = status_by_exit_code[code]
                if status in ("killed", "timeout", "caught by type check"):
                    killed += 1
                    continue
                # survived, or "no tests": no test ran the function after import (a function
                # called only while the module is imported, say, which mutmut cannot switch)
                diff = subprocess.run([PYTHON, "-m", "mutmut", "show", key], cwd=where,
                                      capture_output=True, text=True).stdout  # fmt: skip
                changed = [line for line in diff.splitlines()
                           if line[:1] in "+-" and line[:3] not in ("+++", "---")]  # fmt: skip
                survivors.append(f"{key} ({status}): {' | '.join(changed)}")
                print(f"SURVIVED (mutmut) {survivors[-1]}", flush=True)
            scores[module] = (killed, survivors)
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", default=["initlab"])
    parser.add_argument("--only", help="mutate only the target's modules whose path contains this")
    parser.add_argument("--mutator", choices=("both", "built-in", "mutmut"), default="both")
    parser.add_argument("--json", type=Path, help="also write the scores and survivors here")
    parser.add_argument("--keep", type=Path, help="mutmut: stage in KEEP/<target> and keep it; "
                        "run again to resume where it stopped")  # fmt: skip
    parser.add_argument("--children", type=int, default=1, help="mutmut: mutants run at once")
    args = parser.parse_args()
    have_mutmut = importlib.util.find_spec("mutmut") is not None
    if not have_mutmut:
        print("mutmut is not installed (pip install mutmut==3.8.1): built-in mutator only")
    table, report = [], {}
    for name in args.targets:
        modules, tests = target(name)
        modules = [m for m in modules if args.only is None or args.only in m]
        engines = {}
        if args.mutator != "mutmut":
            engines["built-in"] = run_builtin(name, modules, tests, skip_mutmut=have_mutmut)
        if have_mutmut and args.mutator != "built-in" and modules:
            engines["mutmut"] = run_mutmut(name, modules, tests, args.keep, args.children)
        for engine, scores in engines.items():
            for module, (killed, survivors) in scores.items():
                total = killed + len(survivors)
                table.append((f"scripts/{module}", engine, killed, total))
                report[f"scripts/{module} {engine}"] = {"killed": killed, "total": total,
                                                        "survived": survivors}  # fmt: skip
    print(f"\n{'module':48} {'mutator':9} {'killed':>7} {'total':>6} {'score':>6}")
    for module, engine, killed, total in table:
        score = f"{killed / total:.0%}" if total else "-"
        print(f"{module:48} {engine:9} {killed:7d} {total:6d} {score:>6}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
