"""Reading what the console printed: the bot's numbered messages and the console's answers."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from bot.run.console_process import run
from config.settings import Settings
from words.clock import FixedClock

HEADER = re.compile(r"^\[(\d+)\] → (.*):$")


@dataclass
class Sent:
    number: int
    to: str  # "Rob Jansen", "#boce-omgevingswet", "Rob Jansen ↳ [3]"
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Transcript:
    printed: list[str]
    sent: list[Sent]
    answers: list[str]  # the console's own lines (welcome, /als, /tijd, usage)

    def to(self, recipient: str) -> list[Sent]:
        return [s for s in self.sent if s.to == recipient]

    def containing(self, words: str) -> list[Sent]:
        return [s for s in self.sent if words in s.text]

    def last(self, recipient: str) -> Sent:
        found = self.to(recipient)
        assert found, f"nothing was sent to {recipient}"
        return found[-1]


def parse(printed: list[str]) -> Transcript:
    sent: list[Sent] = []
    answers: list[str] = []
    current: Sent | None = None
    for line in printed:
        header = HEADER.match(line)
        if header is not None:
            current = Sent(int(header.group(1)), header.group(2))
            sent.append(current)
        elif line.startswith("    ") and current is not None:
            current.lines.append(line[4:])
        else:
            current = None
            answers.append(line)
    return Transcript(printed, sent, answers)


def chat(
    settings: Settings, clock: FixedClock, *lines: str, resume: bool = True
) -> tuple[int, Transcript]:
    """Run the console on a script of ``lines``; its exit code and what it printed.

    ``resume`` False starts it on ``clock`` whatever an earlier session left (``--today``)."""
    out = io.StringIO()
    script = io.StringIO("".join(f"{line}\n" for line in lines))
    code = run(settings, script, out, clock, resume=resume)
    return code, parse(out.getvalue().splitlines())
