"""The load of bench.web: concurrent users each opening their pages one after the other.

    .venv/bin/python -m bench.web_load < spec.json

``bench.web`` runs this as a process of its own for each turn of a server, with the turn's
``Spec`` on stdin, and reads the samples it prints as JSON. Each user has a client of their
own (their own cookies, one kept-alive connection) and asks for the next page when the last
one came back and they have looked at it a while (``think`` seconds on average, drawn
exponentially, so the users do not fall into step): closed-loop, as people clicking through
pages do, ``users`` of them at once. With ``think`` 0 they ask as fast as the server answers,
which measures its queue more than its pages. The first ``warmup`` requests of the turn are
marked so the server's timer leaves them out. It imports no web framework and no database,
so it starts in a moment and leaves the cores to the server.
"""

from __future__ import annotations

import asyncio
import json
import math
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Final

import httpx2 as httpx

TIMEOUT: Final = 60.0  # seconds: a slow answer is a measurement, not an error
NO_ANSWER: Final = 0  # the status recorded when a request got no HTTP answer at all
TAG_HEADER: Final = "x-bench"  # "warmup" or "measure", for the server's timer
WARMUP: Final = "warmup"
MEASURE: Final = "measure"


@dataclass(frozen=True, slots=True)
class Spec:
    base: str  # the server's base URL
    paths: list[list[str]]  # per user, the addresses they open in turn (round and round)
    cookies: list[dict[str, str]]  # per user, what they are signed in with (may be empty)
    requests: int  # measured, over all users together
    warmup: int  # before those, not measured
    think: float  # seconds a user looks at a page before the next, on average

    def dumps(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def loads(cls, text: str) -> Spec:
        return cls(**json.loads(text))


@dataclass(frozen=True, slots=True)
class Sample:
    """One measured request as the client saw it."""

    started: float  # seconds, on this process's clock
    latency_ms: float
    status: int


def rate(samples: Sequence[Sample]) -> float:
    """Requests a second, over the time from the first one sent to the last one answered."""
    if not samples:
        return 0.0
    first = min(s.started for s in samples)
    last = max(s.started + s.latency_ms / 1000 for s in samples)
    return len(samples) / (last - first) if last > first else 0.0


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest rank: the smallest value that at least ``share`` of the values do not exceed."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


async def _get(client: httpx.AsyncClient, path: str, headers: dict[str, str]) -> int:
    """The answer's status; NO_ANSWER when there was none. A kept-alive connection the
    server closed as idle (uvicorn after 5 s) just as the request left is tried once more on
    a new one, as browsers do with a GET; the time of both counts."""
    for attempt in range(2):
        try:
            answer = await client.get(path, headers=headers)
        except httpx.TransportError:
            if attempt == 0:
                continue
            return NO_ANSWER
        except httpx.HTTPError:
            return NO_ANSWER
        return answer.status_code
    return NO_ANSWER


async def drive(spec: Spec) -> list[Sample]:
    total = spec.warmup + spec.requests
    issued = 0
    samples: list[Sample] = []

    async def user(number: int, paths: list[str], cookies: dict[str, str]) -> None:
        nonlocal issued
        looks = random.Random(number)  # the same pauses in every turn, for every server
        if spec.think > 0:  # not all at once at the start
            await asyncio.sleep(looks.uniform(0, spec.think))
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(
            base_url=spec.base, cookies=cookies, limits=limits, timeout=TIMEOUT
        ) as client:
            turn = 0
            while issued < total:
                measured = issued >= spec.warmup
                issued += 1
                path = paths[turn % len(paths)]
                turn += 1
                headers = {TAG_HEADER: MEASURE if measured else WARMUP}
                started = time.perf_counter()
                status = await _get(client, path, headers)
                if measured:
                    took = (time.perf_counter() - started) * 1000
                    samples.append(Sample(started, took, status))
                if spec.think > 0:
                    await asyncio.sleep(looks.expovariate(1 / spec.think))

    users = zip(spec.paths, spec.cookies, strict=True)
    await asyncio.gather(*(user(n, paths, cookies) for n, (paths, cookies) in enumerate(users)))
    return samples


def main() -> int:
    spec = Spec.loads(sys.stdin.read())
    samples = asyncio.run(drive(spec))
    json.dump([asdict(s) for s in samples], sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
