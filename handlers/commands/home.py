"""A person's own page (Slack's App Home): their open actions, deadlines and last updates.

Read-only: the platform shows it when the person opens it, so it is built on the spot rather
than sent through the outbox, and showing it twice changes nothing.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers.wording import deadline_phrase, is_overdue, status_word, update_summary
from storage.models import Action, Person, StatusUpdate
from storage.register import last_updates
from storage.summaries import open_actions_of
from words.catalogue import t
from words.chat.messages import Button, Field, Message, Section
from words.dates import short_date


def _section(
    action: Action, update: StatusUpdate | None, today: date, zone: ZoneInfo, lang: str
) -> Section:
    deadline = deadline_phrase(action, lang)
    if is_overdue(action, today):
        deadline += t("commands.overdue_mark", lang)
    if update is None:
        last = t("commands.no_update_yet", lang)
    else:
        day = short_date(update.created_at.astimezone(zone).date(), lang)
        last = t("home.last", lang, date=day, update=update_summary(update, lang))
    return Section(
        heading=f"#{action.number} {action.key} {action.title}",
        fields=(
            Field(t("home.theme", lang), action.theme.name),
            Field(t("home.deadline", lang), deadline),
            Field(t("home.status", lang), status_word(action.status, lang)),
            Field(t("home.last_update", lang), last),
        ),
        buttons=(Button(t("pings.button_write", lang), "form", str(action.id)),),
    )


def home_message(
    session: Session, person: Person, today: date, zone: ZoneInfo, lang: str
) -> Message:
    """The person's open actions with their deadline, status and last update."""
    actions = open_actions_of(session, [person.id])
    last = last_updates(session, [a.id for a in actions])
    intro = t("home.intro", lang, name=person.name, count=len(actions))
    if not actions:
        intro = t("home.none", lang, name=person.name)
    sections = [_section(a, last.get(a.id), today, zone, lang) for a in actions]
    text = "\n".join(
        [intro, *(f"{s.heading}: " + "; ".join(f.value for f in s.fields) for s in sections)]
    )
    return Message(text, sections=(Section(text=intro), *sections))
