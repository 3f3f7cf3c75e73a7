"""The house: short modules, one name one role, and the floors that import only downward.

The floors themselves are checked by import-linter (``lint-imports`` in ``make test``, the
contracts in pyproject.toml); these tests hold what it cannot say.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("words", "config", "storage", "handlers", "bot")
MAX_LINES = 500
# Parallel adapters play the same role side by side, so they may share module names; so do
# the catalogue's modules, each named after the part of the bot whose texts it holds, and the
# two readers of time in words (deadlines, periods), built the same way.
PARALLEL = (
    ("bot", "slack"),
    ("bot", "teams"),
    ("bot", "console"),
    ("words", "catalogue"),
    ("words", "deadlines"),
    ("words", "periods"),
)


def product_modules() -> list[Path]:
    return sorted(
        path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    )


def test_the_floors_are_all_there() -> None:
    assert [p for p in PACKAGES if not (ROOT / p / "__init__.py").is_file()] == []


@pytest.mark.parametrize("path", product_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_longer_than_a_reader_can_hold(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)}: {lines} lines"


def test_no_two_modules_share_a_name_unless_they_are_parallel() -> None:
    places: dict[str, list[str]] = defaultdict(list)
    for path in product_modules():
        parts = path.relative_to(ROOT).parts
        if path.name in {"__init__.py", "__main__.py"} or parts[:2] in PARALLEL:
            continue
        places[path.stem].append("/".join(parts))
    assert {name: where for name, where in places.items() if len(where) > 1} == {}


def _imported(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_tests_import_no_other_test_module() -> None:
    # Shared fixtures live in conftest.py files; helpers in modules that are not tests.
    tests = list((ROOT / "tests").rglob("test_*.py"))
    offenders = {
        str(p.relative_to(ROOT)): sorted(
            m for m in _imported(p) if m.rpartition(".")[2].startswith("test_")
        )
        for p in tests
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_tests_mirror_the_tree() -> None:
    # tests/<floor>/... beside what they test; the top of tests/ holds shared help, and this
    # file, whose subject is the whole house.
    loose = sorted(p.name for p in (ROOT / "tests").glob("test_*.py"))
    assert loose == ["test_house.py"]
    floors = {
        p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and (p / "__init__.py").exists()
    }
    assert floors <= {*PACKAGES, "bench", "support"}, floors


# What builds or runs SQL; the features and the bot hand that to storage.
SQL_BUILDERS = {"select", "insert", "update", "delete", "text", "func", "and_", "or_"}
SESSION_QUERIES = {"execute", "scalar", "scalars", "query", "get"}


@pytest.mark.parametrize("floor", ["handlers", "bot"])
def test_every_sql_statement_lives_in_storage(floor: str) -> None:
    found: list[str] = []
    for path in (ROOT / floor).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
                found += [f"{where} imports {a.name}" for a in node.names if a.name in SQL_BUILDERS]
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "session"
                and node.func.attr in SESSION_QUERIES
            ):
                found.append(f"{where} calls session.{node.func.attr}")
    assert found == []
