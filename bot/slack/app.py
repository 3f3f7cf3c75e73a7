"""The Slack adapter: slack-bolt's AsyncApp wired to Voortgang's inbox, outbox and forms.

Every event is stored (``EventIntake.store``, deduplicated by its id, since Slack retries up
to three times) before it is acknowledged; the app runs with ``process_before_response`` so
the HTTP answer leaves only once the listener has stored it. The handling itself happens
afterwards, in the inbox worker of the clock process (``bot.worker``). Answers go through the
outbox like everywhere; a sender thread delivers them with ``bot.slack.port.SlackPort``.

Two things cannot wait for the outbox, because Slack wants them within three seconds of the
click: opening the update form as a modal (it needs the click's trigger id) and refusing a
submitted form with errors at its inputs. Both only read the register.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Final, TypeVar
from zoneinfo import ZoneInfo

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot import logtext
from bot.catalogue import t
from bot.clock import Clock
from bot.domain import Source
from bot.errors import DeliveryError
from bot.inbox import locale_of
from bot.intake import EventIntake
from bot.register import Register
from bot.slack.directory import SlackDirectory
from bot.slack.events import Home, parse
from bot.slack.port import slack_client
from bot.slack.render import OPEN_FORM, home_view, modal_view, opened_form, submitted
from config.settings import SlackSettings
from handlers.events import ButtonIn, Event
from handlers.home import home_message
from handlers.messages import Form, Message
from handlers.replies import form_problems, update_form
from storage.db import transaction
from storage.events import message_by_ref
from storage.outbox import get, message_of
from storage.people import link_identity, person_by_email, person_by_identity, unlinked_people
from storage.updates import action_by_id

log = logging.getLogger(__name__)

COMMAND: Final = "/voortgang"
OURS: Final = re.compile(r"^vg:")
FORM_CALLBACK: Final = "vg_form"
# Reading the register for a form before the acknowledgement gets threads of its own, so it
# never queues behind the one thing done after an answer here: publishing someone's App Home
# page. Storing events needs no thread (bot.intake); handling them is the clock process's.
ACK_THREADS: Final = 4
HOME_THREADS: Final = 1

T = TypeVar("T")


class SlackAdapter:
    """The listeners' work, kept apart from Bolt's wiring (``register``) so tests drive it."""

    def __init__(
        self,
        register: Register,
        clock: Clock,
        settings: SlackSettings,
        default_zone: ZoneInfo,
        intake: EventIntake | None = None,
    ) -> None:
        self.register = register
        self.clock = clock
        self.settings = settings
        self.zone = default_zone
        self.intake = EventIntake(register.engine) if intake is None else intake
        self.web = slack_client(settings.bot_token or "", settings.api_url)
        self.directory = SlackDirectory(self.web)
        self.bot_user: str | None = None
        self._ack_pool = ThreadPoolExecutor(ACK_THREADS, thread_name_prefix="slack-ack")
        self._work_pool = ThreadPoolExecutor(HOME_THREADS, thread_name_prefix="slack-home")
        self._async_web: AsyncWebClient | None = None  # made on the event loop, when first used
        self._tasks: set[asyncio.Future[None]] = set()

    # -- events -----------------------------------------------------------------------------

    async def take(self, body: Mapping[str, Any]) -> Event | Home | None:
        """Store what ``body`` says (or show the App Home page); before the acknowledgement."""
        found = parse(body, self.clock.now(), self.bot_user)
        if isinstance(found, Home):
            self._later(self.show_home, found.user_id)
        elif found is not None:
            # Stored, and so safe, before Slack hears back; the inbox worker of the clock
            # process handles it (bot.worker), so the web process only ever stores and answers.
            await self.intake.store(found)
        return found

    async def _now(self, work: Callable[..., T], *args: Any) -> T:
        """Reading the acknowledgement waits for (a form), on the threads kept for it."""
        return await asyncio.get_running_loop().run_in_executor(self._ack_pool, work, *args)

    def _later(self, work: Callable[..., None], *args: Any) -> None:
        # Heavy work after the acknowledgement, in a thread: the database and the Web API block.
        task = asyncio.get_running_loop().run_in_executor(self._work_pool, work, *args)
        self._tasks.add(task)  # keep a reference until it is done, or it may be collected
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Future[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error(logtext.SLACK_TASK_FAILED, task.exception())

    async def settle(self) -> None:
        """Wait for the work started after acknowledgements (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def close(self) -> None:
        """Let the threads go once settled (``SlackRuntime.stop``)."""
        self._ack_pool.shutdown()
        self._work_pool.shutdown()

    # -- who is who -------------------------------------------------------------------------

    def link(self, user_id: str) -> None:
        """Match a Slack user to a person by email the first time they write."""
        with transaction(self.register.sessions) as session:
            if person_by_identity(session, Source.SLACK, user_id) is not None:
                return
        try:
            email = self.directory.email_of(user_id)
        except DeliveryError as err:
            log.warning(logtext.SLACK_LOOKUP_FAILED, err.reason)
            return  # handled as someone unknown for now; looked up again next time
        if email is None:
            return
        with transaction(self.register.sessions) as session:
            person = person_by_email(session, email)
            if person is not None:
                link_identity(session, person.id, Source.SLACK, user_id)

    def link_everyone(self) -> int:
        """Find the Slack user of everyone not linked yet, by email, so pings can reach them.

        Run when the adapter starts and now and then after: people are added to programmes
        and to the workspace over time. Returns how many were linked.
        """
        with self.register.sessions() as session:
            wanted = unlinked_people(session, Source.SLACK)
        linked = 0
        for person_id, email in wanted:
            try:
                user_id = self.directory.user_by_email(email)
            except DeliveryError as err:
                log.warning(logtext.SLACK_LOOKUP_FAILED, err.reason)
                break  # the Web API is down or refuses: try again next time
            if user_id is None:
                continue
            with transaction(self.register.sessions) as session:
                linked += link_identity(session, person_id, Source.SLACK, user_id)
        return linked

    # -- App Home ---------------------------------------------------------------------------

    def show_home(self, user_id: str) -> None:
        self.link(user_id)
        with self.register.sessions() as session:
            person = person_by_identity(session, Source.SLACK, user_id)
            if person is None:
                message = Message(
                    t("perm.unknown_person", "nl") + "\n" + t("perm.unknown_person", "en")
                )
            else:
                lang, zone = locale_of(session, person, self.zone)
                today = self.clock.now().astimezone(zone).date()
                message = home_message(session, person, today, zone, lang)
        try:
            self.web.views_publish(user_id=user_id, view=home_view(message, lang=lang))
        except SlackApiError as err:
            log.warning(logtext.SLACK_HOME_FAILED, user_id, err.response.get("error"))

    # -- buttons and forms ------------------------------------------------------------------

    async def button(self, body: Mapping[str, Any], ack: AsyncAck) -> None:
        found = parse(body, self.clock.now(), self.bot_user)
        if isinstance(found, ButtonIn) and found.action in ("form", OPEN_FORM):
            # "Schrijf update" names the action; a message's own form button names the form.
            form_id, action_id = ("update", found.value)
            if found.action == OPEN_FORM:
                form_id, action_id = opened_form(found.value)
            if form_id == "update":
                form = await self._now(self._form_for, found.user_id, action_id)
            else:
                form = await self._now(self._stored_form, found.user_id, found.message)
            if form is not None:
                await ack()
                await self._open(str(body.get("trigger_id", "")), form, found.message)
                return
        await self.take(body)
        await ack()

    def _form_for(self, user_id: str, action_id: str) -> tuple[Form, str] | None:
        self.link(user_id)
        with self.register.sessions() as session:
            person = person_by_identity(session, Source.SLACK, user_id)
            if person is None:
                return None
            lang, zone = locale_of(session, person, self.zone)
            form = update_form(
                session, person, action_id, self.clock.now().astimezone(zone).date(), lang
            )
            return None if form is None else (form, lang)

    def _stored_form(self, user_id: str, ref: str | None) -> tuple[Form, str] | None:
        """The form a bot message offered (a new action's form), as that message had it."""
        if ref is None:
            return None
        self.link(user_id)
        with self.register.sessions() as session:
            person = person_by_identity(session, Source.SLACK, user_id)
            outbox_id = message_by_ref(session, Source.SLACK, ref)
            row = None if outbox_id is None else get(session, outbox_id)
            message = None if row is None else message_of(row)
            if person is None or message is None or message.form is None:
                return None
            return message.form, locale_of(session, person, self.zone)[0]

    async def _open(self, trigger: str, found: tuple[Form, str], origin: str | None) -> None:
        form, lang = found
        view = modal_view(form, lang=lang, callback_id=FORM_CALLBACK, metadata=origin or "")
        if self._async_web is None:
            self._async_web = AsyncWebClient(
                token=self.settings.bot_token, base_url=self.settings.api_url
            )
        client = self._async_web
        try:
            await client.views_open(trigger_id=trigger, view=view)
        except SlackApiError as err:
            log.warning(logtext.SLACK_FORM_FAILED, err.response.get("error"))

    async def view(self, body: Mapping[str, Any], ack: AsyncAck) -> None:
        """A submitted modal: errors shown at the inputs, or stored and closed."""
        user = str(body["user"]["id"])
        try:
            form_id, context, values = submitted(body.get("view") or {})
        except ValueError:
            await ack()
            return
        problems = await self._now(self._problems, user, form_id, context, values)
        if problems:
            await ack(response_action="errors", errors=problems)
            return
        await self.take(body)
        await ack()

    def _problems(
        self, user_id: str, form_id: str, context: str, values: Mapping[str, str]
    ) -> dict[str, str]:
        if form_id != "update" or not context.isdigit():
            return {}
        with self.register.sessions() as session:
            person = person_by_identity(session, Source.SLACK, user_id)
            action = action_by_id(session, int(context))
            if person is None or action is None:
                return {}  # the usual path answers why
            lang, zone = locale_of(session, person, self.zone)
            today = self.clock.now().astimezone(zone).date()
            return form_problems(action, values, today, lang)


def register(app: AsyncApp, adapter: SlackAdapter) -> None:
    """Bolt's listeners, each a thin call into the adapter."""

    async def on_event(body: dict[str, Any]) -> None:
        await adapter.take(body)

    for kind in ("message", "app_mention", "app_home_opened"):
        app.event(kind)(on_event)

    async def on_action(body: dict[str, Any], ack: AsyncAck) -> None:
        await adapter.button(body, ack)

    app.action(OURS)(on_action)

    async def on_view(body: dict[str, Any], ack: AsyncAck) -> None:
        await adapter.view(body, ack)

    app.view(FORM_CALLBACK)(on_view)

    async def on_command(body: dict[str, Any], ack: AsyncAck) -> None:
        await adapter.take(body)
        await ack()

    app.command(COMMAND)(on_command)


def build_app(adapter: SlackAdapter, client: AsyncWebClient | None = None) -> AsyncApp:
    """The Bolt app for one workspace; signatures are always checked."""
    settings = adapter.settings
    web = client or AsyncWebClient(token=settings.bot_token, base_url=settings.api_url)
    app = AsyncApp(
        client=web,
        signing_secret=settings.signing_secret,
        process_before_response=True,
        request_verification_enabled=True,
    )
    register(app, adapter)
    return app
