"""What stands before every API call: the bearer token, and how often it may ask.

The limit is a token bucket per API token, kept in memory, so each web process counts on its
own: with two processes behind a balancer a token may ask up to twice the limit. That is
enough to stop a dashboard gone wild from crowding out people's pages, which is all it is for;
a token cannot be guessed (256 random bits), so failed attempts need no count of their own.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from words.errors import VoortgangError

PER_MINUTE: Final = 600
REALM: Final = 'Bearer realm="voortgang"'


class ApiError(VoortgangError):
    """A refusal, answered as JSON (``bot.web.api.api_routes``) with ``status``, its ``code``
    and the catalogue text ``api.error.<key>``."""

    def __init__(
        self,
        status: int,
        code: str,
        key: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, object] | None = None,
        problems: Sequence[tuple[tuple[str, ...], str]] = (),
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.key = key
        self.headers = dict(headers or {})
        self.params = dict(params or {})
        self.problems = tuple(problems)  # (where, what), as a validation error's


def unauthorized(*, token_given: bool) -> ApiError:
    # RFC 6750: a token that was sent and refused is "invalid_token"; none sent, no error code.
    challenge = f'{REALM}, error="invalid_token"' if token_given else REALM
    return ApiError(401, "unauthorized", "unauthorized", headers={"WWW-Authenticate": challenge})


def not_found() -> ApiError:
    return ApiError(404, "not_found", "not_found")


def unavailable() -> ApiError:
    return ApiError(503, "unavailable", "unavailable", headers={"Retry-After": "5"})


@dataclass
class RateLimiter:
    """At most ``per_minute`` calls a minute per key, in bursts of up to as many: each key's
    bucket holds that many calls and refills evenly over the minute."""

    per_minute: int = PER_MINUTE
    monotonic: Callable[[], float] = time.monotonic
    _buckets: dict[int, tuple[float, float]] = field(default_factory=dict)

    def take(self, key: int) -> int | None:
        """Spend one call of ``key``'s; None when it may go ahead, else the whole seconds to
        wait until it may."""
        now = self.monotonic()
        rate = self.per_minute / 60.0
        left, then = self._buckets.get(key, (float(self.per_minute), now))
        left = min(float(self.per_minute), left + max(0.0, now - then) * rate)
        if left < 1.0:
            self._buckets[key] = (left, now)
            return max(1, math.ceil((1.0 - left) / rate))
        self._buckets[key] = (left - 1.0, now)
        return None


def unknown_parameters(names: Iterable[str]) -> ApiError:
    # A parameter the call does not know is refused, not ignored: "stauts=open" would
    # otherwise quietly return every action.
    problems = [(("query", name), "Unknown parameter") for name in sorted(set(names))]
    return ApiError(422, "invalid", "invalid", problems=problems)


def rate_limited(seconds: int) -> ApiError:
    return ApiError(
        429,
        "rate_limited",
        "rate_limited",
        headers={"Retry-After": str(seconds)},
        params={"seconds": seconds},
    )
