"""Access logs without the form's tokens: uvicorn logs every request's path, and the path of the
update form is the person's credential (``/bijwerken/<token>``). ``bot.engine.accesslog``
hides query values; this hides the token in the path, on the same logger."""

from __future__ import annotations

import logging
import re
from typing import Final

from bot.web.paths import FORM_PATH
from words.chat.links import SIGN_IN_PREFIX

ACCESS_LOGGER: Final = "uvicorn.access"
# Paths whose next segment is a credential: the update form, a sign-in link, the console's
# local sign-in and a personal calendar address.
SECRET_PREFIXES: Final = (FORM_PATH.split("{")[0], SIGN_IN_PREFIX + "/", "/lokaal/", "/agenda/")
_TOKEN: Final = re.compile("(" + "|".join(re.escape(p) for p in SECRET_PREFIXES) + r")[^/\s?\"']+")


def redact_token(text: str) -> str:
    """``text`` with a token in a path replaced by "…"."""
    return _TOKEN.sub(r"\1…", text)


class HideTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact_token(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                redact_token(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True


def hide_tokens() -> None:
    """Put the filter on uvicorn's access log (once)."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, HideTokens) for f in logger.filters):
        logger.addFilter(HideTokens())
