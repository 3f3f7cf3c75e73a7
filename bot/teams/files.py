"""Files in Teams once the person has answered the consent card: uploaded and shown, or not.

The flow is Teams' own for a bot in a 1:1 chat (a channel would need SharePoint):

1. The sender hands the port a file; the port posts a FileConsentCard in the person's chat,
   the outbox key in its contexts (``bot.teams.port``).
2. The person chooses Allow or Decline. Teams sends a ``fileConsent/invoke`` to the web process,
   which stores the answer (``storage.teams_files``, one per card) and answers 200 at once.
3. Here, in the clock process, each stored answer is carried out. Allowed: the file's bytes are
   PUT to the upload URL Teams gave (a OneDrive upload session: the whole file in one request
   with ``Content-Range: bytes 0-(n-1)/n``, and without the bot's token), then the consent card
   is replaced by a FileInfoCard, which opens the file. Declined: the card is replaced by a note
   saying so, and nothing is uploaded.

Replaced, not answered. The consent card's activity is updated (PUT) instead of a reply being
posted: the file shows where the question was, the Allow and Decline buttons go (nobody allows
the same file twice), and above all an update can be repeated without harm, where a second
reply would show the file twice. The file's comment (the draft's summary) stays above it.

Exactly once, with nothing to ask Teams. Every step can be done again: the same bytes uploaded
to the same upload session make the same file, and the same card put again is the same card.
So a row is claimed for a lease; ``uploaded_at`` is recorded as soon as the bytes are in, and
the row is settled once the card shows them. A process that stops anywhere in between leaves
the row to be taken again after the lease, and what it did is done once more, harmlessly.

Failures are tried again after a backoff (``storage.outbox.backoff``); a Retry-After is waited
out without counting as an attempt. After ``storage.teams_files.MAX_ATTEMPTS`` attempts, or a
permanent error, the row is given up and logged; when the file never reached OneDrive the card
says so, so that nobody waits for it. A failing database only pauses the loop.

Where a file may go. The upload URL comes from a signed activity, yet a file only goes to an
https address in SharePoint (where OneDrive for work keeps files; plain http only to the
loopback host, for tests), without following redirects.
"""

from __future__ import annotations

import logging
import random
import threading
from datetime import timedelta
from typing import Final

import httpx
from sqlalchemy.exc import SQLAlchemyError

from bot.engine.opening import Register
from bot.teams.client import LOOPBACK, Activity, translate
from bot.teams.port import TeamsPort
from bot.teams.refs import Conversation
from storage.db import transaction
from storage.encryption import UnreadableSecretError
from storage.models import ConsentState, TeamsFileConsent
from storage.outbox import Random, file_of
from storage.outbox_addressing import get, language_of
from storage.teams_files import (
    MAX_ATTEMPTS,
    claim,
    fail_attempt,
    give_up,
    mark_done,
    mark_uploaded,
    next_due,
    reschedule,
    upload_url_of,
)
from words import logtext
from words.catalogue import t
from words.chat.messages import File
from words.clock import Clock
from words.errors import DeliveryError, RetryAfter

log = logging.getLogger(__name__)

FILE_INFO_CARD: Final = "application/vnd.microsoft.teams.card.file.info"
# OneDrive for work and school lives in SharePoint, in each of Microsoft's clouds.
UPLOAD_HOSTS: Final = (
    "sharepoint.com",
    "sharepoint.us",
    "sharepoint-mil.us",
    "sharepoint.de",
    "sharepoint.cn",
)
# A claim outlasts a batch: each row takes at most an upload and an update (the port's client
# gives up on each after ten seconds), and a token now and then.
LEASE: Final = timedelta(minutes=5)
BATCH: Final = 10
# Someone who just chose Allow is waiting: pending answers are looked for every second, and
# never more often than the floor, whatever is due.
POLL: Final = 1.0
MIN_IDLE: Final = 0.05
DATABASE_PAUSE: Final = 5.0


def info_card(row: TeamsFileConsent) -> Activity:
    """The FileInfoCard of an uploaded file: Teams shows it with its name, and opens it."""
    return {
        "contentType": FILE_INFO_CARD,
        "contentUrl": row.content_url,
        "name": row.name,
        "content": {"uniqueId": row.unique_id, "fileType": row.file_type},
    }


