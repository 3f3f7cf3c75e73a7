"""Logs that keep no secrets from query strings.

uvicorn logs every request with its path and query string. Slack's OAuth redirect carries a
one-time code and the install's state there (``/slack/oauth_redirect?code=...&state=...``);
httpx, which the Teams port uses, logs every URL it calls, and the upload URL of a file in
OneDrive carries its credential in the query (``...?tempauth=...``). A log is read by more
people than the database, so in the lines of those two loggers every query value is replaced
by "…", the names kept: a line still says what came in or went out, not with what.
"""

from __future__ import annotations

import logging
import re
from typing import Final

# uvicorn's access log, and httpx's line per request (its URL in full).
LOGGERS: Final = ("uvicorn.access", "httpx")
REDACTED: Final = "…"
# A query string in a log line: from "?" to the next space or quote (uvicorn quotes the line).
_QUERY = re.compile(r"\?[^\s\"']*")
_VALUE = re.compile(r"=[^&;]*")


def redact(line: str) -> str:
    """``line`` with the value of every query parameter replaced by "…"."""
    return _QUERY.sub(lambda found: _VALUE.sub("=" + REDACTED, found.group(0)), line)


class RedactQueries(logging.Filter):
    """Redacts the query values in a record's message and in each of its text arguments;
    the arguments keep their places, which uvicorn's access formatter relies on."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_redacted(arg) for arg in record.args)
        return True


def _redacted(value: object) -> object:
    if isinstance(value, str):
        return redact(value)
    if "?" in (text := str(value)):  # a URL object (httpx.URL)
        return redact(text)
    return value


def redact_logs() -> None:
    """Put the filter on the loggers that write URLs (once each)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactQueries) for f in logger.filters):
            logger.addFilter(RedactQueries())
