"""Files in Teams: a draft brief offered with a file consent card in the director's chat, the
person's Allow or Decline stored by the web app, and the clock process uploading the bytes to
the upload session on the fake and putting the file in the card's place, on both databases.

Marieke Hoekstra (the director) has a ``teams:`` id in the programme file, so the bot can make
her 1:1 chat without her writing first.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

import bot.teams.files as teams_files
from bot.teams.events import FileConsent, parse
from bot.teams.files import check_upload_url
from storage.db import transaction
from storage.encryption import Secrets
from storage.models import ConsentState, OutboxMessage, Person, TeamsFileConsent
from storage.outbox import OutboxWriter, file_of
from storage.teams_files import MAX_ATTEMPTS, answer_of, claim
from tests.conftest import TODAY, noon
from tests.fake_teams import SEND, UPDATE, UPLOAD
from tests.secret_keys import NEW_KEY, SECRETS
from tests.teams_world import TeamsWorld, card_text, open_world, payload
from words.catalogue import t
from words.chat.messages import File
from words.chat.outgoing import ToChannel, ToPerson
from words.clock import FixedClock
from words.domain import OutboxState
from words.errors import DeliveryError

MARIEKE = "Marieke Hoekstra"
FATIMA = "Fatima El Amrani"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT = b"PK\x03\x04 a draft brief, as Word keeps it \x00\xff"
CONSENT = "application/vnd.microsoft.teams.card.file.consent"
INFO = "application/vnd.microsoft.teams.card.file.info"
NOW = noon(TODAY)


@pytest.fixture
def world(db_url: str, clock: FixedClock, tmp_path: Path) -> Iterator[TeamsWorld]:
    yield from open_world(db_url, clock, tmp_path)


def person_id(world: TeamsWorld, name: str) -> int:
    with world.register.sessions() as session:
        return session.scalars(select(Person.id).where(Person.name == name)).one()


def queue_file(world: TeamsWorld, key: str = "test:file", content: bytes = CONTENT) -> int:
    """A file queued for Marieke as a handler queues one, then handed to the connector."""
    with transaction(world.register.sessions) as session:
        out = OutboxWriter(session, world.clock.now())
        file = File("concept.docx", DOCX, content, "Het concept van de voortgangsbrief.")
        outbox_id = out.send_file(key, ToPerson(person_id(world, MARIEKE)), file)
    world.sender.drain()
    return outbox_id


def consent_card(world: TeamsWorld) -> dict[str, Any]:
    """The last consent card in Marieke's chat."""
    cards = [a for a in world.sent_to(MARIEKE) if _has(a, CONSENT)]
    assert cards, "no consent card reached Marieke"
    return cards[-1]


def _has(activity: dict[str, Any], content_type: str) -> bool:
    return any(a["contentType"] == content_type for a in activity.get("attachments", []))


def shown(world: TeamsWorld, card: dict[str, Any]) -> dict[str, Any]:
    """The card's activity as it is now in Marieke's chat."""
    return next(a for a in world.sent_to(MARIEKE) if a["id"] == card["id"])


def answer(world: TeamsWorld, outbox_id: int) -> TeamsFileConsent:
    with world.register.sessions() as session:
        found = answer_of(session, outbox_id)
    assert found is not None
    return found


def outbox(world: TeamsWorld, outbox_id: int) -> OutboxMessage:
    with world.register.sessions() as session:
        row = session.get(OutboxMessage, outbox_id)
    assert row is not None
    return row


def allow(world: TeamsWorld, card: dict[str, Any]) -> dict[str, Any]:
    """Marieke chooses Allow; the invoke, as Teams sent it."""
    invoke = world.file_consent(MARIEKE, card, allow=True)
    response = world.post(invoke)
    assert response.status_code == 200
    assert response.content == b""  # all Teams waits for is the 200
    return invoke


# -- the consent card -----------------------------------------------------------------------


