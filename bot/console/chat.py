"""The local console chat: the embedded default when no chat platform is configured.

It is an adapter like Slack's and Teams': typed lines become neutral events for the handlers,
and what the bot sends (through the outbox, like everywhere) is printed with whom it is for.
Console-only commands start with a slash: ``/als`` picks who you are, ``/tijd`` moves the
simulated clock, ``/antwoord``, ``/knop`` and ``/formulier`` answer in a thread, press a
button and submit a form of a numbered message. A script on standard input works the same.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path
from typing import IO

from bot.console.arguments import (
    WrongError,
    button_named,
    buttons_of,
    form_of,
    form_values,
    message_named,
)
from bot.console.time_travel import TimeRefusedError, check_move, parse_when
from bot.engine.handle import Inbox
from bot.engine.opening import Register
from bot.engine.runner import Runner
from config.settings import Settings
from storage.db import transaction
from storage.marks import get_mark, set_mark
from storage.outbox_addressing import Delivered, delivered
from storage.people import find_people, first_director
from storage.pings import first_planned
from words import logtext
from words.catalogue import t
from words.chat.delivery import Delivery, DeliveryKind
from words.chat.inbound import ButtonIn, Event, FormIn, MessageIn
from words.chat.messages import File, Message
from words.checkin_settings import DUTCH_WEEKDAYS, WEEKDAYS
from words.cleantext import clean_text
from words.dates import moment
from words.domain import Source

# Terminal control characters in someone's text must not move the cursor or recolour the
# screen of the person reading it.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
COMMENT = re.compile(r"^\s*#(\s|$)")
# The simulated moment kept in the database, so a console started again on it goes on from there.
CLOCK_MARK = "console:clock"


logger = logging.getLogger(__name__)


def clean(text: str) -> str:
    return CONTROL.sub("", text)


class ConsolePort:
    """The console's delivery port: prints each message, numbered so it can be answered."""

    platform = Source.CONSOLE

    def __init__(self, out: IO[str], files_dir: Path | None = None) -> None:
        self.out = out
        self.files_dir = files_dir
        self.messages: dict[str, Message] = {}
        self.recipients: dict[str, str] = {}
        self.by_key: dict[str, str] = {}
        self.last = 0  # the number of the newest message; files are numbered too

    def restore(self, earlier: Iterable[Delivered]) -> None:
        """Know the messages an earlier session on this database printed, by their numbers,
        so they can still be answered, and number new ones after them."""
        for item in earlier:
            if item.message is not None:
                self.messages[item.ref] = item.message
                self.recipients[item.ref] = item.recipient
            self.by_key[item.key] = item.ref
            if item.ref.isdigit():
                self.last = max(self.last, int(item.ref))

    def deliver(self, delivery: Delivery) -> str:
        self.last += 1
        ref = str(self.last)
        if delivery.message is not None:
            self.messages[ref] = delivery.message
            self.recipients[ref] = delivery.recipient
        self.by_key[delivery.key] = ref
        print(self._render(ref, delivery), file=self.out, flush=True)
        return ref

    def find(self, key: str, delivery: Delivery) -> str | None:
        return self.by_key.get(key)

    def _render(self, ref: str, delivery: Delivery) -> str:
        where = {
            DeliveryKind.DM: delivery.recipient,
            DeliveryKind.CHANNEL: f"#{delivery.recipient}",
            DeliveryKind.THREAD: f"{delivery.recipient} ↳ [{delivery.parent_ref}]",
            DeliveryKind.UPDATE: f"{delivery.recipient} (vervangt [{delivery.parent_ref}])",
        }[delivery.kind]
        lines = [f"[{ref}] → {clean(where)}:"]
        if delivery.file is not None:
            lines += self._file(ref, delivery.file)
        if delivery.message is not None:
            lines += ["    " + clean(line) for line in delivery.message.text.splitlines()]
            if delivery.mentions:  # a channel post's, as a line of their own after its text
                names = ", ".join("@" + " ".join(m.name.split()) for m in delivery.mentions)
                lines.append("    " + clean(names))
            lines += self._controls(delivery.message)
        return "\n".join(lines)

    def _file(self, ref: str, file: File) -> list[str]:
        lines = [f"    📎 {clean(file.name)} ({len(file.content)} bytes)"]
        saved = self._save(ref, file)
        if saved is not None:
            lines[0] += f" → {saved}"
        return lines + ["    " + clean(line) for line in file.comment.splitlines()]

    def _save(self, ref: str, file: File) -> Path | None:
        # The name comes from the bot, but keep it a plain name inside the folder regardless.
        if self.files_dir is None:
            return None
        name = Path(file.name).name
        try:
            self.files_dir.mkdir(parents=True, exist_ok=True)
            path = _unused(self.files_dir / f"{ref}-{name}")
            path.write_bytes(file.content)
        except OSError as err:
            logger.warning(logtext.CONSOLE_FILE_NOT_SAVED, path, err)
            return None
        return path

    @staticmethod
    def _controls(message: Message) -> list[str]:
        # One line of numbered buttons per section: "/knop <bericht> <nummer>" presses one.
        lines: list[str] = []
        heading: str | None = None
        for number, (section, button) in enumerate(buttons_of(message), start=1):
            if section != heading or not lines:
                heading = section
                lines.append("    " + (f"{clean(section)}: " if section else ""))
            lines[-1] += f"({number}) {clean(button.label)}  "
        lines = [line.rstrip() for line in lines]
        if message.form is not None:
            names = ", ".join(i.name for i in message.form.inputs)
            lines.append(f"    ▤ {clean(message.form.title)}: {names}")
            # An error the message's text says already is not printed a second time.
            errors = [i for i in message.form.inputs if i.error and i.error not in message.text]
            lines += [f"      ! {clean(i.label)}: {clean(i.error)}" for i in errors]
        return lines


