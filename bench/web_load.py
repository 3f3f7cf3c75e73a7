"""The load of bench.web: concurrent users each opening their pages one after the other.

    .venv/bin/python -m bench.web_load < spec.json

``bench.web`` runs this as a process of its own for each turn of a server, with the turn's
``Spec`` on stdin, and reads the samples it prints as JSON. Each user has a client of their
own (their own cookies, one kept-alive connection) and asks for the next page as soon as the
last one came back: closed-loop, as people clicking through pages do, ``users`` of them at
once. The first ``warmup`` requests of the turn are marked so the server's timer leaves them
out. It imports no web framework and no database, so it starts in a moment and leaves the
cores to the server.
"""

from __future__ import annotations

import asyncio
import json
import math
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

    def dumps(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def loads(cls, text: str) -> Spec:
        return cls(**json.loads(text))


@dataclass(frozen=True, slots=True)
class Sample:
    """One measured request as the client saw it."""

    latency_ms: float
    status: int


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest rank: the smallest value that at least ``share`` of the values do not exceed."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


async def drive(spec: Spec) -> list[Sample]:
    total = spec.warmup + spec.requests
    issued = 0
    samples: list[Sample] = []

    async def user(paths: list[str], cookies: dict[str, str]) -> None:
        nonlocal issued
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
                try:
                    answer = await client.get(path, headers=headers)
                    status = answer.status_code
                except httpx.HTTPError:
                    status = NO_ANSWER
                if measured:
                    samples.append(Sample((time.perf_counter() - started) * 1000, status))

    await asyncio.gather(
        *(user(paths, cookies) for paths, cookies in zip(spec.paths, spec.cookies, strict=True))
    )
    return samples


def main() -> int:
    spec = Spec.loads(sys.stdin.read())
    samples = asyncio.run(drive(spec))
    json.dump([asdict(s) for s in samples], sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