def test_a_draft_brief_reaches_the_director_as_a_consent_card(world: TeamsWorld) -> None:
    assert world.post(world.message(MARIEKE, "brief concept")).status_code == 200
    world.deliver()
    [card] = world.sent_to(MARIEKE)
    [consent] = card["attachments"]
    with world.register.sessions() as session:
        row = session.scalars(select(OutboxMessage).where(OutboxMessage.is_file)).one()
    file = file_of(row)
    assert file is not None
    assert consent["contentType"] == CONSENT
    assert consent["name"] == file.name == "voortgangsbrief-boce-2026-Q4-concept.docx"
    assert consent["content"] == {
        "description": t("teams.file.description", "nl"),
        "sizeInBytes": len(file.content),
        "acceptContext": {"outbox": row.key},
        "declineContext": {"outbox": row.key},
    }
    assert "Concept voortgangsbrief" in card_text(card)  # the draft's summary above the card
    assert row.state is OutboxState.SENT
    assert row.external_ref == f"{world.chat(MARIEKE)}|{card['id']}"
    assert world.fake.calls(UPLOAD) == []


def test_a_brief_asked_for_in_reply_to_a_card_comes_to_her_chat(world: TeamsWorld) -> None:
    assert world.post(world.message(MARIEKE, "help")).status_code == 200
    world.deliver()
    [answered] = world.sent_to(MARIEKE)
    asked = world.message(MARIEKE, "brief concept", reply_to=answered["id"])
    assert world.post(asked).status_code == 200
    world.deliver()  # a thread reply, in a chat where Teams has no threads
    card = consent_card(world)
    assert card["conversation"]["id"] == world.chat(MARIEKE)
    with world.register.sessions() as session:
        row = session.scalars(select(OutboxMessage).where(OutboxMessage.is_file)).one()
    assert (row.kind, row.state) == ("thread", OutboxState.SENT)


def test_a_file_for_a_channel_is_refused_for_good(world: TeamsWorld) -> None:
    assert world.post(world.added_to_team(MARIEKE)).status_code == 200
    assert world.workers.directory.list_channels() == 1
    with transaction(world.register.sessions) as session:
        file = File("concept.docx", DOCX, CONTENT)
        outbox_id = OutboxWriter(session, world.clock.now()).send_file(
            "test:channel", ToChannel("Omgevingswet"), file
        )
    world.sender.drain()
    row = outbox(world, outbox_id)
    assert row.state is OutboxState.FAILED
    assert "SharePoint" in row.error
    assert world.in_channel("Omgevingswet") == []
    assert world.fake.calls(SEND) == []


# -- Allow ----------------------------------------------------------------------------------


def test_allowing_uploads_the_bytes_once_and_shows_the_file_in_the_cards_place(
    world: TeamsWorld,
) -> None:
    outbox_id = queue_file(world)
    card = consent_card(world)
    invoke = allow(world, card)
    info = invoke["value"]["uploadInfo"]
    stored = answer(world, outbox_id)
    assert (stored.accepted, stored.state) == (True, ConsentState.PENDING)
    assert stored.upload_url is not None
    assert SECRETS.decrypt(stored.upload_url) == info["uploadUrl"]
    assert world.fake.calls(UPLOAD) == []  # the web process only stores the answer

    assert world.upload() == 1
    [put] = world.fake.calls(UPLOAD)
    assert put.method == "PUT"
    assert put.body == CONTENT
    assert put.headers["Content-Range"] == f"bytes 0-{len(CONTENT) - 1}/{len(CONTENT)}"
    assert "Authorization" not in put.headers  # the bot's token stays with the connector
    assert put.status == 201
    assert list(world.fake.uploads.values()) == [CONTENT]

    now = shown(world, card)
    assert now["attachments"] == [
        {
            "contentType": INFO,
            "contentUrl": info["contentUrl"],
            "name": info["name"],
            "content": {"uniqueId": info["uniqueId"], "fileType": "docx"},
        }
    ]
    assert card_text(now) == "Het concept van de voortgangsbrief."
    assert len(world.sent_to(MARIEKE)) == 1  # replaced, not answered
    done = answer(world, outbox_id)
    assert done.state is ConsentState.DONE
    assert done.upload_url is None  # its temporary credential is not kept
    assert done.uploaded_at is not None

    assert world.upload() == 0
    assert len(world.fake.calls(UPLOAD)) == 1
    assert len(world.fake.calls(UPDATE)) == 1


