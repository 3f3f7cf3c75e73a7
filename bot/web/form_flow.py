"""What the update form's requests do in the register: read a token and show its form, check
a submission, spend the token, queue a fresh link. Each returns the page to answer with.

Opening the form writes nothing (link scanners such as Microsoft 365 Safe Links open every link
in a mail before the person does); only a submission that passes every check, or the request
for a fresh link, changes anything.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.web.form_views import (
    ActionView,
    action_view,
    sent_lines,
    untouched,
    values_of,
)
from bot.web.paths import ACTION_PARAM, FORM_PATH, STATUS_PARAM, fresh_path
from handlers.permissions import may_update
from handlers.replies.form import FORM_STATUSES, form_problems, too_long
from storage.link_tokens import Found, TokenState, look_up, spend
from storage.models import Action, LinkToken, Person, Programme, TokenPurpose
from storage.outbox import OutboxWriter
from storage.people import memberships, person_by_id
from storage.summaries import programme_by_id, themes_in
from storage.updates import actions_by_ids
from words.catalogue import LANGUAGES, Language, language, t
from words.chat.inbound import FormIn
from words.chat.messages import Message
from words.chat.outgoing import ToPerson
from words.dates import moment
from words.domain import Source

FRESH_SLOT_SECONDS: Final = 600  # at most one fresh link per person per ten minutes
_FORM: Final = TokenPurpose.FORM
QUICK_STATUSES: Final = frozenset(s.value for s in FORM_STATUSES)


@dataclass(frozen=True, slots=True)
class Page:
    template: str
    status: int
    context: dict[str, object] = field(default_factory=dict)
    location: str | None = None  # a redirect (303) instead of a page


@dataclass(frozen=True, slots=True)
class Accepted:
    """A submission that passed: its events to store, then the token to spend, then thanks."""

    token_id: int
    events: tuple[FormIn, ...]
    thanks: Page
    gone: Page  # what to answer if the token was spent meanwhile (a second submit racing)


@dataclass(frozen=True, slots=True)
class _Holder:
    token: LinkToken
    person: Person
    lang: Language
    zone: ZoneInfo


def message_page(name: str, status: int) -> Page:
    """A page that says one thing in both languages, Dutch first: for when nothing says whose
    page it is (an unknown link, a body too large to read)."""
    texts = [
        (lang, t(f"webform.{name}_title", lang), t(f"webform.{name}", lang)) for lang in LANGUAGES
    ]
    return Page("message.html", status, {"lang": "nl", "title": texts[0][1], "texts": texts})


def invalid() -> Page:
    """An unknown or malformed link: the same page whether or not such a token ever existed."""
    return message_page("invalid", 404)


def _holder(session: Session, found: Found, zone: ZoneInfo) -> _Holder | None:
    token = found.token
    person = None if token is None else person_by_id(session, token.person_id)
    if token is None or person is None:
        return None
    # The person's own settings, else the programme the link is about, else their first one;
    # the inbox worker answers in the same language (bot.engine.handle.locale_of).
    programme = None if token.programme_id is None else programme_by_id(session, token.programme_id)
    if programme is None:
        places = memberships(session, person.id)
        programme = places[0].programme if places else None
    lang = language(person.language if person.language is not None else _language_of(programme))
    zone_name = person.timezone if person.timezone is not None else _zone_of(programme)
    return _Holder(token, person, lang, ZoneInfo(zone_name) if zone_name is not None else zone)


def _language_of(programme: Programme | None) -> str | None:
    return None if programme is None else programme.language


def _zone_of(programme: Programme | None) -> str | None:
    return None if programme is None else programme.timezone


def _gone(holder: _Holder, state: TokenState) -> Page:
    lang, token = holder.lang, holder.token
    if state is TokenState.SPENT and token.spent_at is not None:
        title = t("webform.spent_title", lang)
        text = t("webform.spent", lang, moment=moment(token.spent_at, holder.zone, lang))
    else:
        title = t("webform.expired_title", lang)
        text = t("webform.expired", lang, moment=moment(token.expires_at, holder.zone, lang))
    return Page("gone.html", 410, {"lang": lang, "title": title, "text": text})


def _refusals(
    session: Session, holder: _Holder, actions: Sequence[Action], now: datetime
) -> dict[int, str]:
    today = now.astimezone(holder.zone).date()
    refused: dict[int, str] = {}
    for action in actions:
        why = may_update(session, holder.person, action, today)
        if why is not None:
            refused[action.id] = t("webform.not_yours", holder.lang, reason=t(why, holder.lang))
    return refused


def _form_page(
    session: Session,
    holder: _Holder,
    actions: Sequence[Action],
    refused: Mapping[int, str],
    *,
    values: Mapping[int, Mapping[str, str]],
    errors: Mapping[int, Mapping[str, str]],
    status: int,
) -> Page:
    lang = holder.lang
    themes = {
        th.id: th.name for th in themes_in(session, sorted({a.programme_id for a in actions}))
    }
    views: list[ActionView] = [
        action_view(
            action,
            themes.get(action.theme_id, ""),
            lang,
            values=values.get(action.id, {}),
            errors=errors.get(action.id, {}),
            refused=refused.get(action.id, ""),
        )
        for action in actions
    ]
    summary = [
        (f"#{f.target}", t("webform.error_item", lang, number=view.number, message=f.error))
        for view in views
        for f in view.fields
        if f.error
    ]
    title = t("webform.title", lang)
    context: dict[str, object] = {
        "lang": lang,
        "title": t("webform.error_title", lang, title=title) if summary else title,
        "heading": title,
        "intro": t("webform.intro", lang, name=holder.person.name),
        "actions": views,
        "summary": summary,
        "open": any(not v.refused for v in views),
        "none_left": t("webform.none_left", lang),
        "summary_heading": t("webform.errors_heading", lang),
        "submit": t("webform.submit", lang),
        "labels": {
            "theme": t("webform.theme", lang),
            "deadline": t("webform.deadline_now", lang),
            "status": t("webform.status_now", lang),
        },
    }
    return Page("form.html", status, context)


def _usable(session: Session, token: str, now: datetime, zone: ZoneInfo) -> _Holder | Page:
    """Whose form ``token`` opens, or the page that says why it opens none."""
    found = look_up(session, token, _FORM, now)
    holder = _holder(session, found, zone)
    if holder is None:
        return invalid()
    if found.state is not TokenState.VALID:
        return _gone(holder, found.state)
    return holder


def show(
    session: Session, token: str, query: Mapping[str, str], now: datetime, zone: ZoneInfo
) -> Page:
    """GET: the form, or why there is none. Reads only."""
    holder = _usable(session, token, now, zone)
    if isinstance(holder, Page):
        return holder
    actions = actions_by_ids(session, holder.token.actions)
    values: dict[int, dict[str, str]] = {}
    # A mail's quick-status link: ?actie=12&status=done picks that status for action 12;
    # anything else in the query is ignored.
    asked, status = query.get(ACTION_PARAM, ""), query.get(STATUS_PARAM, "")
    if status in QUICK_STATUSES and asked.isdigit() and int(asked) in holder.token.actions:
        values[int(asked)] = {"status": status}
    refused = _refusals(session, holder, actions, now)
    return _form_page(session, holder, actions, refused, values=values, errors={}, status=200)


def check(
    session: Session, token: str, fields: Mapping[str, str], now: datetime, zone: ZoneInfo
) -> Page | Accepted:
    """POST: the submission checked as chat checks a form; the page again with every problem
    at its field (nothing kept, the token not spent), or what to store."""
    holder = _usable(session, token, now, zone)
    if isinstance(holder, Page):
        return holder
    lang, today = holder.lang, now.astimezone(holder.zone).date()
    actions = actions_by_ids(session, holder.token.actions)
    refused = _refusals(session, holder, actions, now)
    values: dict[int, dict[str, str]] = {}
    errors: dict[int, dict[str, str]] = {}
    changed: list[Action] = []
    for action in actions:
        if action.id in refused:
            continue  # no longer theirs: whatever came for it is not used
        given = values[action.id] = values_of(fields, action)
        if untouched(given):
            continue
        problems = too_long(given, lang) or form_problems(action, given, today, lang)
        if problems:
            errors[action.id] = problems
        else:
            changed.append(action)
    open_ones = [a for a in actions if a.id not in refused]
    if not changed and not errors and open_ones:
        errors[open_ones[0].id] = {"status": t("webform.nothing", lang)}
    if errors or not changed:
        return _form_page(
            session, holder, actions, refused, values=values, errors=errors, status=422
        )
    token_id, person_id = holder.token.id, holder.person.id
    events = tuple(
        FormIn(
            platform=Source.WEB,
            event_id=f"form:{token_id}:{action.id}",
            user_id=str(person_id),
            received_at=now,
            form="update",
            context=str(action.id),
            values=values[action.id],
        )
        for action in changed
    )
    sent = [(f"#{a.number} {a.title}", sent_lines(a, values[a.id], lang)) for a in changed]
    thanks = Page(
        "thanks.html",
        200,
        {
            "lang": lang,
            "title": t("webform.thanks_title", lang),
            "intro": t("webform.thanks_intro", lang),
            "sent": sent,
            "after": t("webform.thanks_after", lang),
        },
    )
    return Accepted(token_id, events, thanks, _spent_now(holder, now))


def _spent_now(holder: _Holder, now: datetime) -> Page:
    lang = holder.lang
    text = t("webform.spent", lang, moment=moment(now, holder.zone, lang))
    return Page(
        "gone.html", 410, {"lang": lang, "title": t("webform.spent_title", lang), "text": text}
    )


def settle(session: Session, token_id: int, now: datetime) -> bool:
    """Spend the token once its events are stored; False when another submit spent it first."""
    return spend(session, token_id, now)


def fresh(session: Session, token: str, now: datetime, zone: ZoneInfo) -> Page:
    """POST …/nieuw: a fresh link for the person of a spent or expired token, through the
    outbox on their own channel; at most one per person per ten minutes."""
    found = look_up(session, token, _FORM, now)
    holder = _holder(session, found, zone)
    if holder is None:
        return invalid()
    if found.state is TokenState.VALID:  # still good: back to the form itself
        return Page("", 303, location=FORM_PATH.format(token=token))
    person_id, lang = holder.person.id, holder.lang
    slot = int(now.timestamp()) // FRESH_SLOT_SECONDS
    message = Message(t("webform.fresh_message", lang), asks=tuple(holder.token.actions))
    out = OutboxWriter(session, now, holder.token.programme_id)
    out.send(f"freshlink:{person_id}:{slot}", ToPerson(person_id), message)
    return Page(
        "fresh.html",
        202,
        {
            "lang": lang,
            "title": t("webform.fresh_title", lang),
            "text": t("webform.fresh_sent", lang),
        },
    )


def gone_context(page: Page, token: str) -> dict[str, object]:
    """A spent or expired link's page offers a fresh one: its button's target and words."""
    lang = str(page.context["lang"])
    return {
        **page.context,
        "fresh_action": fresh_path(token),
        "ask": t("webform.ask_fresh", lang),
        "button": t("webform.fresh_button", lang),
    }
