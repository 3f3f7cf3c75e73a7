"""The chat commands: help, mijn acties, actie <n>, nieuwe actie, overzicht, samenvatting
and afwezig (update, status, deadline, wijzig and ongedaan live in handlers.replies.answers).

Each command gets the words after the command name. Commands work in the programmes the
person takes part in, with the role they have in each: a director of one programme is a
member, or nobody, in another. Where the programme matters and the person is in several,
they name it by its key ("overzicht boce", "actie 12 boce").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from handlers.context import Ctx
from handlers.permissions import MANAGERS, may_create, may_manage, may_read
from storage.models import (
    Absence,
    Action,
    DeadlineProposal,
    Membership,
    Person,
    Programme,
    StatusUpdate,
    Theme,
    Track,
)
from storage.people import find_people, memberships, people_by_id, sponsored_themes
from storage.register import action_by_ref, last_updates
from storage.summaries import (
    Unanswered,
    absences_from,
    action_keys,
    action_with_history,
    add_absence,
    cancel_future_absences,
    create_action,
    deputised_absences,
    next_number,
    open_actions_in,
    open_actions_of,
    open_proposals,
    overlapping_absence,
    roles_of,
    status_counts,
    themes_in,
    tracks_in,
    unanswered,
    updates_between,
)
from words.catalogue import t
from words.chat.messages import Choice, Form, Input, InputKind, Message, Section
from words.dates import long_date, moment, short_date
from words.deadlines.error import DeadlineError
from words.deadlines.model import FIRST_YEAR, LAST_YEAR, Deadline
from words.deadlines.parse import parse_deadline
from words.domain import Role, Source, Status, UpdateKind, fold
from words.periods.days import parse_day
from words.periods.error import PeriodError, names_year_outside
from words.periods.model import Period, describe, last_days
from words.periods.parse import parse_period, share_month

# -- shared pieces (the digest uses them too) ------------------------------------------------


def action_ref(action: Action, lang: str) -> str:
    """'#12 OW-03 Werkwijze vergunningverlening met de RUD gelijktrekken'."""
    return t("commands.action_ref", lang, number=action.number, key=action.key, title=action.title)


@lru_cache(maxsize=4096)
def _long_date(day: date, lang: str) -> str:
    # Formatting with babel dominates long listings, where the same deadlines recur.
    return long_date(day, lang)


def deadline_phrase(action: Action, lang: str) -> str:
    """The deadline as phrased with its date: 'eind 2026 (donderdag 31 december 2026)'."""
    if action.due is None:
        return t("commands.no_deadline", lang)
    if not action.deadline_text:
        return _long_date(action.due, lang)
    return t(
        "commands.deadline", lang, text=action.deadline_text, date=_long_date(action.due, lang)
    )


def status_word(status: Status, lang: str) -> str:
    return t(f"status.{status.value}", lang)


def is_overdue(action: Action, today: date) -> bool:
    return action.due is not None and action.due < today and not action.status.closed


def sectioned(title: str, parts: Sequence[tuple[str, Sequence[str]]]) -> Message:
    """A message of headed parts: sections for the platforms, the same as plain text. The
    title leads as a section of its own, so a card or a channel post says what it is."""
    headed = [Section(heading=title)] if title.strip() else []
    headed += [Section(text="\n".join(lines), heading=head) for head, lines in parts]
    sections = tuple(headed)
    blocks = [title] + [
        "\n".join([head, *lines]) if head else "\n".join(lines) for head, lines in parts
    ]
    return Message("\n\n".join(block for block in blocks if block), sections=sections)


def author_name(update: StatusUpdate, lang: str) -> str:
    if update.author is not None:
        return update.author.name
    if update.source is Source.IMPORT:
        return t("commands.author.import", lang)
    return t("commands.author.unknown", lang)


def update_summary(update: StatusUpdate, lang: str) -> str:
    """What an update said: "vertraagd – ‘wacht op de provincie’", or the moved deadline."""
    if update.kind is UpdateKind.DEADLINE:
        return t(
            "commands.history.deadline",
            lang,
            old=update.previous_deadline_text or "-",
            new=update.new_deadline_text or "-",
        )
    parts = [status_word(update.status, lang)] if update.status is not None else []
    if update.text:
        parts.append(t("commands.quoted", lang, text=update.text))
    return " – ".join(parts) if parts else "-"


def bullet(text: str) -> str:
    return f"• {text}"


def _names(people: Sequence[Person]) -> str:
    return ", ".join(p.name for p in people)


# -- who is asking ---------------------------------------------------------------------------


def places_of(ctx: Ctx) -> list[Membership] | None:
    """The person's memberships, or None after saying that they are in no programme."""
    places = sorted(memberships(ctx.session, ctx.person.id), key=lambda m: m.programme.key)
    if not places:
        ctx.tell("perm.unknown_person")
        return None
    return places


