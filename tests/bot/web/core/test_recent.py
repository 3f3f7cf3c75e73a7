"""Read models kept a few seconds: used while fresh, never after a change made on a page."""

from __future__ import annotations

import threading
from itertools import count

from bot.web.core.recent import Recent


class Seconds:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_value_is_kept_while_fresh_and_made_again_after() -> None:
    seconds = Seconds()
    recent = Recent(fresh=5.0, seconds=seconds)
    made = count(1)
    assert recent.get("dashboard", lambda: next(made)) == 1
    seconds.now += 4.9
    assert recent.get("dashboard", lambda: next(made)) == 1
    seconds.now += 0.2
    assert recent.get("dashboard", lambda: next(made)) == 2


def test_a_change_drops_everything_kept() -> None:
    recent = Recent(seconds=Seconds())
    made = count(1)
    assert recent.get(("register", 1), lambda: next(made)) == 1
    recent.changed()
    assert recent.get(("register", 1), lambda: next(made)) == 2


def test_a_value_made_while_a_change_came_is_not_kept() -> None:
    recent = Recent(seconds=Seconds())

    def racing() -> str:
        recent.changed()  # a page wrote while this was being computed
        return "old"

    assert recent.get("k", racing) == "old"
    assert recent.get("k", lambda: "new") == "new"


def test_the_oldest_entries_go_first_when_full() -> None:
    recent = Recent(size=2, seconds=Seconds())
    for key in ("a", "b", "c"):
        recent.get(key, lambda key=key: key.upper())  # type: ignore[misc]
    assert recent.get("a", lambda: "again") == "again"
    assert recent.get("c", lambda: "again") == "C"


def test_requests_at_once_wait_for_one_computation() -> None:
    recent = Recent(seconds=Seconds())
    started, release = threading.Event(), threading.Event()
    made = count(1)

    def slow() -> int:
        started.set()
        release.wait(5)
        return next(made)

    answers: list[int] = []
    first = threading.Thread(target=lambda: answers.append(recent.get("k", slow)))
    first.start()
    started.wait(5)
    second = threading.Thread(target=lambda: answers.append(recent.get("k", slow)))
    second.start()
    release.set()
    first.join(5)
    second.join(5)
    assert answers == [1, 1]
