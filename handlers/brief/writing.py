"""Writing the voortgangsbrief together in chat: 'brief opening', 'brief thema', 'brief regie'
and 'brief formulering'.

The director and programme support write every part; a theme's sponsor writes their theme's
paragraph and rewords the updates on their theme's actions; readers never write. A paragraph
belongs to the period of the current draft (else the reporting period containing today). Each
change is a new row (storage.letter_passages), so the answer can say whose words it replaces;
'leeg', 'wis' or 'reset' goes back to the default and keeps the history. When a draft of that
period exists, it is made again and delivered, so the writer sees their words in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers.brief import work as brief_jobs
from handlers.brief.asking import dates, period_of, pick, queue
from handlers.commands.lookup import known_themes, names_something, themes_named
from handlers.context import Ctx
from handlers.permissions import may_create, may_decide
from storage.letter_passages import PassageRow, Place, current, newest_update, write_passage
from storage.letters import current_draft
from storage.models import PassageKind, Programme, StatusUpdate
from storage.register import action_by_ref
from storage.summaries import themes_in
from words.catalogue import t
from words.dates import long_date, period_name
from words.periods.model import Period
from words.periods.vocabulary import normalise

# What takes a paragraph back to the letter's default (an empty row is recorded).
RESET: Final = frozenset({"leeg", "wis", "reset", "clear", "empty", "standaard", "default"})


@dataclass(frozen=True, slots=True)
class Asked:
    """One call: the programme, the period it writes for, and the words after the subcommand."""

    programme: Programme
    period: Period
    words: str


def _asked(ctx: Ctx, args: str, *, manage: bool) -> Asked | None:
    picked = pick(ctx, args, manage=manage)
    if picked is None:
        return None
    programme, words = picked
    draft = current_draft(ctx.session, programme.id)
    if draft is not None:
        return Asked(programme, Period(draft.period_start, draft.period_end), words)
    period = period_of(ctx, programme, "")
    return None if period is None else Asked(programme, period, words)


def _when(ctx: Ctx, moment: datetime) -> str:
    return long_date(moment.astimezone(ctx.zone).date(), ctx.lang)


def _author(ctx: Ctx, name: str | None) -> str:
    return name if name is not None else t("writing.someone", ctx.lang)


def _show(  # noqa: PLR0917 - what, where, what stands and what it falls back to
    ctx: Ctx, asked: Asked, what: str, place: Place, default: str, command: str
) -> None:
    period = period_name(asked.period.start, asked.period.end, ctx.lang)
    now = current(ctx.session, place)
    if now is None:
        lines = [t("writing.none_yet", ctx.lang, what=what, period=period)]
    else:
        lines = [
            t(
                "writing.current",
                ctx.lang,
                what=what,
                period=period,
                author=_author(ctx, now.author),
                date=_when(ctx, now.written_at),
                text=now.text,
            )
        ]
    if default:
        lines.append(t("writing.default", ctx.lang, text=default))
    else:
        lines.append(t("writing.no_default", ctx.lang))
    lines.append(t("writing.how", ctx.lang, command=command))
    ctx.say("\n\n".join(lines))


@dataclass(frozen=True, slots=True)
class Recorded:
    """A passage written: whose words it replaced, and whether the period's draft exists and
    should be made again so it shows them."""

    before: PassageRow | None
    refresh: bool


def record_passage(  # noqa: PLR0917 - where, what, who and when
    session: Session,
    programme_id: int,
    period: Period,
    place: Place,
    text: str,
    author_id: int,
    now: datetime,
) -> Recorded | None:
    """Record ``text`` ("" for the default) as the passage's newest wording; None when there
    is nothing to record (going back to the default that applies already). The chat commands
    and the letter's page both write through here."""
    before: PassageRow | None = current(session, place)
    if not text and before is None:
        return None
    write_passage(session, place, text, author_id, now)
    draft = current_draft(session, programme_id)
    refresh = draft is not None and (draft.period_start, draft.period_end) == (
        period.start,
        period.end,
    )
    return Recorded(before, refresh)


def _write(ctx: Ctx, asked: Asked, what: str, place: Place, text: str) -> None:
    """Record ``text`` ("" for the default), say so and whose words it replaces, and refresh
    the period's draft if there is one."""
    period = period_name(asked.period.start, asked.period.end, ctx.lang)
    done = record_passage(
        ctx.session, asked.programme.id, asked.period, place, text, ctx.person.id, ctx.now
    )
    if done is None:
        ctx.tell("writing.already_default", what=what, period=period)
        return
    key = "writing.recorded" if text else "writing.reset"
    lines = [t(key, ctx.lang, what=what, period=period)]
    if done.before is not None:
        when = _when(ctx, done.before.written_at)
        author = _author(ctx, done.before.author)
        lines.append(t("writing.replaces", ctx.lang, author=author, date=when))
    lines.append(t("writing.refreshing" if done.refresh else "writing.see_draft", ctx.lang))
    ctx.say(" ".join(lines))
    if done.refresh:
        queue(ctx, asked.programme, brief_jobs.CONCEPT, dates(asked.period))


def _text(words: str) -> str | None:
    """The words to record: "" for a reset, None when there are none (show what stands)."""
    words = words.strip()
    if not words:
        return None
    return "" if normalise(words) in RESET else words


def _period_place(asked: Asked, kind: PassageKind, theme_id: int | None = None) -> Place:
    return Place(asked.programme.id, kind, asked.period.start, asked.period.end, theme_id=theme_id)