def narrow(args: str, places: Sequence[Membership]) -> tuple[list[Membership], str]:
    """A programme key at the start or end of ``args`` picks that programme."""
    words = args.split()
    by_key = {m.programme.key: m for m in places}
    if words and words[0].lower() in by_key:
        return [by_key[words[0].lower()]], " ".join(words[1:])
    if len(words) > 1 and words[-1].lower() in by_key:
        return [by_key[words[-1].lower()]], " ".join(words[:-1])
    return list(places), args.strip()


# -- help ------------------------------------------------------------------------------------

READ_COMMANDS = ("help", "actions", "overdue", "action", "letters")
WORK_COMMANDS = ("my_actions", "update", "status", "deadline", "edit", "undo", "away")
CREATE_COMMANDS = ("new_action", "new_action_inline")
MANAGE_COMMANDS = ("overview", "summary", "brief")


def help_command(ctx: Ctx, args: str) -> None:
    """The commands this person may use given their roles, each explained with an example."""
    places = places_of(ctx)
    if places is None:
        return
    roles = {m.role for m in places}
    shown = list(READ_COMMANDS)
    if roles - {Role.READER}:
        shown += WORK_COMMANDS
    if roles & set(MANAGERS) or sponsored_themes(ctx.session, ctx.person.id):
        shown += CREATE_COMMANDS
    if roles & set(MANAGERS):
        shown += MANAGE_COMMANDS
    lines = [t(f"commands.help.{name}", ctx.lang) for name in shown]
    intro = t("commands.help.intro", ctx.lang)
    ctx.say("\n".join([intro, *lines, t("commands.help.outro", ctx.lang)]))


# -- mijn acties -----------------------------------------------------------------------------


def _action_lines(
    actions: Sequence[Action],
    last: Mapping[int, StatusUpdate],
    ctx: Ctx,
    *,
    with_programme: bool,
) -> list[str]:
    """Actions grouped under programme and theme headings, one entry each."""
    lines: list[str] = []
    group: tuple[int, int] | None = None
    for action in actions:
        if (action.programme_id, action.theme_id) != group:
            group = (action.programme_id, action.theme_id)
            heading = action.theme.name
            if with_programme:
                heading = t(
                    "commands.theme_in", ctx.lang, theme=heading, programme=action.programme.name
                )
            lines.append(t("commands.theme_heading", ctx.lang, theme=heading))
        lines.append(bullet(action_ref(action, ctx.lang)))
        lines.append(_action_state(action, last.get(action.id), ctx))
    return lines


def _action_state(action: Action, update: StatusUpdate | None, ctx: Ctx) -> str:
    overdue = t("commands.overdue_mark", ctx.lang) if is_overdue(action, ctx.today) else ""
    when = (
        short_date(update.created_at.astimezone(ctx.zone).date(), ctx.lang)
        if update is not None
        else t("commands.no_update_yet", ctx.lang)
    )
    return t(
        "commands.action_state",
        ctx.lang,
        deadline=deadline_phrase(action, ctx.lang),
        overdue=overdue,
        status=status_word(action.status, ctx.lang),
        last=when,
    )


def my_actions(ctx: Ctx, args: str) -> None:
    """The person's open actions, and those of absent owners they answer for now."""
    places = places_of(ctx)
    if places is None:
        return
    cover = deputised_absences(ctx.session, ctx.person.id, ctx.today)
    actions = open_actions_of(ctx.session, [ctx.person.id, *(a.person_id for a in cover)])
    last = last_updates(ctx.session, [a.id for a in actions])
    several = len({a.programme_id for a in actions}) > 1
    mine = [a for a in actions if any(o.id == ctx.person.id for o in a.owners)]
    parts: list[str] = []
    if mine:
        parts.append(t("commands.mine.heading", ctx.lang, count=len(mine)))
        parts.extend(_action_lines(mine, last, ctx, with_programme=several))
    else:
        parts.append(t("commands.mine.none", ctx.lang))
    for absence in cover:
        theirs = [
            a for a in actions if a not in mine and any(o.id == absence.person_id for o in a.owners)
        ]
        if not theirs:
            continue
        until = long_date(absence.ends_on, ctx.lang)
        parts.append("")
        parts.append(t("commands.mine.deputy", ctx.lang, name=absence.person.name, until=until))
        parts.extend(_action_lines(theirs, last, ctx, with_programme=several))
    ctx.say("\n".join(parts))


