"""One error root: every exception class of ours derives from VoortgangError, defined once."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections import defaultdict
from functools import cache
from types import ModuleType

from words.errors import VoortgangError

PACKAGES = ("bot", "handlers", "storage", "config", "words")
# Alembic's migrations run inside alembic's own context, not as modules of ours to import.
SKIPPED = ("storage.migrations",)


def product_modules() -> list[ModuleType]:
    """Every module of the product packages, imported."""
    modules: list[ModuleType] = []
    for name in PACKAGES:
        package = importlib.import_module(name)
        modules.append(package)
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{name}."):
            # A __main__ runs the command line when imported: it defines nothing.
            if info.name.startswith(SKIPPED) or info.name.endswith(".__main__"):
                continue
            modules.append(importlib.import_module(info.name))
    return modules


@cache
def exception_classes() -> tuple[type[BaseException], ...]:
    """The exception classes defined (not merely imported) in the product's modules."""
    found: list[type[BaseException]] = []
    for module in product_modules():
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__ == module.__name__:
                found.append(value)
    return tuple(found)


def test_the_walk_finds_the_errors() -> None:
    names = {error.__name__ for error in exception_classes()}
    assert {"VoortgangError", "DeadlineError", "PeriodError", "NotOursError"} <= names


def test_every_error_of_ours_derives_from_voortgang_error() -> None:
    strays = sorted(
        f"{error.__module__}.{error.__qualname__}"
        for error in exception_classes()
        if not issubclass(error, VoortgangError)
    )
    assert strays == []


def test_no_error_is_defined_twice() -> None:
    where: defaultdict[str, list[str]] = defaultdict(list)
    for error in exception_classes():
        where[error.__name__].append(error.__module__)
    assert {name: modules for name, modules in where.items() if len(modules) > 1} == {}