def _letter_text(programme: Programme, field: str) -> str:
    value = programme.letter.get(field)
    return value if isinstance(value, str) else ""


def _period_passage(ctx: Ctx, args: str, kind: PassageKind, command: str) -> None:
    asked = _asked(ctx, args, manage=True)
    if asked is None:
        return
    what = t(f"writing.what.{kind.value}", ctx.lang)
    place = _period_place(asked, kind)
    text = _text(asked.words)
    if text is None:
        default = _letter_text(asked.programme, kind.value)
        _show(ctx, asked, what, place, default, command)
    else:
        _write(ctx, asked, what, place, text)


def opening(ctx: Ctx, args: str) -> None:
    """'brief opening [<tekst>|leeg]': this period's opening paragraph."""
    _period_passage(ctx, args, PassageKind.OPENING, "opening")


def coordination(ctx: Ctx, args: str) -> None:
    """'brief regie [<tekst>|leeg]': this period's coordination paragraph."""
    _period_passage(ctx, args, PassageKind.COORDINATION, "regie")


def _split_theme(ctx: Ctx, asked: Asked) -> tuple[int, str, str, str] | None:
    """The theme the first words name (id, name, description) and the text after them; the
    longest run of leading words that names exactly one theme wins ('recreatie en toerisme
    Het loket ...')."""
    themes = themes_in(ctx.session, [asked.programme.id])
    known = known_themes(themes)
    words = asked.words.split()
    if not words:
        example = themes[0].key if themes else "thema"
        ctx.tell("writing.theme_usage", example=example, known=known)
        return None
    for longest in range(min(len(words), 6), 0, -1):
        found = themes_named(" ".join(words[:longest]), themes)
        if len(found) == 1:
            theme = found[0]
            # "omgevingswet Het loket ...": "het" joins theme names and is dropped in matching,
            # but here it starts the text.
            count = longest
            while count > 1 and not names_something(words[count - 1]):
                count -= 1
            refused = may_create(ctx.session, ctx.person, theme)
            if refused is not None:
                ctx.tell(refused)
                return None
            return theme.id, theme.name, theme.description, " ".join(words[count:])
    several = themes_named(words[0], themes)
    if len(several) > 1:
        names = ", ".join(th.name for th in several)
        ctx.tell("writing.theme_several", text=words[0], found=names)
    else:
        ctx.tell("writing.theme_unknown", text=words[0], known=known)
    return None


def theme(ctx: Ctx, args: str) -> None:
    """'brief thema <thema> [<tekst>|leeg]': the theme's paragraph for this period."""
    asked = _asked(ctx, args, manage=False)
    if asked is None:
        return
    found = _split_theme(ctx, asked)
    if found is None:
        return
    theme_id, name, description, words = found
    what = t("writing.what.theme", ctx.lang, theme=name)
    place = _period_place(asked, PassageKind.THEME, theme_id)
    text = _text(words)
    if text is None:
        _show(ctx, asked, what, place, description, f"thema {name}")
    else:
        _write(ctx, asked, what, place, text)


def bounds(programme: Programme, period: Period) -> tuple[datetime, datetime]:
    """The period as UTC moments in the programme's zone, as the letter counts its updates."""
    zone = ZoneInfo(programme.timezone)
    start = datetime.combine(period.start, time(0), tzinfo=zone).astimezone(UTC)
    after = period.end + timedelta(days=1)
    return start, datetime.combine(after, time(0), tzinfo=zone).astimezone(UTC)


def _update(ctx: Ctx, asked: Asked) -> tuple[StatusUpdate, str, str] | None:
    """The update the first word names (an action's newest in the period), the action's name
    and the words after it."""
    ref, _, rest = asked.words.strip().partition(" ")
    if not ref:
        ctx.tell("writing.wording_usage")
        return None
    action = action_by_ref(ctx.session, asked.programme.id, ref)
    if action is None:
        ctx.tell("writing.unknown_action", ref=ref)
        return None
    refused = may_decide(ctx.session, ctx.person, action)
    if refused is not None:
        ctx.tell(refused)
        return None
    since, until = bounds(asked.programme, asked.period)
    update = newest_update(ctx.session, action.id, since, until)
    named = f"{action.key} {action.title}"
    if update is None:
        period = period_name(asked.period.start, asked.period.end, ctx.lang)
        ctx.tell("writing.no_update", action=named, period=period)
        return None
    return update, named, rest


def wording(ctx: Ctx, args: str) -> None:
    """'brief formulering <actie> [<tekst>|leeg]': how the action's newest update in the period
    reads in the letter; the owner's own words stay as they were."""
    asked = _asked(ctx, args, manage=False)
    if asked is None:
        return
    found = _update(ctx, asked)
    if found is None:
        return
    update, named, words = found
    what = t("writing.what.update", ctx.lang, action=named)
    place = Place(asked.programme.id, PassageKind.UPDATE, update_id=update.id)
    author = update.author.name if update.author is not None else None
    original = t(
        "writing.original",
        ctx.lang,
        author=_author(ctx, author),
        date=_when(ctx, update.created_at),
        text=update.text,
    )
    text = _text(words)
    if text is None:
        _show(ctx, asked, what, place, update.text, f"formulering {named.split()[0]}")
        return
    ctx.say(original)
    _write(ctx, asked, what, place, text)