# -- actie <n> -------------------------------------------------------------------------------


def _find_action(ctx: Ctx, args: str, usage: str) -> Action | None:
    """The action ``args`` names in the person's programmes, or None after saying why."""
    places = places_of(ctx)
    if places is None:
        return None
    chosen, ref = narrow(args, places)
    if not ref:
        ctx.tell(usage)
        return None
    found = [
        a for m in chosen if (a := action_by_ref(ctx.session, m.programme_id, ref)) is not None
    ]
    if not found:
        ctx.tell("commands.unknown_action", ref=ref)
        return None
    if len(found) > 1:
        keys = ", ".join(a.programme.key for a in found)
        ctx.tell(
            "commands.which_programme", ref=ref, programmes=keys, example=found[0].programme.key
        )
        return None
    return found[0]


def action_details(ctx: Ctx, args: str) -> None:
    """'actie <n>': an action's details and full history, and any proposed deadline."""
    found = _find_action(ctx, args, "commands.details.usage")
    if found is None:
        return
    refusal = may_read(ctx.session, ctx.person, found.programme_id)
    if refusal is not None:
        ctx.tell(refusal)
        return
    action = action_with_history(ctx.session, found.id)
    if action is None:  # deleted between the two reads
        ctx.tell("commands.unknown_action", ref=args.strip())
        return
    lines = _details(action, ctx)
    proposal = open_proposals(ctx.session, [action.id]).get(action.id)
    if proposal is not None:
        lines.append(_proposal_line(ctx, proposal))
    lines.append(t("commands.details.history", ctx.lang))
    if not action.updates:
        lines.append(t("commands.details.no_history", ctx.lang))
    lines.extend(bullet(_history_line(u, ctx)) for u in action.updates)
    ctx.say("\n".join(lines))


def _details(action: Action, ctx: Ctx) -> list[str]:
    lang = ctx.lang
    lines = [
        action_ref(action, lang),
        t(
            "commands.details.theme",
            lang,
            theme=action.theme.name,
            programme=action.programme.name,
            track=action.track.name if action.track else "-",
        ),
        t("commands.details.owners", lang, owners=_names(action.owners)),
        t(
            "commands.details.deadline",
            lang,
            deadline=deadline_phrase(action, lang),
            overdue=t("commands.overdue_mark", lang) if is_overdue(action, ctx.today) else "",
        ),
        t("commands.details.status", lang, status=status_word(action.status, lang)),
    ]
    if action.description:
        lines.append(action.description)
    if action.kpi_target is not None:
        current = action.kpi_current if action.kpi_current is not None else 0
        lines.append(
            t(
                "commands.details.kpi",
                lang,
                current=current,
                target=action.kpi_target,
                unit=action.kpi_unit,
            )
        )
    return lines


def _proposal_line(ctx: Ctx, proposal: DeadlineProposal) -> str:
    proposer = proposal.proposed_by
    people = people_by_id(ctx.session, [proposer] if proposer is not None else [])
    name = people[proposer].name if proposer in people else t("commands.author.unknown", ctx.lang)
    return t(
        "commands.details.proposal",
        ctx.lang,
        text=proposal.text,
        date=long_date(proposal.due, ctx.lang),
        name=name,
    )


def _history_line(update: StatusUpdate, ctx: Ctx) -> str:
    lang = ctx.lang
    edited = t("commands.history.edited", lang) if update.edited_at is not None else ""
    line = t(
        "commands.history.line",
        lang,
        when=moment(update.created_at, ctx.zone, lang),
        author=author_name(update, lang),
        what=update_summary(update, lang),
        edited=edited,
    )
    if update.withdrawn_at is None:
        return line
    # Withdrawn updates count nowhere else, but the history keeps them, saying so.
    by = update.withdrawn_by
    return line + t(
        "commands.history.withdrawn",
        lang,
        name=by.name if by is not None else t("commands.author.unknown", lang),
        when=moment(update.withdrawn_at, ctx.zone, lang),
    )


# -- nieuwe actie ----------------------------------------------------------------------------

INLINE = re.compile(r"^(?P<theme>[^:|]+):(?P<rest>.+)$", re.DOTALL)
KEY_TAIL = re.compile(r"^(?P<prefix>.*?)(?P<digits>\d+)$")
MAX_TITLE = 300


@dataclass(frozen=True, slots=True)
class _Draft:
    theme: Theme
    track: Track | None
    title: str
    owners: list[Person]
    deadline: Deadline


@dataclass(frozen=True, slots=True)
class _Fields:
    """A new action as typed, in the form or inline."""

    title: str
    owners: str
    deadline: str
    track: str


