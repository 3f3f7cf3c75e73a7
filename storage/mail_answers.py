"""Whom a mail without a valid reply token was answered this day: at most once a day each.

A loop between two robots, or a storm of mails from one sender, gets one polite answer a day,
not one each. Only the SHA-256 of the lower-cased address is kept.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from sqlalchemy.orm import Session

from storage.db import upsert_insert
from storage.models import MailAnswer


def sender_hash(address: str) -> str:
    return hashlib.sha256(address.strip().lower().encode("utf-8", "replace")).hexdigest()


def claim_answer(session: Session, address: str, day: date, now: datetime) -> bool:
    """Note that ``address`` is answered on ``day``; False when it was already (the insert
    lost to an earlier one, in this process or another). The caller commits, with the answer
    itself, so a crash between leaves neither."""
    inserted = session.execute(
        upsert_insert(session, MailAnswer)
        .values(sender_hash=sender_hash(address), day=day, answered_at=now)
        .on_conflict_do_nothing(index_elements=["sender_hash", "day"])
        .returning(MailAnswer.id)
    ).scalar()
    return inserted is not None