def test_a_repeated_allow_uploads_once(world: TeamsWorld) -> None:
    outbox_id = queue_file(world)
    card = consent_card(world)
    first = allow(world, card)
    assert world.post(first).status_code == 200  # Teams delivering the invoke again
    allow(world, card)  # a second press, with an upload session of its own
    assert world.upload() == 1
    [put] = world.fake.calls(UPLOAD)
    assert put.path.endswith(first["value"]["uploadInfo"]["uploadUrl"].rsplit("/", 1)[1])
    assert answer(world, outbox_id).state is ConsentState.DONE
    assert world.upload() == 0
    assert len(world.fake.calls(UPLOAD)) == 1
    assert len(world.sent_to(MARIEKE)) == 1


def test_the_brief_from_brief_concept_is_uploaded_byte_for_byte(world: TeamsWorld) -> None:
    assert world.post(world.message(MARIEKE, "brief concept")).status_code == 200
    world.deliver()
    allow(world, consent_card(world))
    assert world.upload() == 1
    with world.register.sessions() as session:
        row = session.scalars(select(OutboxMessage).where(OutboxMessage.is_file)).one()
    file = file_of(row)
    assert file is not None
    assert list(world.fake.uploads.values()) == [file.content]
    [card] = world.sent_to(MARIEKE)
    assert _has(card, INFO)
    assert not _has(card, CONSENT)


# -- Decline --------------------------------------------------------------------------------


def test_declining_uploads_nothing_and_the_card_says_so(world: TeamsWorld) -> None:
    outbox_id = queue_file(world)
    card = consent_card(world)
    invoke = world.file_consent(MARIEKE, card, allow=False)
    assert world.post(invoke).status_code == 200
    stored = answer(world, outbox_id)
    assert not stored.accepted
    assert stored.upload_url is None
    assert world.upload() == 1
    assert world.fake.calls(UPLOAD) == []
    now = shown(world, card)
    assert "attachments" not in now  # Allow and Decline are gone
    assert "Je hebt concept.docx geweigerd" in card_text(now)
    assert "Het concept van de voortgangsbrief." in card_text(now)
    assert answer(world, outbox_id).state is ConsentState.DONE
    allow(world, card)  # pressing Allow after all changes nothing: the first answer holds
    assert world.upload() == 0
    assert world.fake.calls(UPLOAD) == []


# -- who may answer -------------------------------------------------------------------------


def test_only_the_person_the_file_was_for_can_answer_its_card(world: TeamsWorld) -> None:
    outbox_id = queue_file(world)
    card = consent_card(world)
    stolen = world.file_consent(MARIEKE, card, allow=True)
    user = world.user(FATIMA)
    stolen["from"] = {"id": f"29:{user}", "name": FATIMA, "aadObjectId": user}
    stolen["conversation"]["id"] = world.chat(FATIMA)
    assert world.post(stolen).status_code == 200
    unknown = world.file_consent(MARIEKE, card, allow=True)
    unknown["value"]["context"] = {"outbox": "no-such-key"}
    assert world.post(unknown).status_code == 200
    with world.register.sessions() as session:
        assert answer_of(session, outbox_id) is None
    assert world.upload() == 0
    allow(world, card)
    assert answer(world, outbox_id).user_id == world.user(MARIEKE)