@dataclass(frozen=True, slots=True)
class _Problem:
    field: str  # the form input it is about
    text: str


def _creatable(ctx: Ctx, places: Sequence[Membership]) -> list[Theme]:
    """The themes the person may add actions to: as handlers.permissions.may_create decides,
    read from the memberships at hand instead of one query per theme."""
    managed = {m.programme_id for m in places if m.role in MANAGERS}
    # A reader only reads, even where old data names them a theme's sponsor.
    sponsoring = {m.programme_id for m in places if m.role is not Role.READER}
    themes = themes_in(ctx.session, [m.programme_id for m in places])
    return [
        th
        for th in themes
        if th.programme_id in managed
        or (th.sponsor_id == ctx.person.id and th.programme_id in sponsoring)
    ]


def _match_theme(text: str, themes: Sequence[Theme]) -> list[Theme]:
    wanted = fold(text)
    exact = [th for th in themes if wanted in (fold(th.key), fold(th.name))]
    if exact:
        return exact
    return [th for th in themes if wanted and wanted in fold(th.name)]


def new_action(ctx: Ctx, args: str) -> None:
    """'nieuwe actie': offer the form; 'nieuwe actie <thema>: <titel> | <eigenaren> |
    <deadline> [| <spoor>]': create it at once. For the theme's sponsor and the director."""
    places = places_of(ctx)
    if places is None:
        return
    if args.strip():
        _new_inline(ctx, places, args.strip())
        return
    allowed = _creatable(ctx, places)
    if not allowed:
        ctx.tell(_refusal_to_create(places))
        return
    ctx.say(_form_message(ctx, allowed))


def _new_inline(ctx: Ctx, places: Sequence[Membership], text: str) -> None:
    match = INLINE.match(text)
    parts = [p.strip() for p in match["rest"].split("|")] if match else []
    if match is None or len(parts) not in (3, 4):
        ctx.tell("commands.new.usage")
        return
    chosen, theme_text = narrow(match["theme"], places)
    every = themes_in(ctx.session, [m.programme_id for m in chosen])
    themes = _match_theme(theme_text, every)
    if len(themes) != 1:
        _unknown_theme(ctx, theme_text, themes or every)
        return
    refusal = may_create(ctx.session, ctx.person, themes[0])
    if refusal is not None:
        ctx.tell(refusal)
        return
    fields = _Fields(parts[0], parts[1], parts[2], parts[3] if len(parts) == 4 else "")
    draft = _check(ctx, themes[0], fields)
    if isinstance(draft, _Problem):
        ctx.say(draft.text)
        return
    _create(ctx, draft)


def _refusal_to_create(places: Sequence[Membership]) -> str:
    if all(m.role is Role.READER for m in places):
        return "perm.reader"
    return "perm.not_sponsor"


def _unknown_theme(ctx: Ctx, text: str, candidates: Sequence[Theme]) -> None:
    known = ", ".join(f"{th.key} ({th.name})" for th in candidates)
    ctx.tell("commands.unknown_theme", theme=text, known=known)


def new_action_form(ctx: Ctx, context: str, values: dict[str, str]) -> None:
    """The submitted 'new_action' form: create the action, or show the form again with the
    problem next to the field it is about."""
    places = places_of(ctx)
    if places is None:
        return
    allowed = _creatable(ctx, places)
    mine = {str(th.id): th for th in themes_in(ctx.session, [m.programme_id for m in places])}
    theme = mine.get(values.get("theme", "").strip())
    if theme is None:
        ctx.say(_form_message(ctx, allowed, values, _Problem("theme", _theme_missing(ctx))))
        return
    refusal = may_create(ctx.session, ctx.person, theme)
    if refusal is not None:
        ctx.tell(refusal)
        return
    fields = _Fields(
        values.get("title", ""),
        values.get("owners", ""),
        values.get("deadline", ""),
        values.get("track", ""),
    )
    draft = _check(ctx, theme, fields)
    if isinstance(draft, _Problem):
        ctx.say(_form_message(ctx, allowed, values, draft))
        return
    _create(ctx, draft)


def _theme_missing(ctx: Ctx) -> str:
    return t("commands.new.theme_missing", ctx.lang)


