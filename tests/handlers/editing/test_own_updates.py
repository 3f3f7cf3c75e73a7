"""Correcting and withdrawing one's own update from the pages: chat's 'wijzig' and 'ongedaan'
with their rights, the history kept (revisions, withdrawn rows stay), and an audit row each.

On SQLite and PostgreSQL with the BOCE example.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.editing.own_updates import Corrected, correct_update, withdraw_own
from handlers.editing.page_editor import Problems, Refused
from handlers.replies.recording import UNDO_WINDOW, undo_minutes
from storage.models import StatusUpdate, UpdateRevision
from storage.own_history import update_with_action
from storage.updates import record_update, set_deadline
from tests.editing_acts import audit_rows, counts, editor
from tests.register_rows import action, person
from words.catalogue import t
from words.clock import FixedClock
from words.deadlines.model import Deadline, Precision
from words.domain import Source, Status


def reported(
    session: Session,
    clock: FixedClock,
    who: str,
    key: str,
    *,
    status: Status | None = None,
    text: str = "",
    progress: float | None = None,
) -> StatusUpdate:
    """An update as chat records it, read back as the pages read it (action loaded)."""
    row = record_update(
        session,
        action(session, key),
        person(session, who),
        clock.now(),
        source=Source.SLACK,
        status=status,
        text=text,
        event_row=None,
        progress=progress,
    )
    found = update_with_action(session, row.id)
    assert found is not None
    return found


def test_correcting_keeps_the_old_wording_and_moves_the_status(
    boce: Session, clock: FixedClock
) -> None:
    row = reported(boce, clock, "lotte-venema", "OW-08", status=Status.ON_TRACK, text="loopt")
    clock.advance(timedelta(days=3))
    outcome = correct_update(
        boce,
        editor(boce, "lotte-venema"),
        row,
        clock.now(),
        {"status": "delayed", "text": "loopt toch niet"},
    )
    ow08 = action(boce, "OW-08")
    assert outcome == Corrected(
        (
            t(
                "replies.edited",
                "nl",
                number=8,
                title=ow08.title,
                what="status vertraagd, ‘loopt toch niet’",
            ),
        ),
        changed=True,
    )
    assert (row.status, row.text, row.edited_at) == (
        Status.DELAYED,
        "loopt toch niet",
        clock.now(),
    )
    assert ow08.status is Status.DELAYED
    (old,) = boce.scalars(select(UpdateRevision)).all()
    assert (old.update_id, old.status, old.text) == (row.id, Status.ON_TRACK, "loopt")
    (entry,) = audit_rows(boce)
    assert (entry.what, entry.subject) == ("update.edit", "#8")
    assert entry.detail == {
        "update": row.id,
        "before": {"status": "on_track", "text": "loopt", "kpi": None},
        "after": {"status": "delayed", "text": "loopt toch niet", "kpi": None},
    }


def test_leaving_the_status_unchanged_keeps_it(boce: Session, clock: FixedClock) -> None:
    row = reported(boce, clock, "lotte-venema", "OW-08", status=Status.AT_RISK, text="a")
    outcome = correct_update(
        boce, editor(boce, "lotte-venema"), row, clock.now(), {"status": "unchanged", "text": ""}
    )
    assert isinstance(outcome, Corrected)
    assert (row.status, row.text) == (Status.AT_RISK, "")


def test_a_correction_that_changes_nothing_writes_nothing(boce: Session, clock: FixedClock) -> None:
    row = reported(boce, clock, "lotte-venema", "OW-08", status=Status.AT_RISK, text="zo")
    before = counts(boce)
    outcome = correct_update(
        boce, editor(boce, "lotte-venema"), row, clock.now(), {"status": "at_risk", "text": "zo"}
    )
    assert isinstance(outcome, Corrected)
    assert not outcome.changed
    assert counts(boce) == before


def test_correction_problems_and_refusals_write_nothing(boce: Session, clock: FixedClock) -> None:
    words_only = reported(boce, clock, "lotte-venema", "OW-08", text="overleg gehad")
    others = reported(boce, clock, "wim-schepers", "OW-01", text="van Wim")
    lotte = editor(boce, "lotte-venema")
    before = counts(boce)
    cases: list[tuple[StatusUpdate, dict[str, str], Refused | type[Problems]]] = [
        (words_only, {"status": "unchanged", "text": ""}, Problems),
        (words_only, {"text": "x", "kpi": "veel"}, Problems),
        (words_only, {"text": "x", "status": "open"}, Problems),  # not a form status
        (words_only, {"text": "x" * 4001}, Problems),
        (others, {"text": "van Lotte"}, Refused("web.editing.not_your_update")),
    ]
    for row, values, expected in cases:
        outcome = correct_update(boce, lotte, row, clock.now(), values)
        if isinstance(expected, Refused):
            assert outcome == expected
        else:
            assert isinstance(outcome, expected), values
    assert counts(boce) == before
    assert (words_only.text, others.text) == ("overleg gehad", "van Wim")


def test_a_reader_or_a_deadline_move_cannot_be_corrected(boce: Session, clock: FixedClock) -> None:
    ow08, hendrik = action(boce, "OW-08"), person(boce, "hendrik-kuiper")
    deadline = Deadline(due=date(2027, 9, 30), precision=Precision.QUARTER, text="Q3 2027")
    moved = set_deadline(
        boce, ow08, hendrik, clock.now(), deadline, source=Source.SLACK, event_row=None
    )
    found = update_with_action(boce, moved.id)
    assert found is not None
    outcome = correct_update(
        boce, editor(boce, "hendrik-kuiper"), found, clock.now(), {"text": "x"}
    )
    assert outcome == Refused("web.editing.not_a_report")
    # Gerda is a reader: even an update of hers (from before) is no longer hers to change.
    gerdas = reported(boce, clock, "gerda-boelens", "OW-08", text="oud")
    outcome = correct_update(
        boce, editor(boce, "gerda-boelens"), gerdas, clock.now(), {"text": "y"}
    )
    assert outcome == Refused("perm.reader")


def test_withdrawing_keeps_the_update_and_puts_the_status_back(
    boce: Session, clock: FixedClock
) -> None:
    ow08 = action(boce, "OW-08")
    row = reported(
        boce, clock, "lotte-venema", "OW-08", status=Status.DONE, text="klaar", progress=60
    )
    assert (ow08.status, ow08.kpi_current) == (Status.DONE, 60)
    clock.advance(UNDO_WINDOW - timedelta(seconds=1))
    outcome = withdraw_own(boce, editor(boce, "lotte-venema"), row, clock.now())
    assert outcome == Corrected(
        (
            t("replies.undone", "nl", number=8, title=ow08.title),
            "De status is weer risico.",
            "De stand is weer 34.",
        ),
        changed=True,
    )
    assert (ow08.status, ow08.kpi_current) == (Status.AT_RISK, 34)
    kept = boce.get_one(StatusUpdate, row.id)
    assert (kept.withdrawn_at, kept.withdrawn_by_id, kept.text) == (
        clock.now(),
        person(boce, "lotte-venema").id,
        "klaar",
    )
    (entry,) = audit_rows(boce)
    assert (entry.what, entry.detail) == ("update.withdraw", {"update": row.id})
    again = withdraw_own(boce, editor(boce, "lotte-venema"), row, clock.now())
    assert again == Refused("web.editing.withdrawn_already")


def test_withdrawing_is_for_chat_s_undo_window_only(boce: Session, clock: FixedClock) -> None:
    row = reported(boce, clock, "lotte-venema", "OW-08", status=Status.DONE)
    others = reported(boce, clock, "wim-schepers", "OW-01", text="van Wim")
    clock.advance(UNDO_WINDOW + timedelta(seconds=1))
    before = counts(boce)
    lotte = editor(boce, "lotte-venema")
    assert withdraw_own(boce, lotte, row, clock.now()) == Refused("web.editing.too_late")
    assert withdraw_own(boce, lotte, others, clock.now()) == Refused("web.editing.not_your_update")
    assert counts(boce) == before
    assert action(boce, "OW-08").status is Status.DONE
    # Later it can still be corrected, as in chat.
    assert isinstance(correct_update(boce, lotte, row, clock.now(), {"text": "toch"}), Corrected)


def test_the_refusal_text_names_chat_s_window() -> None:
    # The refusal page cannot fill in a number: its text names the window itself.
    assert undo_minutes() == 10
    assert "10 minuten" in t("web.editing.too_late", "nl")
    assert "10 minutes" in t("web.editing.too_late", "en")
