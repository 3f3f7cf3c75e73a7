"""Letters for the renderer tests: a small one built by hand with hostile words in it, and an
update reported on the register so a letter compiled from it has something to escape."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.engine.opening import Register
from handlers.brief.appendix import Appendix, ChartRow, OverviewRow, SinceLast
from handlers.brief.content import (
    ActionNews,
    ComingItem,
    Letter,
    MeetingLine,
    Section,
    Signatory,
    Signer,
    Track,
)
from storage.models import Action
from storage.updates import record_update
from tests.register_rows import ACTION_READ
from words.catalogue import t
from words.domain import LETTER_LABELS, Source, Status

# Markup of every kind a renderer must escape, not interpret.
EVIL = "<script>alert(1)</script> **vet** [x](javascript:alert(1)) | pijp"


def sample_letter(words: str = EVIL, title: str = "Titel") -> Letter:
    news = ActionNews("A-1", title, "Emmen", (words,), ("Noot.",), None, overdue=False)
    row = OverviewRow(
        theme="Thema",
        key="A-1",
        title=title,
        parties="Emmen",
        deadline="eind 2026",
        status=Status.DELAYED,
        status_word="vertraagd",
        light="rood",
        light_word="rood",
        overdue=False,
    )
    chart = (ChartRow("Omgevingswet", tuple((s, 1 if s is Status.DELAYED else 0) for s in Status)),)
    return Letter(
        lang="nl",
        subject="Onderwerp",
        date_line="Emmen, 1 december 2026",
        reference="BOCE/VB · voortgangsbrief 1",
        number=1,
        addressee="Geachte leden van de raden,",
        period="vierde kwartaal 2026",
        opening=("Opening.",),
        sections=(
            Section(
                1,
                "Omgevingswet",
                ("Staat.",),
                True,
                (Track("Samen doen in 2026", (news,), "Zonder nieuws: niets."),),
                (ComingItem("eerste kwartaal 2027", "A-2 Volgende"),),
            ),
        ),
        coordination=("Regie.",),
        meetings_past=(MeetingLine("11 november 2026", "Overleg", None),),
        meetings_coming=(MeetingLine("25 november 2026", "Radenbijeenkomst", None),),
        closing="Hoogachtend,",
        signed_by="",
        signatories=(
            Signatory(
                ("burgemeester en wethouders van Emmen,",),
                (Signer("de burgemeester,", "E. Kremer"),),
            ),
        ),
        digital="",
        appendix=Appendix("appendix", (row,), chart, SinceLast((), (), ())),
        labels=tuple((key, t(f"brief.{key}", "nl")) for key in LETTER_LABELS),
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
