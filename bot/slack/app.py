"""The Slack adapter: slack-bolt's AsyncApp wired to Voortgang's inbox, outbox and forms.

Every event is stored (``EventIntake.store``, deduplicated by its id, since Slack retries up
to three times) before it is acknowledged; the app runs with ``process_before_response`` so
the HTTP answer leaves only once the listener has stored it. The handling itself happens
afterwards, in the inbox worker of the clock process (``bot.engine.worker``). Answers go through the
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
from pathlib import Path
from typing import Any, Final, TypeVar
from zoneinfo import ZoneInfo

import yaml
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import Engine

from bot.engine.handle import locale_of
from bot.engine.intake import EventIntake
from bot.engine.opening import Register
from bot.slack.client import CLIENT_TIMEOUT
from bot.slack.directory import SlackDirectory
from bot.slack.events import Home, parse
from bot.slack.render import OPEN_FORM, home_view, modal_view, opened_form, submitted
from bot.slack.workspaces import Workspaces
from config.settings import SLACK_MANIFEST, SlackSettings
from handlers.commands.home import home_message
from handlers.replies.form import form_problems, update_form
from storage.db import transaction
from storage.encryption import Secrets, UnreadableSecretError
from storage.inbox import message_by_ref
from storage.outbox import message_of
from storage.outbox_addressing import get
from storage.people import (
    ids_without_workspace,
    link_identity,
    note_workspace,
    person_by_email,
    person_by_identity,
    unlinked_people,
)
from storage.slack_installs import AsyncInstalls, AsyncStates, installation_store, state_store
from storage.updates import action_by_id
from words import logtext
from words.catalogue import t
from words.chat.inbound import ButtonIn, Event
from words.chat.messages import Form, Message
from words.cleantext import clean_text
from words.clock import Clock
from words.domain import Source
from words.errors import DeliveryError
from words.numbers import row_number

log = logging.getLogger(__name__)

COMMAND: Final = "/voortgang"
OURS: Final = re.compile(r"^vg:")
FORM_CALLBACK: Final = "vg_form"
INSTALL_PATH: Final = "/slack/install"  # "Add to Slack", with installs through OAuth
REDIRECT_PATH: Final = "/slack/oauth_redirect"
# Reading the register for a form before the acknowledgement gets threads of its own, so it
# never queues behind the one thing done after an answer here: publishing someone's App Home
# page. Storing events needs no thread (bot.engine.intake); handling them is the clock process's.
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
        self.workspaces = Workspaces(settings, register.engine, register.secrets)
        self.bot_user: str | None = None
        self._ack_pool = ThreadPoolExecutor(ACK_THREADS, thread_name_prefix="slack-ack")
        self._work_pool = ThreadPoolExecutor(HOME_THREADS, thread_name_prefix="slack-home")
        # Made on the event loop when first used, one per bot token (workspace).
        self._async_web: dict[str, AsyncWebClient] = {}
        self._tasks: set[asyncio.Future[None]] = set()

    # -- events -----------------------------------------------------------------------------

    async def take(self, body: Mapping[str, Any]) -> Event | Home | None:
        """Store what ``body`` says (or show the App Home page); before the acknowledgement."""
        found = parse(body, self.clock.now(), self.bot_user)
        if isinstance(found, Home):
            self._later(self.show_home, found.user_id, found.workspace)
        elif found is not None:
            # Stored, and so safe, before Slack hears back; the inbox worker of the clock
            # process handles it (bot.engine.worker), so the web process only ever stores and
            # answers.
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

    def _web(self, workspace: str | None) -> WebClient | None:
        """A client with the bot token of ``workspace``; None where the app is not installed."""
        client = self.workspaces.client(workspace, timeout=CLIENT_TIMEOUT)
        if client is None:
            log.warning(logtext.SLACK_NO_WORKSPACE, workspace)
        return client

    def link(self, user_id: str, workspace: str | None = None) -> None:
        """Match a Slack user to a person by email the first time they write."""
        with transaction(self.register.sessions) as session:
            if person_by_identity(session, Source.SLACK, user_id) is not None:
                if workspace is not None:
                    note_workspace(session, Source.SLACK, user_id, workspace)
                return
        client = self._web(workspace)
        if client is None:
            return
        try:
            email = SlackDirectory(client).email_of(user_id)
        except DeliveryError as err:
            log.warning(logtext.SLACK_LOOKUP_FAILED, err.reason)
            return  # handled as someone unknown for now; looked up again next time
        if email is None:
            return
        with transaction(self.register.sessions) as session:
            person = person_by_email(session, email)
            if person is not None:
                link_identity(session, person.id, Source.SLACK, user_id, workspace)

    def link_everyone(self) -> int:
        """Find the Slack user of everyone not linked yet, by email, so pings can reach them.

        Run when the adapter starts and now and then after: people are added to programmes
        and to the workspaces over time. With installs through OAuth every workspace is
        looked in, first installed first. Returns how many were linked.
        """
        linked = 0
        for workspace in self.workspaces.teams():
            client = self._web(workspace)
            if client is not None:
                directory = SlackDirectory(client)
                linked += self._link_in(directory, workspace)
                if workspace is not None:
                    self._place_in(directory, workspace)
        return linked

    def _place_in(self, directory: SlackDirectory, workspace: str) -> None:
        """Note which known ids (from programme files) belong to ``workspace``, so messages
        to them go there."""
        with self.register.sessions() as session:
            unplaced = ids_without_workspace(session, Source.SLACK)
        for user_id in unplaced:
            try:
                found = directory.has_user(user_id)
            except DeliveryError as err:
                log.warning(logtext.SLACK_LOOKUP_FAILED, err.reason)
                return  # looked up again next time
            if found:
                with transaction(self.register.sessions) as session:
                    note_workspace(session, Source.SLACK, user_id, workspace)

    def _link_in(self, directory: SlackDirectory, workspace: str | None) -> int:
        with self.register.sessions() as session:
            wanted = unlinked_people(session, Source.SLACK)
        linked = 0
        for person_id, email in wanted:
            try:
                user_id = directory.user_by_email(email)
            except DeliveryError as err:
                log.warning(logtext.SLACK_LOOKUP_FAILED, err.reason)
                break  # the Web API is down or refuses: try again next time
            if user_id is None:
                continue
            with transaction(self.register.sessions) as session:
                linked += link_identity(session, person_id, Source.SLACK, user_id, workspace)
        return linked

    # -- App Home ---------------------------------------------------------------------------

    def show_home(self, user_id: str, workspace: str | None = None) -> None:
        self.link(user_id, workspace)
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
        client = self._web(workspace)
        if client is None:
            return
        try:
            client.views_publish(user_id=user_id, view=home_view(message, lang=lang))
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
                form = await self._now(self._form_for, found, action_id)
            else:
                form = await self._now(self._stored_form, found)
            if form is not None:
                await ack()
                trigger = str(body.get("trigger_id", ""))
                await self._open(trigger, form, found.message, found.workspace)
                return
        await self.take(body)
        await ack()

    def _form_for(self, pressed: ButtonIn, action_id: str) -> tuple[Form, str] | None:
        self.link(pressed.user_id, pressed.workspace)
        with self.register.sessions() as session:
            person = person_by_identity(session, Source.SLACK, pressed.user_id)
            if person is None:
                return None
            lang, zone = locale_of(session, person, self.zone)
            form = update_form(
                session, person, action_id, self.clock.now().astimezone(zone).date(), lang
            )
            return None if form is None else (form, lang)

    def _stored_form(self, pressed: ButtonIn) -> tuple[Form, str] | None:
        """The form a bot message offered (a new action's form), as that message had it."""
        ref = pressed.message
        if ref is None:
            return None
        self.link(pressed.user_id, pressed.workspace)
        with self.register.sessions() as session:
            person = person_by_identity(session, Source.SLACK, pressed.user_id)
            outbox_id = message_by_ref(session, Source.SLACK, ref)
            row = None if outbox_id is None else get(session, outbox_id)
            message = None if row is None else message_of(row)
            if person is None or message is None or message.form is None:
                return None
            return message.form, locale_of(session, person, self.zone)[0]

    async def _open(
        self, trigger: str, found: tuple[Form, str], origin: str | None, workspace: str | None
    ) -> None:
        form, lang = found
        view = modal_view(form, lang=lang, callback_id=FORM_CALLBACK, metadata=origin or "")
        token = await self._now(self.workspaces.token, workspace)
        if token is None:
            log.warning(logtext.SLACK_NO_WORKSPACE, workspace)
            return
        client = self._async_web.get(token)
        if client is None:
            client = AsyncWebClient(token=token, base_url=self.settings.api_url)
            self._async_web[token] = client
        try:
            await client.views_open(trigger_id=trigger, view=view)
        except SlackApiError as err:
            log.warning(logtext.SLACK_FORM_FAILED, err.response.get("error"))

    async def view(self, body: Mapping[str, Any], ack: AsyncAck) -> None:
        """A submitted modal: errors shown at the inputs, or stored and closed."""
        user = clean_text(str(body["user"]["id"]))  # looked up before any event is made
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
        number = row_number(context)
        if form_id != "update" or number is None:
            return {}
        with self.register.sessions() as session:
            person = person_by_identity(session, Source.SLACK, user_id)
            action = action_by_id(session, number)
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
    """The Bolt app: for one workspace's bot token, or for every workspace that installed the
    app through OAuth (Bolt then finds each request's token in the installation store).
    Signatures are always checked."""
    settings = adapter.settings
    if settings.oauth:
        app = AsyncApp(
            client=client or AsyncWebClient(base_url=settings.api_url),
            signing_secret=settings.signing_secret,
            process_before_response=True,
            request_verification_enabled=True,
            oauth_settings=oauth_settings(
                settings, adapter.register.engine, adapter.register.secrets_required()
            ),
        )
        # Uninstalled, or its tokens revoked: the workspace's rows go, so nothing is sent there.
        app.enable_token_revocation_listeners()
    else:
        web = client or AsyncWebClient(token=settings.bot_token, base_url=settings.api_url)
        app = AsyncApp(
            client=web,
            signing_secret=settings.signing_secret,
            process_before_response=True,
            request_verification_enabled=True,
        )
        _register_revocation(app)
    register(app, adapter)
    return app


def oauth_settings(settings: SlackSettings, engine: Engine, secrets: Secrets) -> AsyncOAuthSettings:
    """ "Add to Slack" at INSTALL_PATH, Slack's answer at REDIRECT_PATH; the bot scopes are
    those of the app manifest, so the two cannot drift apart."""
    if settings.client_id is None or settings.client_secret is None:
        raise ValueError("installs through OAuth need SLACK_CLIENT_ID and SLACK_CLIENT_SECRET")
    return AsyncOAuthSettings(
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        scopes=bot_scopes(),
        user_scopes=[],
        redirect_uri=settings.redirect_uri,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        authorization_url=settings.authorize_url,
        installation_store=LoggedInstalls(installation_store(engine, settings.client_id, secrets)),
        installation_store_bot_only=True,
        state_store=AsyncStates(state_store(engine)),
    )


def bot_scopes(manifest: Path = SLACK_MANIFEST) -> list[str]:
    """The bot scopes the app manifest asks for."""
    document = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    return [str(scope) for scope in document["oauth_config"]["scopes"]["bot"]]


class LoggedInstalls(AsyncInstalls):
    """The installation store, saying in the log where the app was installed, and which
    workspace's stored token cannot be decrypted (its requests then go unanswered, as for a
    workspace that is not installed, until the key is back)."""

    async def async_save(self, installation: Installation) -> None:
        await super().async_save(installation)
        log.info(logtext.SLACK_INSTALLED, installation.team_id, installation.team_name)

    async def async_find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        try:
            return await super().async_find_bot(
                enterprise_id=enterprise_id,
                team_id=team_id,
                is_enterprise_install=is_enterprise_install,
            )
        except UnreadableSecretError as err:
            log.error(logtext.SLACK_UNDECRYPTABLE, team_id, err)  # noqa: TRY400 - no traceback
            return None

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        try:
            return await super().async_find_installation(
                enterprise_id=enterprise_id,
                team_id=team_id,
                user_id=user_id,
                is_enterprise_install=is_enterprise_install,
            )
        except UnreadableSecretError as err:
            log.error(logtext.SLACK_UNDECRYPTABLE, team_id, err)  # noqa: TRY400 - no traceback
            return None


def _register_revocation(app: AsyncApp) -> None:
    # With one bot token there is nothing to delete; the operator needs to know at once.
    async def revoked(body: dict[str, Any]) -> None:
        log.error(logtext.SLACK_REVOKED, body.get("team_id"), body.get("event", {}).get("type"))

    for kind in ("tokens_revoked", "app_uninstalled"):
        app.event(kind)(revoked)
