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

    def changed(self) -> None:
        """Something was written: nothing kept before it is used again."""
        with self._lock:
            self.generation += 1
            self._kept.clear()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The kept value of ``key`` while fresh, else ``make()`` (kept for the next)."""
        now = self.seconds()
        with self._lock:
            found = self._kept.get(key)
            generation = self.generation
            if found is not None and found[1] == generation and now - found[0] < self.fresh:
                self._kept.move_to_end(key)
                return found[2]  # type: ignore[return-value]
        value = make()  # outside the lock: two misses at once both compute, neither waits
        with self._lock:
            if self.generation == generation:  # not if a change came while computing
                self._kept[key] = (now, generation, value)
                self._kept.move_to_end(key)
                while len(self._kept) > self.size:
                    self._kept.popitem(last=False)
        return value
