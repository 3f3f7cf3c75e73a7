"""Letters for the renderer tests: a small one built by hand with hostile words in it, and an
update reported on the register so a letter compiled from it has something to escape."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.engine.opening import Register
from handlers.brief.content import (
    ActionParagraph,
    ChartRow,
    Group,
    Letter,
    MeetingLine,
    OverviewRow,
    Section,
    Signatory,
    SinceLast,
)
from storage.models import Action
from storage.updates import record_update
from tests.register_rows import ACTION_READ
from words.domain import Source, Status

# Markup of every kind a renderer must escape, not interpret.
EVIL = "<script>alert(1)</script> **vet** [x](javascript:alert(1)) | pijp"


def sample_letter(words: str = EVIL, title: str = "Titel") -> Letter:
    paragraph = ActionParagraph("A-1", f"A-1 {title}", None, (words,), ())
    row = OverviewRow(
        theme="Thema",
        key="A-1",
        title=title,
        parties="Gemeente Emmen",
        deadline="eind 2026",
        status=Status.DELAYED,
        status_word="vertraagd",
        light="rood",
        light_word="rood",
    )
    return Letter(
        lang="nl",
        subject="Onderwerp",
        addressee="Geachte leden van de raden,",
        opening="Opening.",
        period="Periode",
        overview=(row,),
        chart=(
            ChartRow("Omgevingswet", tuple((s, 1 if s is Status.DELAYED else 0) for s in Status)),
        ),
        since=SinceLast((), (), ()),
        sections=(
            Section(1, "Omgevingswet", "Staat.", (Group("Samen doen in 2026", (paragraph,)),)),
        ),
        coordination=("Regie.",),
        meetings=(MeetingLine("woensdag 25 november 2026", "Radenbijeenkomst", None),),
        closing="Hoogachtend,",
        signed_by="",
        signatories=(Signatory(("de burgemeester,",)),),
        labels=tuple(
            (key, key.upper())
            for key in (
                "subject_label",
                "overview_heading",
                "col_theme",
                "col_action",
                "col_parties",
                "col_deadline",
                "col_status",
                "since_heading",
                "since_completed",
                "since_status",
                "since_deadlines",
                "since_none",
                "coordination_heading",
                "meetings_heading",
                "meetings_none",
            )
        ),
        update_ids=(),
    )


def report_at_risk(register: Register, key: str, text: str) -> None:
    with register.sessions.begin() as session:
        action = session.scalars(
            select(Action).where(Action.key == key).options(*ACTION_READ)
        ).one()
        record_update(
            session,
            action,
            action.owners[0],
            datetime(2026, 11, 10, 9, tzinfo=UTC),
            source=Source.SLACK,
            status=Status.AT_RISK,
            text=text,
            event_row=None,
        )
