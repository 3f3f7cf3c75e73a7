"""'nieuwe actie': the form for a new action, or one typed inline, checked and created."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from handlers.commands.lookup import themes_named
from handlers.commands.naming import Problem, unknown_theme
from handlers.context import Ctx
from handlers.permissions import MANAGERS, may_create
from handlers.places import narrow, places_of
from handlers.wording import deadline_phrase, name_list
from storage.models import Membership, Person, Programme, Theme, Track
from storage.people import find_people
from storage.summaries import (
    action_keys,
    create_action,
    next_number,
    roles_of,
    themes_in,
    tracks_in,
)
from words.catalogue import t
from words.chat.messages import Choice, Form, Input, InputKind, Message
from words.deadlines.error import DeadlineError
from words.deadlines.model import Deadline
from words.deadlines.parse import parse_deadline
from words.domain import Role, fold

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
    themes = themes_named(theme_text, every)
    if len(themes) != 1:
        unknown_theme(ctx, theme_text, themes or every)
        return
    refusal = may_create(ctx.session, ctx.person, themes[0])
    if refusal is not None:
        ctx.tell(refusal)
        return
    fields = _Fields(parts[0], parts[1], parts[2], parts[3] if len(parts) == 4 else "")
    draft = _check(ctx, themes[0], fields)
    if isinstance(draft, Problem):
        ctx.say(draft.text)
        return
    _create(ctx, draft)


def _refusal_to_create(places: Sequence[Membership]) -> str:
    if all(m.role is Role.READER for m in places):
        return "perm.reader"
    return "perm.not_sponsor"


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
        ctx.say(_form_message(ctx, allowed, values, Problem("theme", _theme_missing(ctx))))
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
    if isinstance(draft, Problem):
        ctx.say(_form_message(ctx, allowed, values, draft))
        return
    _create(ctx, draft)


def _theme_missing(ctx: Ctx) -> str:
    return t("commands.new.theme_missing", ctx.lang)


def _form_message(
    ctx: Ctx,
    themes: Sequence[Theme],
    values: Mapping[str, str] | None = None,
    problem: Problem | None = None,
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


def _check(ctx: Ctx, theme: Theme, fields: _Fields) -> _Draft | Problem:
    """Validate a new action's fields; the first problem found is returned."""
    title = " ".join(fields.title.split())
    if not title:
        return Problem("title", t("commands.new.no_title", ctx.lang))
    if len(title) > MAX_TITLE:
        return Problem("title", t("commands.new.long_title", ctx.lang, max=MAX_TITLE))
    owners = _owners(ctx, theme, fields.owners)
    if isinstance(owners, Problem):
        return owners
    try:
        deadline = parse_deadline(fields.deadline, ctx.today, ctx.lang)
    except DeadlineError as err:
        return Problem("deadline", err.message(ctx.lang))
    track = _track(ctx, theme, fields.track)
    if isinstance(track, Problem):
        return track
    return _Draft(theme, track, title, owners, deadline)


def _owners(ctx: Ctx, theme: Theme, text: str) -> list[Person] | Problem:
    names = [n.strip() for n in re.split(r"[,;]", text) if n.strip()]
    if not names:
        return Problem("owners", t("commands.new.no_owner", ctx.lang))
    owners: list[Person] = []
    for name in names:
        found = find_people(ctx.session, name, [theme.programme_id])
        if not found:
            return Problem("owners", t("commands.new.unknown_owner", ctx.lang, name=name))
        if len(found) > 1:
            options = name_list(found)
            return Problem(
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
        return Problem("owners", t("commands.new.reader_owner", ctx.lang, name=readers[0].name))
    return owners


def _track(ctx: Ctx, theme: Theme, text: str) -> Track | Problem | None:
    tracks = tracks_in(ctx.session, [theme.programme_id])
    wanted = fold(text)
    if not tracks:
        if wanted:
            return Problem("track", t("commands.new.no_tracks", ctx.lang, track=text.strip()))
        return None
    for track in tracks:
        if wanted in (fold(track.key), fold(track.name), str(track.id)):
            return track
    known = ", ".join(tr.name for tr in tracks)
    key = "commands.new.track_needed" if not wanted else "commands.new.unknown_track"
    return Problem("track", t(key, ctx.lang, track=text.strip(), known=known))


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
        # "Eigenaar: X" or "Eigenaren: X, Y", as in the action's details.
        owners=t(
            "commands.details.owners",
            ctx.lang,
            owners=name_list(draft.owners),
            n=len(draft.owners),
        ),
        deadline=deadline_phrase(action, ctx.lang),
    )