def _form_message(
    ctx: Ctx,
    themes: Sequence[Theme],
    values: Mapping[str, str] | None = None,
    problem: _Problem | None = None,
) -> Message:
    lang = ctx.lang
    given = values if values is not None else {}
    programmes = {th.programme_id for th in themes}
    tracks = tracks_in(ctx.session, sorted(programmes))

    def label(name: str, programme: Programme) -> str:
        if len(programmes) == 1:
            return name
        return t("commands.theme_in", lang, theme=name, programme=programme.name)

    def field(
        name: str, kind: InputKind, *, required: bool, choices: tuple[Choice, ...] = ()
    ) -> Input:
        return Input(
            name=name,
            label=t(f"commands.new.field.{name}", lang),
            kind=kind,
            required=required,
            initial=given.get(name, ""),
            choices=choices,
            hint=t(f"commands.new.hint.{name}", lang),
            error=problem.text if problem is not None and problem.field == name else "",
        )

    inputs = [
        field(
            "theme",
            InputKind.CHOICE,
            required=True,
            choices=tuple(Choice(str(th.id), label(th.name, th.programme)) for th in themes),
        ),
        field("title", InputKind.TEXT, required=True),
        field("owners", InputKind.TEXT, required=True),
        field("deadline", InputKind.TEXT, required=True),
    ]
    if tracks:
        names = {th.programme_id: th.programme for th in themes}
        choices = tuple(Choice(str(tr.id), label(tr.name, names[tr.programme_id])) for tr in tracks)
        inputs.append(field("track", InputKind.CHOICE, required=False, choices=choices))
    form = Form(
        id="new_action",
        title=t("commands.new.form_title", lang),
        submit=t("commands.new.form_submit", lang),
        inputs=tuple(inputs),
    )
    text = t("commands.new.form_intro", lang) if problem is None else problem.text
    return Message(text, form=form)


def _check(ctx: Ctx, theme: Theme, fields: _Fields) -> _Draft | _Problem:
    """Validate a new action's fields; the first problem found is returned."""
    title = " ".join(fields.title.split())
    if not title:
        return _Problem("title", t("commands.new.no_title", ctx.lang))
    if len(title) > MAX_TITLE:
        return _Problem("title", t("commands.new.long_title", ctx.lang, max=MAX_TITLE))
    owners = _owners(ctx, theme, fields.owners)
    if isinstance(owners, _Problem):
        return owners
    try:
        deadline = parse_deadline(fields.deadline, ctx.today)
    except DeadlineError as err:
        return _Problem("deadline", err.message(ctx.lang))
    track = _track(ctx, theme, fields.track)
    if isinstance(track, _Problem):
        return track
    return _Draft(theme, track, title, owners, deadline)


def _owners(ctx: Ctx, theme: Theme, text: str) -> list[Person] | _Problem:
    names = [n.strip() for n in re.split(r"[,;]", text) if n.strip()]
    if not names:
        return _Problem("owners", t("commands.new.no_owner", ctx.lang))
    owners: list[Person] = []
    for name in names:
        found = find_people(ctx.session, name, [theme.programme_id])
        if not found:
            return _Problem("owners", t("commands.new.unknown_owner", ctx.lang, name=name))
        if len(found) > 1:
            options = _names(found)
            return _Problem(
                "owners", t("commands.new.ambiguous_owner", ctx.lang, name=name, options=options)
            )
        if found[0] not in owners:
            owners.append(found[0])
    roles = {
        m.person_id: m.role
        for m in roles_of(ctx.session, [p.id for p in owners])
        if m.programme_id == theme.programme_id
    }
    readers = [p for p in owners if roles.get(p.id) is Role.READER]
    if readers:
        return _Problem("owners", t("commands.new.reader_owner", ctx.lang, name=readers[0].name))
    return owners


def _track(ctx: Ctx, theme: Theme, text: str) -> Track | _Problem | None:
    tracks = tracks_in(ctx.session, [theme.programme_id])
    wanted = fold(text)
    if not tracks:
        if wanted:
            return _Problem("track", t("commands.new.no_tracks", ctx.lang, track=text.strip()))
        return None
    for track in tracks:
        if wanted in (fold(track.key), fold(track.name), str(track.id)):
            return track
    known = ", ".join(tr.name for tr in tracks)
    key = "commands.new.track_needed" if not wanted else "commands.new.unknown_track"
    return _Problem("track", t(key, ctx.lang, track=text.strip(), known=known))


def new_key(theme: Theme, existing: Sequence[tuple[str, int]]) -> str:
    """A key in the style of the theme's other actions ('OW-10' after 'OW-09'), else built
    from the theme key ('recreatie-toerisme' -> 'RT-01'); never one the programme has."""
    tails = [
        (m["prefix"], m["digits"])
        for key, theme_id in existing
        if theme_id == theme.id and (m := KEY_TAIL.match(key))
    ]
    if tails:
        prefix = Counter(p for p, _ in tails).most_common(1)[0][0]
        width = max(len(d) for p, d in tails if p == prefix)
        number = max(int(d) for p, d in tails if p == prefix) + 1
    else:
        parts = [p for p in theme.key.split("-") if p]
        initials = "".join(p[0] for p in parts) if len(parts) > 1 else theme.key[:3]
        prefix, width, number = f"{initials.upper()}-", 2, 1
    used = {key.upper() for key, _ in existing}
    while f"{prefix}{number:0{width}d}".upper() in used:
        number += 1
    return f"{prefix}{number:0{width}d}"


