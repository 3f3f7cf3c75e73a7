"""The understanding step: what to do with a text a person sends (DM, thread, email).

``classify`` reads the text alone; this part adds what the register knows (is the person a
reader, does the text answer an open question) and answers:

1. a command: run it; a guess: "Bedoelde je ‘…’?" with a button that runs it as if typed;
2. small talk: a short friendly answer, never stored, even in a ping's thread ("how does
   this work?" gets the help itself);
3. an update: only when it names an action or answers a question (``free_text.as_update``);
   where a question waits, a sentence that merely starts with a command's words ("mijn acties
   zijn bijgewerkt", "Deadline gehaald") is the answer, not the command, and so is a KPI
   value alone ("stand 180", not a look at action 180);
4. otherwise not understood, with the closest command and how to give an update.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from handlers.context import Ctx
from handlers.replies.finding import programmes_of
from handlers.replies.free_text import as_update, asked, corrected, not_understood, only_reads
from handlers.replies.textparse import kpi_in, references
from handlers.understanding.classify import Kind, Verdict, Vocabulary, classify
from handlers.understanding.smalltalk import Talk
from storage.models import Action
from words.catalogue import t
from words.chat.messages import Button, Message

RUN = "run"  # the button action of a "did you mean": its value is the command line
LINE_LIMIT = 200  # a longer line is offered in words only, without a button
LABEL_LIMIT = 60

# A question (or "help") runs the help; the others answer in a line.
_TALK_KEYS = {
    Talk.ACK: "understanding.talk.ack",
    Talk.SORRY: "understanding.talk.sorry",
    Talk.BYE: "understanding.talk.bye",
    Talk.GREETING: "understanding.talk.greeting",
    Talk.THANKS: "understanding.talk.thanks",
}


def understand(ctx: Ctx, text: str, vocabulary: Vocabulary, run: Callable[[str], None]) -> None:
    """Answer the text ``text`` of the event in ``ctx``; ``run`` runs a command line."""
    if not text.strip():
        ctx.tell("replies.empty")
        return
    verdict = classify(text, vocabulary)
    if verdict.kind is Kind.COMMAND and not (
        (verdict.loose or _a_value(ctx, text, verdict)) and asked(ctx)
    ):
        run(verdict.line)
        return
    # "wijzig: …" and "ongedaan" before anything else, in every form the replies know.
    if corrected(ctx, text):
        return
    if not programmes_of(ctx):
        ctx.tell("perm.unknown_person")
        return
    if verdict.kind is Kind.TALK:
        _small_talk(ctx, verdict, run)
    elif only_reads(ctx):
        _for_reader(ctx, text, verdict)
    elif verdict.kind is Kind.SUGGEST and (verdict.shaped or not asked(ctx)):
        # Where a question waits for its answer, only a text made of command words alone
        # ("overzict", "brief defintief") is a command attempt; "actief bezig" is an answer.
        _did_you_mean(ctx, verdict.line)
    elif verdict.question:
        # A question no command answers is never an update: "is het klaar?" sets no status,
        # and "wat moet ik met actie 8?" is not the owner's word on it in the letter.
        not_understood(ctx, _hints(ctx, verdict), _buttons(verdict))
    elif not as_update(ctx, text):
        not_understood(ctx, _hints(ctx, verdict), _buttons(verdict))


def _a_value(ctx: Ctx, text: str, verdict: Verdict) -> bool:
    """Whether the text is nothing but a KPI value: "stand 180" or "progress 180" where a
    question waits is the answer, not a look at action 180 ("stand 180?" still is)."""
    found = None if verdict.question else kpi_in(text, ctx.lang)
    return found is not None and found.alone and found.cued


def _small_talk(ctx: Ctx, verdict: Verdict, run: Callable[[str], None]) -> None:
    if verdict.talk is None or verdict.talk is Talk.HOW:
        run("help")  # "hoe werkt dit?": the help itself (a TALK verdict always has a kind)
        return
    lines = [t(_TALK_KEYS[verdict.talk], ctx.lang)]
    waiting = [] if only_reads(ctx) else asked(ctx, still_open=True)
    if waiting:
        lines.append(_still_open(ctx, waiting))
    ctx.say("\n".join(lines))


def _still_open(ctx: Ctx, waiting: Sequence[Action]) -> str:
    """The question the person has not answered yet, so small talk does not leave it."""
    if len(waiting) == 1:
        action = waiting[0]
        return t("understanding.still_open", ctx.lang, number=action.number, title=action.title)
    numbers = ", ".join(f"#{a.number}" for a in waiting)
    return t("understanding.still_open_many", ctx.lang, numbers=numbers, example=waiting[0].number)


def _for_reader(ctx: Ctx, text: str, verdict: Verdict) -> None:
    """A reader gives no updates: naming an action shows it; anything else is not understood."""
    refs = references(text)
    if refs:
        line = f"actie {refs[0].text}" if ctx.lang == "nl" else f"action {refs[0].text}"
        hint = t("understanding.did_you_mean", ctx.lang, line=line)
        lines = [t("perm.reader", ctx.lang), hint, t("understanding.help_pointer", ctx.lang)]
        ctx.say(Message("\n".join(lines), buttons=_button(line)))
        return
    if verdict.kind is Kind.SUGGEST:
        _did_you_mean(ctx, verdict.line)
        return
    not_understood(ctx, _hints(ctx, verdict), _buttons(verdict))


def _did_you_mean(ctx: Ctx, line: str) -> None:
    lines = [
        t("understanding.did_you_mean", ctx.lang, line=line),
        t("understanding.help_pointer", ctx.lang),
    ]
    ctx.say(Message("\n".join(lines), buttons=_button(line)))


def _hints(ctx: Ctx, verdict: Verdict) -> list[str]:
    if not verdict.line:
        return []
    return [t("understanding.did_you_mean", ctx.lang, line=verdict.line)]


def _buttons(verdict: Verdict) -> tuple[Button, ...]:
    return _button(verdict.line) if verdict.line else ()


def _button(line: str) -> tuple[Button, ...]:
    if len(line) > LINE_LIMIT:
        return ()
    label = line if len(line) <= LABEL_LIMIT else line[: LABEL_LIMIT - 1].rstrip() + "…"
    return (Button(label, RUN, line),)