def test_an_answer_that_cannot_be_stored_is_not_acknowledged(
    world: TeamsWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    queue_file(world)
    card = consent_card(world)

    def broken(*_args: object, **_kwargs: object) -> bool:
        raise OperationalError("INSERT", {}, Exception("the database is gone"))

    monkeypatch.setattr("bot.teams.app.save_answer", broken)
    response = world.post(world.file_consent(MARIEKE, card, allow=True))
    assert response.status_code == 503  # Teams tells her it failed; she can press Allow again


# -- failures -------------------------------------------------------------------------------


def test_a_failed_upload_is_tried_again_later(world: TeamsWorld) -> None:
    outbox_id = queue_file(world)
    card = consent_card(world)
    allow(world, card)
    world.fake.fail_next(UPLOAD, status=503)
    assert world.upload() == 1
    waiting = answer(world, outbox_id)
    assert (waiting.state, waiting.attempts) == (ConsentState.PENDING, 1)
    assert "503" in waiting.error
    assert waiting.not_before > world.clock.now()
    assert world.upload() == 0  # not before its backoff
    assert not _has(shown(world, card), INFO)

    world.fake.fail_next(UPLOAD, status=429, retry_after=40)
    world.clock.advance(timedelta(minutes=2))
    assert world.upload() == 1
    asked = answer(world, outbox_id)
    assert asked.attempts == 1  # waiting as asked is no failed attempt
    assert asked.not_before == world.clock.now() + timedelta(seconds=40)

    world.clock.advance(timedelta(seconds=40))
    assert world.upload() == 1
    assert [c.status for c in world.fake.calls(UPLOAD)] == [503, 429, 201]
    assert list(world.fake.uploads.values()) == [CONTENT]
    assert _has(shown(world, card), INFO)
    assert answer(world, outbox_id).state is ConsentState.DONE


def test_an_upload_url_no_key_decrypts_waits_for_the_key_and_names_the_setting(
    world: TeamsWorld,
) -> None:
    outbox_id = queue_file(world)
    card = consent_card(world)
    allow(world, card)
    keys = world.workers.files.secrets
    world.workers.files.secrets = Secrets([NEW_KEY])  # the key it was stored with was dropped
    assert world.upload() == 1
    waiting = answer(world, outbox_id)
    assert (waiting.state, waiting.attempts) == (ConsentState.PENDING, 1)
    assert waiting.error.startswith("VOORTGANG_SECRET_KEYS: ")
    assert world.fake.calls(UPLOAD) == []
    world.workers.files.secrets = keys  # put back
    world.clock.advance(timedelta(minutes=2))
    assert world.upload() == 1
    assert answer(world, outbox_id).state is ConsentState.DONE


def test_an_upload_that_keeps_failing_is_given_up_and_the_card_says_so(
    world: TeamsWorld, caplog: pytest.LogCaptureFixture
) -> None:
    outbox_id = queue_file(world)
    card = consent_card(world)
    allow(world, card)
    world.fake.fail_next(UPLOAD, status=500, times=MAX_ATTEMPTS + 5)
    with caplog.at_level(logging.WARNING, logger="bot.teams.files"):
        for _ in range(MAX_ATTEMPTS + 3):
            world.upload()
            world.clock.advance(timedelta(hours=2))
    assert len(world.fake.calls(UPLOAD)) == MAX_ATTEMPTS  # and no more after giving up
    failed = answer(world, outbox_id)
    assert (failed.state, failed.attempts) == (ConsentState.FAILED, MAX_ATTEMPTS)
    assert failed.upload_url is None
    assert "500" in failed.error
    now = shown(world, card)
    assert "attachments" not in now
    assert "concept.docx kon niet in je OneDrive worden gezet" in card_text(now)
    assert any("given up" in r.getMessage() for r in caplog.records)


def test_an_upload_url_outside_sharepoint_is_refused_without_a_call(world: TeamsWorld) -> None:
    outbox_id = queue_file(world)
    card = consent_card(world)
    invoke = world.file_consent(MARIEKE, card, allow=True)
    invoke["value"]["uploadInfo"]["uploadUrl"] = "https://files.example.org/upload/1"
    assert world.post(invoke).status_code == 200
    assert world.upload() == 1
    assert world.fake.calls(UPLOAD) == []
    assert answer(world, outbox_id).state is ConsentState.FAILED
    assert "kon niet" in card_text(shown(world, card))


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://emmen-my.sharepoint.com/personal/m/_api/v2.0/drive/items/1/uploadSession", True),
        ("https://contoso.sharepoint.us/upload", True),
        ("http://127.0.0.1:8080/upload/s1", True),
        ("http://emmen-my.sharepoint.com/upload", False),
        ("https://sharepoint.com.example.org/upload", False),
        ("https://evilsharepoint.com/upload", False),
        ("https://files.example.org/upload", False),
        ("ftp://emmen-my.sharepoint.com/upload", False),
        ("https://[::1/upload", False),
    ],
)
def test_files_only_go_to_sharepoint(url: str, allowed: bool) -> None:
    if allowed:
        check_upload_url(url)
        return
    with pytest.raises(DeliveryError) as raised:
        check_upload_url(url)
    assert raised.value.permanent


# -- exactly once across a crash ------------------------------------------------------------


class CrashError(Exception):
    """The process stopping at a given point."""


