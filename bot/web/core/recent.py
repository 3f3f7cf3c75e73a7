"""Pages' read models kept for a few seconds: when fifty people open a programme's dashboard
at once, it is computed once, not fifty times.

An entry is used only while it is younger than ``FRESH`` and no change was made through the web
app since it was computed (``Site.write`` counts changes: a change made on a page shows on the
next page at once). What changes elsewhere (a reply in chat, the clock's pings) shows within
``FRESH``. Only what is the same for every reader is kept: the key names the programme and
everything the model depends on (the reader's language and zone, the day, the filter), and
permissions are checked per request before an entry is looked at.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Final, TypeVar

T = TypeVar("T")
FRESH: Final = 5.0  # seconds
SIZE: Final = 512  # entries: a few per programme and view in use


class Recent:
    def __init__(
        self, fresh: float = FRESH, size: int = SIZE, seconds: Callable[[], float] = time.monotonic
    ) -> None:
        self.fresh = fresh
        self.size = size
        self.seconds = seconds
        self.generation = 0  # changes made through the web app, in this process
        self._kept: OrderedDict[Hashable, tuple[float, int, object]] = OrderedDict()
        self._lock = threading.Lock()
        # One computation of a key at a time: when it is due, the first request computes and
        # the others wait for it rather than all computing at once (and slowing each other).
        self._making: dict[Hashable, threading.Lock] = {}

    def changed(self) -> None:
        """Something was written: nothing kept before it is used again."""
        with self._lock:
            self.generation += 1
            self._kept.clear()
            self._making.clear()  # a computation under way keeps its own lock

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The kept value of ``key`` while fresh, else ``make()`` (kept for the next)."""
        found = self._fresh(key)
        if found is not None:
            return found[0]  # type: ignore[return-value]
        with self._lock:
            making = self._making.setdefault(key, threading.Lock())
        with making:
            found = self._fresh(key)  # made while this one waited
            if found is not None:
                return found[0]  # type: ignore[return-value]
            now = self.seconds()
            generation = self.generation
            value = make()
            with self._lock:
                if self.generation == generation:  # not if a change came while computing
                    self._kept[key] = (now, generation, value)
                    self._kept.move_to_end(key)
                    while len(self._kept) > self.size:
                        old, _ = self._kept.popitem(last=False)
                        self._making.pop(old, None)
            return value

    def _fresh(self, key: Hashable) -> tuple[object] | None:
        now = self.seconds()
        with self._lock:
            found = self._kept.get(key)
            if found is not None and found[1] == self.generation and now - found[0] < self.fresh:
                self._kept.move_to_end(key)
                return (found[2],)
        return None
