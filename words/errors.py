"""The small exception hierarchy of Voortgang.

Adapters translate platform errors into these, so the sender and the handlers decide what
to do (retry later, give up, answer the person) without knowing the platform.
"""

from __future__ import annotations


class VoortgangError(Exception):
    """Base of every error Voortgang raises on purpose."""


class DeliveryError(VoortgangError):
    """A message could not be delivered by a chat platform."""

    def __init__(self, reason: str, *, permanent: bool = False, ambiguous: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        # Permanent: retrying cannot help (unknown user, app removed, invalid token).
        self.permanent = permanent
        # Ambiguous: the platform may have acted on it (a timeout after the request left), so
        # the sender asks the port (Port.find) before it tries again, also after a restart.
        self.ambiguous = ambiguous


class RetryAfter(DeliveryError):  # noqa: N818 - reads as what the platform said
    """The platform asked to wait: reschedule the message instead of sleeping."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds:g} s")
        self.seconds = seconds


class Unreachable(DeliveryError):  # noqa: N818 - reads as the state of the person
    """The person cannot be reached on this platform (no identity, app not installed)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, permanent=True)


class NotOursError(VoortgangError, ValueError):
    """A button, action or form a chat platform delivered that Voortgang did not produce: another
    app's, or data our messages never send. Slack's and Teams' adapters ignore it."""


class FormPayloadError(NotOursError):
    """A submitted form that is not one Voortgang put on a message (its metadata is not ours)."""
