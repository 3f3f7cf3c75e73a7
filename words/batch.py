"""Pausing Python's cyclic garbage collector while a large letter is built.

Loading and compiling the letter of a big programme creates a few hundred thousand small
objects at once (rows, paragraphs). Each allocation burst makes the collector walk every live
object again, which took about half the time; none of these objects form cycles, so reference
counting frees them all the same. The collector runs again as soon as the work is done.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def collector_paused() -> Iterator[None]:
    # Only the outermost pause switches it back on: nested or concurrent pauses see it off.
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def without_collector(work: Callable[P, R]) -> Callable[P, R]:
    """``work`` with the collector paused while it runs."""

    @wraps(work)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        with collector_paused():
            return work(*args, **kwargs)

    return paused
