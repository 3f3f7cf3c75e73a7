"""The Teams adapter in the web process: POST /api/messages, checked, stored, answered.

Every request's token is checked first (``bot.teams.auth``); a request that fails gets 401 and
nothing of it is stored. Then the activity becomes a neutral event (``bot.teams.events``) and
is stored through the intake before Teams hears back, deduplicated by the activity's id (Teams
delivers again when it hears nothing). Handling happens later, in the clock process's inbox
worker, which answers through the outbox.

Where the bot can write later is kept from the same activities: a person's 1:1 chat the first
time they write (or install the app), a team when the app is added to it. Such a conversation
is stored before the answer too, so the worker finds it, but only when it is new to this
process.

A ``fileConsent/invoke`` (Allow or Decline on the consent card of a file, in a 1:1 chat) is
stored for the clock process (``bot.teams.files``) and answered 200 at once; only the person
the file was offered to can answer its card, and a retried invoke changes nothing.

An ``adaptiveCard/action`` invoke wants its answer in the HTTP response. Two answers need the
register at once, as in Slack: the update form opened in place on the card ("Schrijf update"),
and a submitted form refused with its errors under the inputs. Everything else is stored and
answered with a short "received"; what the bot has to say about it follows in the chat.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, Final, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.engine.handle import locale_of
from bot.engine.intake import EventIntake, IntakeError
from bot.engine.opening import Register
from bot.teams.activity import Reference, reference, user_of
from bot.teams.auth import KeysUnavailableError, TeamsAuth, UnauthorizedError
from bot.teams.cards import card_response, message_card, message_response
from bot.teams.events import CARD_ACTION, FileConsent, Install, Uninstall, UploadInfo, parse
from bot.teams.gate import activity_problem, read
from bot.teams.refs import parse_ref
from config.settings import TeamsSettings
from handlers.replies.form import form_problems, refused_form, update_form
from storage.db import transaction
from storage.inbox import message_by_ref
from storage.models import Person
from storage.outbox import message_of
from storage.outbox_addressing import get
from storage.people import person_by_identity
from storage.reach import reached
from storage.teams import CHANNEL, PERSONAL, Place, save_conversation, set_reachable
from storage.teams_files import Offered, Upload, offered_file, save_answer
from storage.updates import action_by_id
from words import logtext
from words.catalogue import Language, t
from words.chat.inbound import ButtonIn, Event, FormIn
from words.chat.messages import Form, Message
from words.cleantext import clean_json
from words.clock import Clock
from words.domain import Source
from words.numbers import row_number

log = logging.getLogger(__name__)

# Reading the register for a card's answer, and storing a conversation new to this process:
# threads of their own, so they never wait behind one another for long.
ACK_THREADS: Final = 4
KNOWN_MAX: Final = 100_000  # conversations remembered as stored; past that, stored again

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Answer:
    """The HTTP answer to Teams: a status, and for an invoke its JSON body."""

    status: int
    body: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class _Reader:
    """Who pressed a card's button, as far as its answer needs: their language and today."""

    person: Person
    lang: Language
    zone: ZoneInfo


