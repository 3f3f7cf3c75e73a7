"""The local console chat: the embedded default when no chat platform is configured.

It reads lines from a stream (a terminal, or a script piped in) and answers in the same
terminal, so a newcomer can use Voortgang without Slack or Teams.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from bot.catalogue import t
from bot.clock import Clock, local_today
from bot.register import Register
from config.settings import Settings
from handlers.register import action_text, actions_text, deadline_text
from storage.register import ActionFilter

Answer = Callable[[str], str]


class Console:
    def __init__(self, register: Register, settings: Settings, clock: Clock) -> None:
        self.register = register
        self.settings = settings
        self.clock = clock
        self.lang = settings.language

    def today_filter(self, rest: str, *, overdue: bool) -> ActionFilter:
        return ActionFilter(
            theme=rest or None,
            overdue_on=local_today(self.clock, self.settings.zone) if overdue else None,
        )

    def answer(self, line: str) -> str:
        """The bot's answer to one typed line."""
        word, _, rest = line.strip().partition(" ")
        command, rest = word.lower(), rest.strip()
        with self.register.sessions() as session:
            if command in {"help", "hulp", "?"}:
                return t("chat.help", self.lang)
            if command in {"acties", "actions"}:
                return actions_text(session, self.today_filter(rest, overdue=False), self.lang)
            if command in {"te", "overdue"} and (command == "overdue" or rest.lower() == "laat"):
                return actions_text(session, self.today_filter("", overdue=True), self.lang)
            if command in {"actie", "action"} and rest:
                return action_text(session, rest, self.lang)
            if command == "deadline" and rest:
                today = local_today(self.clock, self.settings.zone)
                return deadline_text(rest, today, self.lang)
        return t("chat.not_understood", self.lang)

    def loop(self, stdin: IO[str], out: IO[str]) -> int:
        interactive = stdin.isatty()
        print(t("chat.welcome", self.lang), file=out)
        while True:
            if interactive:
                print("> ", end="", file=out, flush=True)
            line = stdin.readline()
            if not line:
                return 0
            if not line.strip() or line.lstrip().startswith("#"):
                continue  # blank lines and comments in scripts
            if line.strip().lower() in {"stop", "quit", "exit"}:
                return 0
            print(self.answer(line), file=out, flush=True)