def check_upload_url(url: str) -> None:
    """A permanent ``DeliveryError`` unless ``url`` is where a file may be sent."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as err:
        raise DeliveryError(logtext.teams_upload_url(url), permanent=True) from err
    host = parsed.host
    in_sharepoint = any(host == h or host.endswith(f".{h}") for h in UPLOAD_HOSTS)
    if parsed.scheme == "https" and in_sharepoint:
        return
    if parsed.scheme in {"http", "https"} and host in LOOPBACK:
        return
    raise DeliveryError(logtext.teams_upload_url(url), permanent=True)


def upload(http: httpx.Client, url: str, content: bytes) -> None:
    """PUT a whole file into a OneDrive upload session; ``DeliveryError`` if it is not taken.

    No token goes with it: the upload URL is its own credential, and OneDrive may refuse a
    request that carries another.
    """
    check_upload_url(url)
    size = len(content)
    headers = {"Content-Range": f"bytes 0-{size - 1}/{size}"}
    try:
        response = http.put(url, content=content, headers=headers)
    except httpx.RequestError as err:
        # Sent in part or not at all: the same bytes can go to the same session again.
        raise DeliveryError(logtext.teams_upload_failed(type(err).__name__, str(err))) from err
    if not response.is_success:
        raise translate(response, "upload", idempotent=True)


class TeamsFiles:
    """Carries out the answers to consent cards (see the module's description)."""

    def __init__(
        self,
        register: Register,
        clock: Clock,
        port: TeamsPort,
        *,
        lease: timedelta = LEASE,
        batch: int = BATCH,
        max_attempts: int = MAX_ATTEMPTS,
        rng: Random = random.random,
    ) -> None:
        self.register = register
        self.secrets = register.secrets_required()  # the upload URLs are stored encrypted
        self.clock = clock
        self.port = port
        self.lease = lease
        self.batch = batch
        self.max_attempts = max_attempts
        self.rng = rng

    def run_once(self) -> int:
        """Carry out the answers due now (one batch); returns how many were taken."""
        with transaction(self.register.sessions) as session:
            rows = claim(session, self.clock.now(), self.lease, self.batch)
        for row in rows:
            self._carry_out(row)
        return len(rows)

    def run_forever(self, stop: threading.Event) -> None:
        log.info(logtext.TEAMS_FILES_STARTED)
        while not stop.is_set():
            try:
                pause = 0.0 if self.run_once() else self._idle_seconds()
            except SQLAlchemyError as err:
                # The claimed rows wait for their lease to end: no row is tried in a loop.
                log.warning(logtext.TEAMS_FILES_DATABASE, err, DATABASE_PAUSE)
                pause = DATABASE_PAUSE
            stop.wait(pause)

    def _idle_seconds(self) -> float:
        with self.register.sessions() as session:
            due = next_due(session)
        if due is None:
            return POLL
        return min(max((due - self.clock.now()).total_seconds(), MIN_IDLE), POLL)

    # --- one answer -------------------------------------------------------------------------

    def _carry_out(self, row: TeamsFileConsent) -> None:
        try:
            if row.accepted:
                self._show(row)
            else:
                self._declined(row)
        except RetryAfter as wait:
            at = self.clock.now() + timedelta(seconds=wait.seconds)
            with transaction(self.register.sessions) as session:
                reschedule(session, row.id, at, logtext.retry_after(wait.seconds))
            return
        except DeliveryError as err:
            self._failed(row, err)
            return
        with transaction(self.register.sessions) as session:
            mark_done(session, row.id, self.clock.now())
        shown = logtext.TEAMS_FILE_SHOWN if row.accepted else logtext.TEAMS_FILE_DECLINED
        log.info(shown, row.outbox_id)

    def _show(self, row: TeamsFileConsent) -> None:
        """Upload the file (unless that was recorded before) and show it in the card's place."""
        file, lang = self._file(row)
        if row.uploaded_at is None:
            try:
                url = upload_url_of(row, self.secrets)
            except UnreadableSecretError as err:
                # Not the file's fault: tried again (with backoff) once the key is back.
                raise DeliveryError(str(err)) from err
            if url is None:
                raise DeliveryError(logtext.teams_no_upload_url(), permanent=True)
            upload(self.port.http, url, file.content)
            now = self.clock.now()
            with transaction(self.register.sessions) as session:
                mark_uploaded(session, row.id, now)
            row.uploaded_at = now  # so that a failure after this is not told as a failed upload
        self._replace_card(row, self.port.file_activity(file, info_card(row), lang=lang))

    def _declined(self, row: TeamsFileConsent) -> None:
        file, lang = self._file(row)
        note = t("teams.file.declined", lang, name=file.name)
        self._replace_card(row, self.port.file_activity(file, None, note, lang=lang))

    def _replace_card(self, row: TeamsFileConsent, activity: Activity) -> None:
        where = Conversation(row.service_url, row.conversation_id)
        self.port.replace_activity(where, row.card_id, activity)

    def _file(self, row: TeamsFileConsent) -> tuple[File, str]:
        """The file offered, and the language of the person it was offered to."""
        with self.register.sessions() as session:
            outbox = get(session, row.outbox_id)
            try:
                file = None if outbox is None else file_of(outbox)
            except (KeyError, TypeError, ValueError):  # a payload no file_of can read
                file = None
            lang = "nl" if outbox is None else language_of(session, outbox)
        if file is None:
            raise DeliveryError(logtext.teams_file_gone(row.outbox_id), permanent=True)
        return file, lang

    # --- failures ---------------------------------------------------------------------------

    def _failed(self, row: TeamsFileConsent, err: DeliveryError) -> None:
        now = self.clock.now()
        with transaction(self.register.sessions) as session:
            if err.permanent:
                state = ConsentState.FAILED if give_up(session, row.id, now, err.reason) else None
            else:
                state = fail_attempt(
                    session,
                    row.id,
                    now,
                    err.reason,
                    max_attempts=self.max_attempts,
                    rng=self.rng,
                )
        if state is ConsentState.PENDING:
            log.info(logtext.TEAMS_FILE_RETRYING, row.outbox_id, row.attempts + 1, err.reason)
        elif state is ConsentState.FAILED:
            log.warning(logtext.TEAMS_FILE_FAILED, row.outbox_id, err.reason)
            if row.accepted and row.uploaded_at is None:
                self._tell_failed(row)

    def _tell_failed(self, row: TeamsFileConsent) -> None:
        """Say in the card's place that the file did not come: one try, as it is given up."""
        try:
            file, lang = self._file(row)
            note = t("teams.file.failed", lang, name=file.name)
            self._replace_card(row, self.port.file_activity(file, None, note, lang=lang))
        except DeliveryError as err:
            log.warning(logtext.TEAMS_FILE_NOT_TOLD, row.outbox_id, err.reason)
