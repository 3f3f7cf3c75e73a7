"""What one letter knows about its period, worked out once: each action's updates in the
period, whether it has news, whether it is overdue, its deadline and its parties in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from storage.letter_rows import ActionRow, BriefData, UpdateRow
from words.catalogue import t
from words.deadlines.error import DeadlineError
from words.deadlines.letter_form import letter_deadline
from words.deadlines.parse import parse_deadline
from words.domain import Status, UpdateKind

# A party's name without the kind of body in front: "Gemeente Emmen" is "Emmen" in a table.
PREFIXES = ("gemeente ", "municipality of ")


def short_party(name: str, short: str) -> str:
    """The party's short name: the programme file's, else the name without "Gemeente"."""
    if short.strip():
        return short.strip()
    lowered = name.lower()
    for prefix in PREFIXES:
        if lowered.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def next_period_end(start: date, end: date) -> date:
    """The end of the period as long as ``start``..``end`` that follows it."""
    after = end + timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    if start.day == 1 and after.day == 1 and months > 0:
        return after + relativedelta(months=months) - timedelta(days=1)
    return end + (end - start) + timedelta(days=1)


def update_deadline(text: str | None, due: date | None, at: date, lang: str) -> str:
    """A deadline an update names, in the letter's one form: from its date and the precision
    its words had (an update keeps the old deadline's words and day, not its precision)."""
    if due is None:
        return text if text else t("brief.no_deadline", lang)
    precision = None
    if text:
        try:
            read = parse_deadline(text, at)
        except DeadlineError:
            read = None
        precision = read.precision if read is not None and read.due == due else None
    return letter_deadline(due, precision, lang)


def moved_deadlines(update: UpdateRow, lang: str) -> tuple[str, str]:
    """A deadline change's old and new deadline, both in the letter's one form."""
    at = update.created_at.date()
    old = update_deadline(update.previous_deadline_text, update.previous_due, at, lang)
    if update.new_due is not None:
        return old, letter_deadline(update.new_due, update.new_precision, lang)
    return old, update_deadline(update.new_deadline_text, None, at, lang)


@dataclass(frozen=True, slots=True)
class Facts:
    lang: str
    start: date
    end: date
    as_of: date  # overdue means: open, with a deadline before this day
    next_end: date
    by_action: dict[int, list[UpdateRow]]
    names: dict[str, str]  # chat ids to names, for mentions in people's words

    def updates(self, action: ActionRow) -> list[UpdateRow]:
        return self.by_action.get(action.id, [])

    def status_change(self, action: ActionRow) -> Status | None:
        """The action's status now, when the period's updates changed it; else None."""
        changing = [
            u for u in self.updates(action) if u.kind is UpdateKind.STATUS and u.status is not None
        ]
        if not changing:
            return None
        before = changing[0].previous_status
        return action.status if action.status != before else None

    def has_news(self, action: ActionRow) -> bool:
        """Something to tell: words, a changed status, a moved deadline or a KPI value."""
        for update in self.updates(action):
            if update.kind is UpdateKind.DEADLINE or update.progress is not None:
                return True
            if update.text.strip() or (update.letter_text is not None and update.letter_text):
                return True
        return self.status_change(action) is not None

    def overdue(self, action: ActionRow) -> bool:
        return action.due is not None and action.due < self.as_of and not action.status.closed

    def deadline(self, action: ActionRow) -> str:
        if action.due is None:
            return (
                action.deadline_text if action.deadline_text else t("brief.no_deadline", self.lang)
            )
        return letter_deadline(action.due, action.precision, self.lang)

    def parties(self, action: ActionRow) -> tuple[str, ...]:
        shorts = action.parties_short if action.parties_short else ("",) * len(action.parties)
        return tuple(short_party(n, s) for n, s in zip(action.parties, shorts, strict=False))


def facts_of(data: BriefData, lang: str, as_of: date) -> Facts:
    by_action: dict[int, list[UpdateRow]] = {}
    for update in data.updates:
        by_action.setdefault(update.action_id, []).append(update)
    return Facts(
        lang=lang,
        start=data.start,
        end=data.end,
        as_of=as_of,
        next_end=next_period_end(data.start, data.end),
        by_action=by_action,
        names=data.names,
    )
