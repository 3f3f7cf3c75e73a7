"""The API's reads of one programme: the programme, its actions (a page, or one with its
updates), its themes' traffic lights and counts, its final letters.

People are named as the programme's letter names them (``letter.names``): owners, sponsors
and the authors of updates only where it names officials; otherwise parties only. An owner's
words are given as the letter gives them, mentions shown as names, since the token is the
programme's own and the letter, which the councils read, quotes them so. No email address is
ever given. Withdrawn updates are left out: their author took them back.

Traffic lights follow the letter's rule (``handlers.brief.appendix``): a light per status, red
for an open action past its deadline. "Overdue" is judged on today's date in the programme's
time zone, as the letter judges it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from handlers.api.api_views import (
    LIGHT_CODES,
    ActionDetail,
    ActionPage,
    ActionView,
    DeadlineMove,
    DocumentView,
    KpiView,
    LetterView,
    PartyView,
    ProgrammeView,
    ThemeTally,
    ThemeView,
    TrackView,
    UpdateView,
)
from handlers.brief.appendix import traffic_light
from handlers.brief.letter_settings import letter_settings
from handlers.wording import overdue
from storage import api_rows, overview_rows
from storage.api_rows import ActionLine, ActionQuery, UpdateLine
from storage.letter_passages import update_wordings
from storage.letter_rows import mention_names
from storage.models import Programme
from storage.summaries import programme_by_id
from words.chat.mentions import plain_mentions
from words.domain import Status, UpdateKind


def names_officials(programme: Programme) -> bool:
    return letter_settings(programme.letter).names == "officials"


def today_in(programme: Programme, now: datetime) -> date:
    return now.astimezone(ZoneInfo(programme.timezone)).date()


def light_of(status: Status, overdue: bool) -> str:
    return LIGHT_CODES[traffic_light(status, overdue)]


def programme_view(session: Session, programme_id: int) -> ProgrammeView | None:
    programme = api_rows.programme_outline(session, programme_id)
    if programme is None:
        return None
    officials = names_officials(programme)
    return ProgrammeView(
        key=programme.key,
        name=programme.name,
        description=programme.description,
        period_start=programme.period_start,
        period_end=programme.period_end,
        timezone=programme.timezone,
        language=programme.language,
        reporting=programme.reporting,
        names_officials=officials,
        public_page=programme.public_page,
        themes=tuple(
            ThemeView(
                key=theme.key,
                name=theme.name,
                description=theme.description,
                sponsor=theme.sponsor.name if officials and theme.sponsor is not None else None,
            )
            for theme in programme.themes
        ),
        tracks=tuple(TrackView(key=track.key, name=track.name) for track in programme.tracks),
        parties=tuple(
            PartyView(key=p.key, name=p.name, short_name=p.short_name, kind=p.kind)
            for p in programme.parties
        ),
    )


def _action(line: ActionLine, today: date, officials: bool) -> ActionView:
    late = overdue(line.status, line.due, today)
    kpi = None
    if line.kpi_target is not None:
        kpi = KpiView(target=line.kpi_target, current=line.kpi_current, unit=line.kpi_unit)
    return ActionView(
        number=line.number,
        key=line.key,
        title=line.title,
        description=line.description,
        theme=line.theme,
        track=line.track,
        parties=line.parties,
        owners=line.owners if officials else None,
        status=line.status,
        light=light_of(line.status, late),
        overdue=late,
        due=line.due,
        deadline=line.deadline_text,
        precision=line.precision,
        kpi=kpi,
        updated_at=line.updated_at,
    )


def action_page(
    session: Session, programme_id: int, query: ActionQuery, now: datetime
) -> ActionPage | None:
    """The actions ``query`` asks for, a page of them, and how many there are in all."""
    programme = programme_by_id(session, programme_id)
    if programme is None:
        return None
    today = today_in(programme, now)
    officials = names_officials(programme)
    query = replace(query, today=today)
    total = api_rows.count_actions(session, programme_id, query)
    lines = (
        api_rows.action_lines(session, programme_id, query, owners=officials)
        if query.offset < total
        else []
    )
    return ActionPage(total=total, items=tuple(_action(line, today, officials) for line in lines))


def _update(
    line: UpdateLine, wordings: dict[int, str], names: dict[str, str], officials: bool
) -> UpdateView:
    deadline = None
    if line.kind is UpdateKind.DEADLINE:
        deadline = DeadlineMove(
            previous_due=line.previous_due,
            new_due=line.new_due,
            new_deadline=line.new_deadline_text,
            new_precision=line.new_precision,
        )
    return UpdateView(
        id=line.id,
        at=line.created_at,
        kind=line.kind,
        source=line.source,
        status=line.status,
        text=plain_mentions(line.text, names),
        letter_text=wordings.get(line.id),
        progress=line.progress,
        deadline=deadline,
        edited_at=line.edited_at,
        author=line.author if officials else None,
    )


def action_detail(
    session: Session, programme_id: int, number: int, now: datetime
) -> ActionDetail | None:
    """One action with its standing updates, oldest first; None when the programme has no
    action of that number."""
    programme = programme_by_id(session, programme_id)
    if programme is None:
        return None
    officials = names_officials(programme)
    line = api_rows.action_line(session, programme_id, number, owners=officials)
    if line is None:
        return None
    updates = api_rows.update_lines(session, line.id, authors=officials)
    wordings = update_wordings(session, programme_id, [u.id for u in updates]) if updates else {}
    # Most words mention nobody: the people's chat ids are read only when some do.
    mentions = any("<" in u.text for u in updates)
    names = mention_names(session, programme_id) if mentions else {}
    return ActionDetail(
        action=_action(line, today_in(programme, now), officials),
        updates=tuple(_update(u, wordings, names, officials) for u in updates),
    )


def theme_tallies(session: Session, programme_id: int, now: datetime) -> tuple[ThemeTally, ...]:
    """Per theme, in the letter's order: its actions per status and per traffic light, and
    how many are overdue."""
    programme = api_rows.programme_outline(session, programme_id)
    if programme is None:
        return ()
    # The dashboard's one grouped count (storage.overview_rows), in the API's shape.
    counts = overview_rows.tallies(session, programme_id, today_in(programme, now))
    tallies: list[ThemeTally] = []
    for theme in programme.themes:
        statuses = dict.fromkeys((s.value for s in Status), 0)
        lights = dict.fromkeys(LIGHT_CODES.values(), 0)
        late = 0
        for row in counts:
            if row.theme_id != theme.id:
                continue
            statuses[row.status.value] += row.count
            lights[light_of(row.status, row.overdue)] += row.count
            late += row.count if row.overdue else 0
        tallies.append(
            ThemeTally(
                key=theme.key,
                name=theme.name,
                total=sum(statuses.values()),
                overdue=late,
                statuses=statuses,
                lights=lights,
            )
        )
    return tuple(tallies)


def letters(session: Session, programme_id: int) -> tuple[LetterView, ...]:
    """The final letters, newest first; drafts are never listed."""
    return tuple(
        LetterView(
            number=line.number,
            period_start=line.period_start,
            period_end=line.period_end,
            period_label=line.period_label,
            language=line.language,
            published_at=line.finalized_at,
            documents=tuple(DocumentView(d.format, d.sha256, d.size) for d in line.documents),
        )
        for line in api_rows.final_letters(session, programme_id)
    )


def letter_document(
    session: Session, programme_id: int, number: int, fmt: str
) -> tuple[bytes, str] | None:
    """A final letter's document: its bytes and SHA-256; None for a draft or a format it
    does not have."""
    found = api_rows.final_document(session, programme_id, number, fmt)
    return None if found is None else (found.content, found.sha256)