class TeamsAdapter:
    def __init__(
        self,
        register: Register,
        clock: Clock,
        settings: TeamsSettings,
        default_zone: ZoneInfo,
        intake: EventIntake,
    ) -> None:
        self.register = register
        self.clock = clock
        self.settings = settings
        self.zone = default_zone
        self.intake = intake
        # Upload URLs of files people allow are stored encrypted: no adapter without a key.
        self.secrets = register.secrets_required()
        self.auth = TeamsAuth(settings)
        self._pool = ThreadPoolExecutor(ACK_THREADS, thread_name_prefix="teams-ack")
        self._known: set[tuple[str, str | None]] = set()  # (conversation id, user id) stored

    async def receive(self, authorization: str | None, body: bytes) -> Answer:
        """One request to /api/messages, answered as Teams expects: 401 without a valid token,
        400 for an activity the adapter cannot read (``bot.teams.gate``), nothing stored."""
        activity, unreadable = read(body)
        try:
            if activity is None:
                await self.auth.check_sender(authorization)
            else:
                await self.auth.check(authorization, activity)
        except UnauthorizedError as err:
            log.warning(logtext.TEAMS_REFUSED, 401, err)
            return Answer(401)
        except KeysUnavailableError as err:
            log.error(logtext.TEAMS_REFUSED, 503, err)  # noqa: TRY400 - the reason says it
            return Answer(503)
        problem = unreadable if activity is None else activity_problem(activity)
        if activity is None or problem is not None:
            log.warning(logtext.TEAMS_REFUSED, 400, problem)
            return Answer(400)
        # Every text cleaned once, here: what is stored (events, conversations) is clean.
        cleaned = clean_json(activity)
        assert isinstance(cleaned, Mapping)  # noqa: S101 - clean_json keeps an object one
        try:
            return await self._take(cleaned)
        except IntakeError:
            return Answer(503)  # not stored: Teams delivers it again

    async def _take(self, activity: Mapping[str, Any]) -> Answer:
        found = parse(activity, self.clock.now())
        if isinstance(found, Install):
            await self._now(self._installed, found)
        elif isinstance(found, Uninstall):
            await self._now(self._uninstalled, found)
        else:
            await self._remember(activity)
        if activity.get("type") != "invoke":
            if isinstance(found, Event):
                await self.intake.store(found)
            return Answer(200)
        if isinstance(found, FileConsent):
            return await self._file_consent(found)
        if activity.get("name") != CARD_ACTION or not isinstance(found, ButtonIn | FormIn):
            return Answer(200)  # an invoke we do not answer: acknowledged all the same
        return await self._card_action(found)

    # -- where the bot can write --------------------------------------------------------------

    async def _remember(self, activity: Mapping[str, Any]) -> None:
        """Store the conversation of an activity the first time this process sees it."""
        where = reference(activity)
        user = user_of(activity)
        if where is None:
            return
        key = (where.conversation_id, user if where.personal else None)
        if key in self._known:
            return
        await self._now(self._save, where, user)
        if len(self._known) >= KNOWN_MAX:
            self._known.clear()
        self._known.add(key)

    def _save(self, where: Reference, user: str | None) -> None:
        place = Place(where.service_url, where.conversation_id, where.tenant_id, where.bot_id)
        now = self.clock.now()
        with transaction(self.register.sessions) as session:
            if where.personal:
                save_conversation(session, place=place, kind=PERSONAL, user_id=user, now=now)
                person = None if user is None else person_by_identity(session, Source.TEAMS, user)
                if person is not None:
                    reached(session, person.id, Source.TEAMS)
            elif where.conversation_type == CHANNEL:
                save_conversation(
                    session,
                    place=place,
                    kind=CHANNEL,
                    team_id=where.team_id,
                    name=where.name,
                    now=now,
                )

    def _installed(self, install: Install) -> None:
        where = install.conversation
        if where.conversation_type == CHANNEL and where.team_id is None:
            # Added to a team: the activity is in its General channel, whose id is the team's.
            where = replace(where, team_id=where.conversation_id)
        self._save(where, install.user_id)
        self._known.discard((where.conversation_id, install.user_id))

    def _uninstalled(self, uninstall: Uninstall) -> None:
        with transaction(self.register.sessions) as session:
            set_reachable(session, uninstall.user_id, False, self.clock.now())

    # -- a file's consent card ----------------------------------------------------------------

    async def _file_consent(self, found: FileConsent) -> Answer:
        """Store an Allow or Decline and answer 200, all Teams waits for; 503 when it cannot be
        stored, so that Teams shows the person it failed and they can answer again."""
        try:
            await self._now(self._store_consent, found)
        except SQLAlchemyError as err:
            # Without a traceback: the database's error says what failed.
            log.error(logtext.TEAMS_CONSENT_NOT_STORED, found.event_id, err)  # noqa: TRY400
            return Answer(503)
        return Answer(200)

    def _store_consent(self, found: FileConsent) -> None:
        where = found.conversation
        with transaction(self.register.sessions) as session:
            offered = offered_file(session, found.outbox_key)
            card = None if offered is None else _card_of(found, offered)
            if offered is None or card is None or found.user_id not in offered.recipients:
                # Not a file of ours, or not theirs: a card's context is no proof of either.
                log.warning(
                    logtext.TEAMS_CONSENT_IGNORED, found.event_id, found.outbox_key, found.user_id
                )
                return
            stored = save_answer(
                session,
                outbox_id=offered.outbox_id,
                event_id=found.event_id,
                user_id=found.user_id,
                service_url=where.service_url,
                conversation_id=where.conversation_id,
                card_id=card,
                upload=_upload(found.upload),
                now=self.clock.now(),
                secrets=self.secrets,
            )
        if stored:
            answer = "allowed" if found.accepted else "declined"
            log.info(logtext.TEAMS_CONSENT_STORED, offered.outbox_id, answer, found.event_id)
        else:
            log.info(logtext.TEAMS_CONSENT_AGAIN, offered.outbox_id, found.event_id)

    # -- a card's buttons and forms -----------------------------------------------------------

    async def _card_action(self, found: ButtonIn | FormIn) -> Answer:
        reader = await self._now(self._reader, found.user_id)
        lang = "nl" if reader is None else reader.lang
        if reader is not None and isinstance(found, ButtonIn) and found.action == "form":
            opened = await self._now(self._opened, reader, found)
            if opened is not None:
                return Answer(200, card_response(opened))
        if reader is not None and isinstance(found, FormIn) and found.form == "update":
            refused = await self._now(self._refused, reader, found)
            if refused is not None:
                return Answer(200, card_response(refused))
        await self.intake.store(found)
        if isinstance(found, FormIn):
            original = await self._now(self._original, found.message, lang)
            if original is not None:
                return Answer(200, card_response(original))
        return Answer(200, message_response(t("teams.received", lang)))

    def _reader(self, user_id: str) -> _Reader | None:
        with self.register.sessions() as session:
            person = person_by_identity(session, Source.TEAMS, user_id)
            if person is None:
                return None
            lang, zone = locale_of(session, person, self.zone)
            return _Reader(person, lang, zone)

    def _opened(self, reader: _Reader, found: ButtonIn) -> dict[str, Any] | None:
        """The card again with the update form on it, in place of the button's message."""
        with self.register.sessions() as session:
            today = self.clock.now().astimezone(reader.zone).date()
            form = update_form(session, reader.person, found.value, today, reader.lang)
            if form is None:
                return None  # not theirs to update: the usual path answers why
            return self._with_form(session, found.message, form, reader.lang)

    def _refused(self, reader: _Reader, found: FormIn) -> dict[str, Any] | None:
        """The card again with the form's errors under its inputs; None when it is fine."""
        number = row_number(found.context)
        if number is None:
            return None
        with self.register.sessions() as session:
            action = action_by_id(session, number)
            if action is None:
                return None  # the usual path answers why
            today = self.clock.now().astimezone(reader.zone).date()
            problems = form_problems(action, found.values, today, reader.lang)
            if not problems:
                return None
            form = refused_form(action, found.values, problems, reader.lang)
            return self._with_form(session, found.message, form, reader.lang)

    def _with_form(
        self, session: Session, ref: str | None, form: Form, lang: Language
    ) -> dict[str, Any]:
        message = self._message(session, ref)
        shown = Message("", form=form) if message is None else replace(message, form=form)
        return message_card(shown, lang=lang)

    def _original(self, ref: str | None, lang: Language) -> dict[str, Any] | None:
        """The card a form was submitted from, as first sent (without an opened form)."""
        with self.register.sessions() as session:
            message = self._message(session, ref)
        if message is None or message.form is not None:
            return None  # a form the message itself carried: "received" says enough
        return message_card(message, lang=lang)

    @staticmethod
    def _message(session: Session, ref: str | None) -> Message | None:
        if ref is None:
            return None
        outbox_id = message_by_ref(session, Source.TEAMS, ref)
        row = None if outbox_id is None else get(session, outbox_id)
        return None if row is None else message_of(row)

    # -- threads ------------------------------------------------------------------------------

    async def _now(self, work: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._pool, work, *args)

    def close(self) -> None:
        self._pool.shutdown()


def _card_of(found: FileConsent, offered: Offered) -> str | None:
    """The consent card's activity id: as Teams gives it with the answer, else the one the port
    delivered (when it is in the chat the answer came from)."""
    if found.card_id is not None:
        return found.card_id
    if offered.ref is None:
        return None
    try:
        ref = parse_ref(offered.ref)
    except ValueError:
        return None
    return ref.activity_id if ref.conversation_id == found.conversation.conversation_id else None


def _upload(info: UploadInfo | None) -> Upload | None:
    if info is None:
        return None
    return Upload(info.upload_url, info.content_url, info.unique_id, info.file_type, info.name)