def _create(ctx: Ctx, draft: _Draft) -> None:
    programme_id = draft.theme.programme_id
    action = create_action(
        ctx.session,
        theme=draft.theme,
        track=draft.track,
        number=next_number(ctx.session, programme_id),
        key=new_key(draft.theme, action_keys(ctx.session, programme_id)),
        title=draft.title,
        owners=draft.owners,
        deadline=draft.deadline,
        now=ctx.now,
    )
    ctx.tell(
        "commands.new.created",
        number=action.number,
        key=action.key,
        title=action.title,
        theme=draft.theme.name,
        owners=_names(draft.owners),
        deadline=deadline_phrase(action, ctx.lang),
    )


# -- overzicht and samenvatting --------------------------------------------------------------

OVERVIEW = "commands.report.overview"
SUMMARY = "commands.report.summary"


@dataclass(frozen=True, slots=True)
class _Managed:
    places: list[Membership]  # all the person's programmes
    managed: list[Membership]  # those named (or all) that they manage
    rest: str  # the words after a programme key


def _managed(ctx: Ctx, args: str) -> _Managed | None:
    """The programmes the person manages among those named, or None after a refusal."""
    places = places_of(ctx)
    if places is None:
        return None
    chosen, rest = narrow(args, places)
    managed = [m for m in chosen if m.role in MANAGERS]
    if not managed:
        refusal = may_manage(ctx.session, ctx.person, chosen[0].programme_id)
        ctx.tell(refusal if refusal is not None else "perm.director_only")
        return None
    return _Managed(places, managed, rest)


def overview(ctx: Ctx, args: str) -> None:
    """'overzicht [thema]': per theme the state of things and the last 7 days."""
    found = _managed(ctx, args)
    if found is None:
        return
    period = last_days(ctx.today)
    if not found.rest:
        for place in found.managed:
            ctx.say(programme_report(ctx, place.programme, period, None, OVERVIEW))
        return
    every = themes_in(ctx.session, [m.programme_id for m in found.places])
    themes = _match_theme(found.rest, every)
    if not themes:
        _unknown_theme(ctx, found.rest, every)
        return
    managed = {m.programme_id: m.programme for m in found.managed}
    if any(th.programme_id not in managed for th in themes):
        ctx.tell("perm.director_only")
        return
    for programme_id, programme in managed.items():
        wanted = {th.id for th in themes if th.programme_id == programme_id}
        if wanted:
            ctx.say(programme_report(ctx, programme, period, wanted, OVERVIEW))


def summary(ctx: Ctx, args: str) -> None:
    """'samenvatting [periode]': per theme what changed in the period (default 7 days)."""
    found = _managed(ctx, args)
    if found is None:
        return
    try:
        period = parse_period(found.rest, ctx.today)
    except PeriodError as err:
        ctx.say(err.message(ctx.lang))
        return
    for place in found.managed:
        ctx.say(programme_report(ctx, place.programme, period, None, SUMMARY))


def programme_report(
    ctx: Ctx, programme: Programme, period: Period, theme_ids: set[int] | None, title_key: str
) -> Message:
    """Per theme: actions per status, what changed in the period, overdue, missing replies."""
    lang = ctx.lang
    start, end = period.bounds(ctx.zone)
    themes = [
        th
        for th in themes_in(ctx.session, [programme.id])
        if theme_ids is None or th.id in theme_ids
    ]
    counts = status_counts(ctx.session, programme.id)
    changes = updates_between(ctx.session, programme.id, start, end)
    late = open_actions_in(ctx.session, programme.id, due_before=ctx.today)
    missing = unanswered(ctx.session, programme.id, ctx.now)
    parts: list[tuple[str, Sequence[str]]] = []
    for theme in themes:
        lines = [_count_line({s: counts.get((theme.id, s), 0) for s in Status}, lang)]
        lines += _changes([u for u in changes if u.action.theme_id == theme.id], lang)
        lines += _overdue([a for a in late if a.theme_id == theme.id], lang)
        lines += _missing([m for m in missing if m.action.theme_id == theme.id], ctx)
        sponsor = theme.sponsor.name if theme.sponsor is not None else "-"
        parts.append((t("commands.report.theme", lang, theme=theme.name, sponsor=sponsor), lines))
    title = t(title_key, lang, programme=programme.name, period=describe(period, lang))
    return sectioned(title, parts)