def allowed_then_crashed(world: TeamsWorld, monkeypatch: pytest.MonkeyPatch, step: str) -> int:
    """A file offered and allowed, then its upload stopped where ``step`` (a storage function
    of the upload) was about to record its progress; the outbox id of the file."""
    outbox_id = queue_file(world)
    allow(world, consent_card(world))

    def crash(*_args: object) -> bool:
        raise CrashError

    with monkeypatch.context() as patched:
        patched.setattr(teams_files, step, crash)
        with pytest.raises(CrashError):
            world.upload()
    return outbox_id


def test_a_crash_after_uploading_uploads_again_and_shows_the_file_once(
    world: TeamsWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    outbox_id = allowed_then_crashed(world, monkeypatch, "mark_uploaded")
    assert world.upload() == 0  # claimed by the process that stopped, until its lease ends
    world.clock.advance(teams_files.LEASE)
    assert world.upload() == 1
    assert [c.body for c in world.fake.calls(UPLOAD)] == [CONTENT, CONTENT]  # harmless
    assert len(world.fake.calls(UPDATE)) == 1
    assert answer(world, outbox_id).state is ConsentState.DONE


def test_a_crash_after_showing_the_file_shows_it_once(
    world: TeamsWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    outbox_id = allowed_then_crashed(world, monkeypatch, "mark_done")
    world.clock.advance(teams_files.LEASE)
    assert world.upload() == 1
    assert len(world.fake.calls(UPLOAD)) == 1  # its upload was recorded: not made again
    assert len(world.fake.calls(UPDATE)) == 2  # the same card put twice is one card
    [activity] = world.sent_to(MARIEKE)
    assert _has(activity, INFO)
    assert answer(world, outbox_id).state is ConsentState.DONE


def test_a_lost_answer_to_the_upload_is_harmless(world: TeamsWorld) -> None:
    queue_file(world)
    card = consent_card(world)
    allow(world, card)
    world.fake.fail_next(UPLOAD, status=502, handled=True)  # in OneDrive; the answer lost
    world.upload()
    world.clock.advance(timedelta(hours=1))
    world.upload()
    assert [c.status for c in world.fake.calls(UPLOAD)] == [502, 201]
    assert list(world.fake.uploads.values()) == [CONTENT]
    assert len(world.sent_to(MARIEKE)) == 1


def test_two_clock_processes_take_an_answer_once(world: TeamsWorld) -> None:
    outbox_id = queue_file(world)
    allow(world, consent_card(world))
    now = world.clock.now()
    with transaction(world.register.sessions) as session:
        first = claim(session, now, timedelta(minutes=5), 10)
    with transaction(world.register.sessions) as session:
        second = claim(session, now, timedelta(minutes=5), 10)
    assert [r.outbox_id for r in first] == [outbox_id]
    assert second == []


# -- the invoke as Teams sends it -----------------------------------------------------------


def test_an_allow_carries_the_outbox_key_and_the_upload_session() -> None:
    found = parse(payload("invoke_file_consent_accept"), NOW)
    assert isinstance(found, FileConsent)
    assert found.accepted
    assert found.outbox_key == "in:teams:1795424012345:1:brief"
    assert found.card_id == "1795424040000"
    assert found.user_id == "4a262572-446d-42eb-94d4-de40fc5e5e8d"
    assert found.conversation.personal
    assert found.upload is not None
    assert found.upload.name == "voortgangsbrief-boce-2026-Q4-concept.docx"
    assert found.upload.file_type == "docx"
    assert "uploadSession" in found.upload.upload_url


def test_a_decline_has_no_upload() -> None:
    found = parse(payload("invoke_file_consent_decline"), NOW)
    assert isinstance(found, FileConsent)
    assert not found.accepted
    assert found.upload is None


@pytest.mark.parametrize(
    "change",
    [
        lambda a: a["value"]["uploadInfo"].pop("uploadUrl"),
        lambda a: a["value"].update(action="maybe"),
        lambda a: a["value"].update(type="somethingElse"),
        lambda a: a["value"].pop("context"),
        lambda a: a["conversation"].update(conversationType="channel"),
    ],
    ids=["no-upload-url", "unknown-action", "not-an-upload", "no-context", "in-a-channel"],
)
def test_answers_the_bot_cannot_carry_out_are_ignored(change: Any) -> None:
    activity = payload("invoke_file_consent_accept")
    change(activity)
    assert parse(activity, NOW) is None
