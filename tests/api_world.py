"""A programme as the API tests read it: its id, letters kept (a final and a draft), a letter
that names officials, and the actions as the tests count them themselves."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.letters import NewDraft, finalize, save_draft
from storage.models import Action, Programme
from storage.register import programme_by_key
from tests.register_rows import ACTION_READ

FINAL_MD = b"# Voortgangsbrief 1\n\nGepubliceerd.\n"
FINAL_HTML = b"<!doctype html><title>Voortgangsbrief 1</title><p>Gepubliceerd.</p>"
DRAFT_MD = b"# Concept\n\nNOG NIET GEPUBLICEERD\n"


def programme_id(session: Session, key: str = "boce") -> int:
    found = programme_by_key(session, key)
    assert found is not None
    return found.id


def publish_letters(session: Session, programme: int, now: datetime) -> None:
    """Letter 1 (Q3 2026) made final with a Markdown and an HTML document; then a draft for
    Q4 2026, which nothing may show."""
    first = NewDraft(
        programme_id=programme,
        start=date(2026, 7, 1),
        end=date(2026, 9, 30),
        label="2026-Q3",
        language="nl",
        documents={"md": FINAL_MD, "html": FINAL_HTML},
        update_ids=(),
        created_by_id=None,
    )
    finalize(
        session, save_draft(session, first, now - timedelta(days=30)), now - timedelta(days=29)
    )
    draft = NewDraft(
        programme_id=programme,
        start=date(2026, 10, 1),
        end=date(2026, 12, 31),
        label="2026-Q4",
        language="nl",
        documents={"md": DRAFT_MD},
        update_ids=(),
        created_by_id=None,
    )
    save_draft(session, draft, now)
    session.flush()


def name_officials(session: Session, programme: int) -> None:
    """The programme's letter names officials (``names: personen``) from now on."""
    row = session.get(Programme, programme)
    assert row is not None
    row.letter = {**row.letter, "names": "personen"}
    session.flush()


def actions_of(session: Session, programme: int) -> list[Action]:
    return list(
        session.scalars(
            select(Action)
            .where(Action.programme_id == programme)
            .options(*ACTION_READ)
            .order_by(Action.number)
        )
    )