def _count_line(counts: Mapping[Status, int], lang: str) -> str:
    shown = [
        t("commands.report.count", lang, count=n, status=status_word(s, lang))
        for s, n in counts.items()
        if n
    ]
    if not shown:
        return t("commands.report.no_actions", lang)
    return t("commands.report.counts", lang, counts=", ".join(shown))


def _change_kind(update: StatusUpdate) -> str:
    if update.kind is UpdateKind.DEADLINE:
        return "moved"
    return "completed" if update.status is Status.DONE else "updated"


def _changes(updates: Sequence[StatusUpdate], lang: str) -> list[str]:
    if not updates:
        return [t("commands.report.no_changes", lang)]
    kinds = Counter(_change_kind(u) for u in updates)
    counted = [
        t(f"commands.report.{kind}", lang, count=kinds[kind])
        for kind in ("updated", "completed", "moved")
        if kinds[kind]
    ]
    lines = [t("commands.report.changes", lang, counts=", ".join(counted))]
    lines += [
        bullet(
            t(
                "commands.report.change",
                lang,
                ref=action_ref(u.action, lang),
                what=update_summary(u, lang),
                author=author_name(u, lang),
            )
        )
        for u in updates
    ]
    return lines


def _overdue(late: Sequence[Action], lang: str) -> list[str]:
    if not late:
        return []
    lines = [t("commands.report.overdue", lang)]
    lines += [
        bullet(
            t(
                "commands.report.overdue_line",
                lang,
                ref=action_ref(a, lang),
                deadline=deadline_phrase(a, lang),
                owners=_names(a.owners),
            )
        )
        for a in late
    ]
    return lines


def _missing(missing: Sequence[Unanswered], ctx: Ctx) -> list[str]:
    if not missing:
        return []
    lines = [t("commands.report.missing", ctx.lang)]
    for item in missing:
        key = "commands.report.escalated" if item.escalated else "commands.report.asked"
        lines.append(
            bullet(
                t(
                    key,
                    ctx.lang,
                    ref=action_ref(item.action, ctx.lang),
                    name=item.recipient.name,
                    since=short_date(item.asked_at.astimezone(ctx.zone).date(), ctx.lang),
                )
            )
        )
    return lines


# -- afwezig ---------------------------------------------------------------------------------

CANCEL_WORDS = frozenset({"wissen", "annuleren", "intrekken", "verwijderen", "cancel", "clear"})
LIST_WORDS = frozenset({"", "lijst", "toon", "list", "show"})
ABSENCE_START = re.compile(r"^(?:van|vanaf|from)\s+", re.IGNORECASE)
ABSENCE_SEPARATOR = re.compile(
    r"\s+(?:t/m|tm|tot en met|tot|to|until|till|through|thru|-|–)\s+", re.IGNORECASE
)
DEPUTY_WORDS = re.compile(
    r"^(?:(?:met|with)\s+)?(?:(?:vervanger|vervanging|deputy|door|by)\b)?\s*[:,(]?\s*",
    re.IGNORECASE,
)


# A date without a year is this year's up to a month back: "afwezig 1 december t/m 12
# december" said on 5 December is the absence that began on the first.
ABSENCE_GRACE = 31


@dataclass(frozen=True, slots=True)
class _AbsenceRequest:
    start: date
    end: date
    deputy: str


def absent(ctx: Ctx, args: str) -> None:
    """'afwezig <van> t/m <tot> [vervanger]'; 'afwezig' lists; 'afwezig wissen' cancels."""
    places = places_of(ctx)
    if places is None:
        return
    word = fold(args)
    if word in LIST_WORDS:
        _list_absences(ctx)
        return
    if word in CANCEL_WORDS:
        removed, kept = cancel_future_absences(ctx.session, ctx.person.id, ctx.today)
        if removed:
            ctx.tell("commands.absent.cancelled", count=removed)
        else:
            ctx.tell("commands.absent.nothing_to_cancel")
        if kept:
            ctx.tell("commands.absent.kept", count=kept)
        return
    request = _read_absence(args, ctx.today)
    if isinstance(request, str):
        ctx.tell(request, text=args.strip(), first=FIRST_YEAR, last=LAST_YEAR)
        return
    _add_absence(ctx, places, request)