def _unused(path: Path) -> Path:
    # A console on another database numbers its messages from 1 too: never overwrite its files.
    number = 1
    found = path
    while found.exists():
        number += 1
        found = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return found


class Console:
    """The console chat on a simulated clock.

    With ``resume``, the clock goes on from where an earlier session on the same database
    left it when that is later than its start (the clock never goes back over updates already
    recorded); without, it starts where it was given (``--today``). Either way the messages
    printed before keep their numbers, and new ones are numbered after them.
    """

    def __init__(
        self,
        register: Register,
        settings: Settings,
        runner: Runner,
        port: ConsolePort,
        *,
        resume: bool = True,
    ) -> None:
        self.register = register
        self.settings = settings
        self.runner = runner
        self.port = port
        self.clock = runner.clock
        self.resume = resume
        self.inbox = Inbox(register, self.clock, settings.zone)
        self.lang = settings.language
        self.person_id: int | None = None
        self.person_name = ""

    # -- console commands -------------------------------------------------------------

    def start(self) -> str:
        """Take up where an earlier session left off, pick the director as the first person
        and run what is due now."""
        with self.register.sessions() as session:
            self.port.restore(delivered(session, Source.CONSOLE))
            kept = get_mark(session, CLOCK_MARK)
            person = first_director(session)
            if person is not None:
                self.person_id, self.person_name = person.id, person.name
        if self.resume and kept is not None and kept > self.clock.now():
            self.clock.moment = kept
        self._keep_time()
        self.runner.run_due()
        welcome = t("chat.welcome", self.lang, who=self.person_name or "-", now=self._now())
        return welcome + "\n" + self._suggestion()

    def _suggestion(self) -> str:
        """A first path that works whatever day it is: to the first ping planned, as its
        recipient."""
        now = self.clock.now()
        with self.register.sessions() as session:
            found = first_planned(session, now)
            if found is None:
                return t("chat.try_nothing", self.lang)
            due, name = found
            first = name.split()[0].lower()
            who = first if len(find_people(session, first)) == 1 else name
        # An hour after it is due, on the hour: the ping has gone out by then.
        local = (due.astimezone(self.settings.zone) + timedelta(hours=1)).replace(
            minute=0, second=0, microsecond=0
        )
        days = (local.date() - now.astimezone(self.settings.zone).date()).days
        names = DUTCH_WEEKDAYS if self.lang == "nl" else WEEKDAYS
        day = names[local.weekday()] if 0 < days < 7 else local.date().isoformat()
        return t("chat.try", self.lang, when=f"{day} {local:%H:%M}", name=name, who=who)

    def _now(self) -> str:
        return moment(self.clock.now(), self.settings.zone, self.lang)

    def as_person(self, rest: str) -> str:
        if not rest:
            return t("chat.who_missing", self.lang)
        with self.register.sessions() as session:
            found = find_people(session, rest)
            if len(found) != 1:
                names = ", ".join(p.name for p in found[:8])
                key = "chat.who_ambiguous" if found else "chat.who_unknown"
                return t(key, self.lang, name=rest, names=names)
            self.person_id, self.person_name = found[0].id, found[0].name
        return t("chat.who", self.lang, name=self.person_name)

    def move_time(self, rest: str) -> str:
        if not rest:
            return t("chat.time", self.lang, now=self._now())
        now = self.clock.now()
        try:
            target = parse_when(rest, now, self.settings)
            if target is None:
                return t("chat.time_unreadable", self.lang, text=rest)
            check_move(now, target)
        except TimeRefusedError as refused:
            return t(refused.key, self.lang, text=rest, now=self._now(), **refused.params)
        self.runner.advance_to(target)
        self._keep_time()
        return t("chat.time", self.lang, now=self._now())

    def _keep_time(self) -> None:
        with transaction(self.register.sessions) as session:
            set_mark(session, CLOCK_MARK, self.clock.now())

    def _event(self, make: Callable[[str], Event]) -> str:
        if self.person_id is None:
            return t("chat.who_first", self.lang)
        self.inbox.handle(make(str(self.person_id)))
        self.runner.run_due()
        return ""

    def say(self, text: str, thread: str | None = None) -> str:
        return self._event(
            lambda uid: MessageIn(
                platform=Source.CONSOLE,
                event_id=uuid.uuid4().hex,  # unique across runs on the same database
                user_id=uid,
                received_at=self.clock.now(),
                text=text,
                thread=thread,
            )
        )

    def _ref(self, ref: str, wanted: Callable[[Message], bool]) -> str:
        # "." is the newest message to the current person that has what is wanted: easier
        # than counting.
        if ref != ".":
            return ref
        matching = [
            r
            for r, m in self.port.messages.items()
            if wanted(m) and self.port.recipients.get(r) == self.person_name
        ]
        return matching[-1] if matching else ref

    def _nothing_newest(self, key: str) -> str:
        # "." found no message for this person, or there is no person yet.
        if self.person_id is None:
            return t("chat.who_first", self.lang)
        return t(key, self.lang, name=self.person_name)

    def _not_theirs(self, ref: str) -> None:
        """A message to someone else (a direct message, or its thread) is not for the current
        person to answer: in Slack or Teams they would never have seen it."""
        whom = self.port.recipients.get(str(int(ref)))
        if whom is None or whom == self.person_name or self.person_id is None:
            return
        with self.register.sessions() as session:
            people = [p for p in find_people(session, whom) if p.name == whom]
            first = whom.split()[0].lower()
            who = first if len(find_people(session, first)) == 1 else whom
        if people:
            raise WrongError("chat.wrong_not_yours", {"ref": ref, "name": whom, "who": who})

    def _wrong(self, wrong: WrongError, usage: str) -> str:
        return t(wrong.key, self.lang, **wrong.params) + " " + t(usage, self.lang)

    def reply(self, rest: str) -> str:
        ref, _, text = rest.partition(" ")
        ref = self._ref(ref, lambda m: bool(buttons_of(m)))  # "." answers the newest question
        if ref == ".":
            return self._nothing_newest("chat.no_question")
        try:
            message_named(ref, self.port.messages, self.port.last)
            self._not_theirs(ref)
        except WrongError as wrong:
            return self._wrong(wrong, "chat.usage_reply")
        if not text.strip():
            return self._wrong(WrongError("chat.wrong_no_text", {"ref": ref}), "chat.usage_reply")
        return self.say(text.strip(), thread=str(int(ref)))

    def press(self, rest: str) -> str:
        ref, _, which = rest.partition(" ")
        ref = self._ref(ref, lambda m: bool(buttons_of(m)))
        if ref == ".":
            return self._nothing_newest("chat.no_question")
        try:
            message = message_named(ref, self.port.messages, self.port.last)
            self._not_theirs(ref)
            button = button_named(ref, message, which.strip())
        except WrongError as wrong:
            return self._wrong(wrong, "chat.usage_button")
        return self._event(
            lambda uid: ButtonIn(
                platform=Source.CONSOLE,
                event_id=uuid.uuid4().hex,
                user_id=uid,
                received_at=self.clock.now(),
                action=button.action,
                value=button.value,
                message=str(int(ref)),
            )
        )

    def submit(self, rest: str) -> str:
        ref, _, fields = rest.partition(" ")
        ref = self._ref(ref, lambda m: m.form is not None)
        if ref == ".":
            return self._nothing_newest("chat.no_form")
        try:
            message = message_named(ref, self.port.messages, self.port.last)
            self._not_theirs(ref)
            form = form_of(ref, message)
            values = form_values(ref, form, fields)
        except WrongError as wrong:
            return self._wrong(wrong, "chat.usage_form")
        return self._event(
            lambda uid: FormIn(
                platform=Source.CONSOLE,
                event_id=uuid.uuid4().hex,
                user_id=uid,
                received_at=self.clock.now(),
                form=form.id,
                context=form.context,
                values=values,
                message=str(int(ref)),
            )
        )

    # -- the loop ---------------------------------------------------------------------

    def answer(self, line: str) -> str:
        """Handle one typed line; the console's own answer (the bot's messages print themselves)."""
        # Cleaned as every platform's text is, before it becomes an event.
        text = clean_text(line).strip()
        if not text.startswith("/"):
            return self.say(text)
        word, _, rest = text.partition(" ")
        rest = rest.strip()
        commands: dict[str, Callable[[str], str]] = {
            "/als": self.as_person,
            "/as": self.as_person,
            "/tijd": self.move_time,
            "/time": self.move_time,
            "/antwoord": self.reply,
            "/reply": self.reply,
            "/knop": self.press,
            "/button": self.press,
            "/formulier": self.submit,
            "/form": self.submit,
        }
        command = commands.get(word.lower())
        if command is None:
            return t("chat.console_help", self.lang)
        return command(rest)

    def loop(self, stdin: IO[str], out: IO[str]) -> int:
        interactive = stdin.isatty()
        print(self.start(), file=out, flush=True)
        while True:
            if interactive:
                print(f"{self.person_name}> ", end="", file=out, flush=True)
            line = stdin.readline()
            if not line:
                return 0
            if not line.strip() or COMMENT.match(line):
                continue  # blank lines and comments in scripts ("#8 klaar" is a reply)
            if line.strip().lower() in {"stop", "quit", "exit", "/stop"}:
                return 0
            answer = self.answer(line)
            if answer:
                print(answer, file=out, flush=True)