def _read_absence(text: str, today: date) -> _AbsenceRequest | str:
    """Dates and deputy from the words, or the catalogue key of what is wrong."""
    if names_year_outside(text):
        # Checked first: "t/m 3 januari 3000" would otherwise end on 3 January, deputy "3000".
        return "commands.absent.out_of_range"
    read = _read_days(text, today)
    return "commands.absent.bad_date" if read is None else read


def _read_days(text: str, today: date) -> _AbsenceRequest | None:
    body = ABSENCE_START.sub("", text.strip())
    separator = ABSENCE_SEPARATOR.search(body)
    if separator is None:
        head = _day_and_rest(body, today, today)
        if head is None:
            return None
        return _AbsenceRequest(head[0], head[0], _deputy_text(head[1]))
    left, right = body[: separator.start()], body[separator.end() :]
    start = parse_day(share_month(left, right), today, forward=True, grace=ABSENCE_GRACE)
    tail = _day_and_rest(right, today, today)
    if start is None or tail is None:
        return None
    if tail[0] < start:
        # "vrijdag t/m maandag": a weekday after the start, not before it.
        again = _day_and_rest(right, today, start)
        if again is not None and again[0] - start < timedelta(days=7):
            tail = again
    end, rest = tail
    return _AbsenceRequest(start, end, _deputy_text(rest))


def _deputy_text(rest: str) -> str:
    return DEPUTY_WORDS.sub("", rest).strip(" )")


def _day_and_rest(text: str, today: date, anchor: date) -> tuple[date, str] | None:
    """The longest run of leading words that is a day, and the words after it."""
    words = text.split()
    for size in range(len(words), 0, -1):
        day = parse_day(
            " ".join(words[:size]), today, anchor=anchor, forward=True, grace=ABSENCE_GRACE
        )
        if day is not None:
            return day, " ".join(words[size:])
    return None


def _add_absence(ctx: Ctx, places: Sequence[Membership], request: _AbsenceRequest) -> None:
    lang = ctx.lang
    start, end = long_date(request.start, lang), long_date(request.end, lang)
    if request.end < request.start:
        ctx.tell("commands.absent.order", start=start, end=end)
        return
    if request.end < ctx.today:
        ctx.tell("commands.absent.past", end=end)
        return
    deputy = _deputy(ctx, places, request.deputy)
    if isinstance(deputy, _Problem):
        ctx.say(deputy.text)
        return
    clash = overlapping_absence(ctx.session, ctx.person.id, request.start, request.end)
    if clash is not None:
        ctx.tell(
            "commands.absent.overlap",
            start=long_date(clash.starts_on, lang),
            end=long_date(clash.ends_on, lang),
        )
        return
    add_absence(
        ctx.session, ctx.person.id, request.start, request.end, deputy.id if deputy else None
    )
    if deputy is None:
        ctx.tell("commands.absent.added", start=start, end=end)
    else:
        ctx.tell("commands.absent.added_deputy", start=start, end=end, deputy=deputy.name)


def _deputy(ctx: Ctx, places: Sequence[Membership], text: str) -> Person | _Problem | None:
    """The deputy named among the person's programmes, None when none was named."""
    if not text:
        return None
    lang = ctx.lang
    found = find_people(ctx.session, text, [m.programme_id for m in places])
    if not found:
        return _Problem("deputy", t("commands.absent.unknown_deputy", lang, name=text))
    if len(found) > 1:
        options = _names(found)
        return _Problem(
            "deputy", t("commands.absent.ambiguous_deputy", lang, name=text, options=options)
        )
    deputy = found[0]
    if deputy.id == ctx.person.id:
        return _Problem("deputy", t("commands.absent.self", lang))
    shared = {m.programme_id for m in places}
    roles = {m.role for m in roles_of(ctx.session, [deputy.id]) if m.programme_id in shared}
    if roles <= {Role.READER}:
        return _Problem("deputy", t("commands.absent.reader_deputy", lang, name=deputy.name))
    return deputy


def _list_absences(ctx: Ctx) -> None:
    absences = absences_from(ctx.session, ctx.person.id, ctx.today)
    if not absences:
        ctx.tell("commands.absent.none")
        return
    lines = [t("commands.absent.list", ctx.lang)]
    lines += [bullet(_absence_line(a, ctx.lang)) for a in absences]
    ctx.say("\n".join(lines))


def _absence_line(absence: Absence, lang: str) -> str:
    text = t(
        "commands.absent.period",
        lang,
        start=long_date(absence.starts_on, lang),
        end=long_date(absence.ends_on, lang),
    )
    if absence.deputy is not None:
        text += t("commands.absent.with_deputy", lang, deputy=absence.deputy.name)
    if absence.programme_id is not None:
        text += t("commands.absent.from_file", lang)
    return text
