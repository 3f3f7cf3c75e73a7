"""Letter benchmark: the voortgangsbrief of a quarter for 10,000 actions and 100,000 updates.

    .venv/bin/python -m bench.brief [--actions 10000] [--updates 100000] [--runs 5]
                                    [--docx-runs 1] [--word-runs 1] [--database URL] [--profile]

Builds, with Core bulk inserts, one programme shaped like BOCE (four themes, three tracks, six
parties) with ``actions`` actions (one or two owners and parties each) and ``updates`` status
updates spread over 2026: statuses, owners' words and some moved deadlines, about 30% of them
in the reported quarter (2026-Q4). A second programme of a tenth of that size goes into the
same register, as programmes share one in production. Without ``--database`` the register is
a fresh SQLite file in a temporary folder; with it, any empty database (such as PostgreSQL).

It then times, after one warm-up and each time in a new session, the whole letter: the SQL of
``storage.letter_rows.load_brief_data``, ``handlers.brief.content.compile_brief`` and
``bot.letter.formats.render``
to Markdown and to HTML. It counts the SQL statements one letter executes, for both
programmes, to show whether that count grows with the number of actions. A bare Core SELECT of
the quarter's status_update rows is timed alongside as the baseline. Target: the whole letter
in under 2000 ms on SQLite (the slowest run). The DOCX layout, where bot.letter.formats has
one, is timed apart (``--docx-runs``, one by default) and is not part of the target.
``--profile`` ends with a cProfile of one letter.

The Word writer (``bot.letter.word``) is timed apart as well, on pieces shaped like a real
letter's (``--word-runs``, 0 skips it): per action a name kept with its text, one or two
quotes and a note, and a row in the appendix's table. Beside it, in the same run, a lean
python-docx script writes the same paragraphs and rows (add_paragraph, add_table), the floor
the writer is held to: at most 1.5 times its time per action. The peak memory (RSS) of
building the document for ``--actions`` actions is measured in a fresh process: under 200 MB.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, event, insert, select
from sqlalchemy.orm import Session

from bot.letter import formats as brief_render
from bot.letter.pieces import Cell, Chart, Heading, Para, Piece, Run, Table
from bot.letter.word import to_docx
from bot.letter.wordml import DocumentMeta
from handlers.brief.content import Letter, compile_brief
from storage.db import make_engine, migrate, session_factory
from storage.letter_rows import load_brief_data
from storage.models import (
    Action,
    ActionOwner,
    ActionParty,
    Meeting,
    Membership,
    Party,
    Person,
    Programme,
    StatusUpdate,
    Theme,
    Track,
)
from words.checkin_settings import ScheduleSettings
from words.deadlines.model import Deadline
from words.deadlines.parse import parse_deadline
from words.domain import MeetingKind, PartyKind, Role, Source, Status, UpdateKind

TARGET_MS: Final = 2000.0
WORD_RATIO_TARGET: Final = 1.5  # the Word writer's time per action against the lean floor
WORD_RSS_TARGET_MB: Final = 200.0
WORD_META: Final = DocumentMeta("nl", "Voortgangsbrief benchmark", "Kenmerk BENCH · brief 1")
KEY: Final = "bench"
SMALL_KEY: Final = "bench-tiende"
ZONE: Final = ZoneInfo("Europe/Amsterdam")
YEAR: Final = (date(2026, 1, 1), date(2026, 12, 31))
QUARTER: Final = (date(2026, 10, 1), date(2026, 12, 31))
IN_QUARTER: Final = 0.30  # the share of the year's updates that falls in the quarter
DEADLINE_SHARE: Final = 0.05  # the share of updates that moves a deadline
ACTIONS_PER_PERSON: Final = 20
BATCH: Final = 20_000
SEED: Final = 2026
CREATED: Final = datetime(2025, 12, 1, tzinfo=UTC)

PARTIES: Final = (
    ("borger-odoorn", "Gemeente Borger-Odoorn", PartyKind.MUNICIPALITY),
    ("coevorden", "Gemeente Coevorden", PartyKind.MUNICIPALITY),
    ("emmen", "Gemeente Emmen", PartyKind.MUNICIPALITY),
    ("provincie-drenthe", "Provincie Drenthe", PartyKind.PARTNER),
    ("rud-drenthe", "RUD Drenthe", PartyKind.PARTNER),
    ("domesta", "Woningcorporatie Domesta", PartyKind.PARTNER),
)
TRACKS: Final = (
    ("samen-doen", "Samen doen"),
    ("samen-optrekken", "Samen optrekken"),
    ("samen-leren", "Samen leren"),
)
THEMES: Final = (
    ("omgevingswet", "Omgevingswet"),
    ("bereikbaarheid", "Bereikbaarheid"),
    ("recreatie-toerisme", "Recreatie & Toerisme"),
    ("leefbaarheid", "Leefbaarheid"),
)
SUBJECTS: Final = (
    "werkprocessen afstemmen",
    "gezamenlijke lobby voorbereiden",
    "kennissessie organiseren",
    "onderzoek woningmarkt uitvoeren",
    "regels buitengebied vergelijken",
    "fietsroutes verbinden",
)
WORDS: Final = (
    "overleg met de drie gemeenten gepland",
    "eerste concept ligt bij de werkgroep",
    "wacht op reactie van de provincie",
    "budget is rond, uitvoering start na de zomer",
    "bijeenkomst met ondernemers gehouden; verslag volgt",
    "capaciteit is krap door ziekte in het team",
    "notitie besproken in het portefeuillehoudersoverleg",
)
PHRASES: Final = (
    "eind 2026",
    "Q1 2027",
    "voor de zomer van 2027",
    "maart 2027",
    "medio 2027",
    "eind 2027",
)
# Statuses an owner reports; OPEN is only where an action starts.
REPORTED: Final = (Status.ON_TRACK, Status.AT_RISK, Status.DELAYED, Status.DONE, Status.DROPPED)
LETTER: Final = {
    "subject": "Voortgangsbrief benchmark",
    "addressee": "Aan de gemeenteraden",
    "opening": "Geachte raadsleden,",
    "closing": "Met vriendelijke groet,",
    "signed_by": "De stuurgroep",
    "signatories": [{"lines": ["M. Hoekstra", "programmaregisseur"]}],
}

# Every update row has the same columns, so each batch is one executemany.
NO_MOVE: Final[dict[str, Any]] = {
    "previous_due": None,
    "previous_deadline_text": None,
    "new_due": None,
    "new_deadline_text": None,
    "new_precision": None,
}


# -- build -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _ActionState:
    """An action while its history is generated: where the updates leave it."""

    status: Status = Status.OPEN
    deadline: int = 0  # index into the deadlines


@dataclass(frozen=True, slots=True)
class _Plan:
    """The generated programme, still as indices: action n is the nth action inserted."""

    states: list[_ActionState]
    updates: list[dict[str, Any]]  # rows without action_id and author_id, plus "_action"


def _deadlines() -> tuple[Deadline, ...]:
    today = YEAR[0]
    return tuple(parse_deadline(phrase, today) for phrase in PHRASES)


def _utc(day: date) -> datetime:
    """The start of ``day`` in the programme's zone, in UTC: the letter's period bounds."""
    return datetime.combine(day, clock_time(0), tzinfo=ZONE).astimezone(UTC)


def _moments(rng: random.Random, count: int) -> list[datetime]:
    """``count`` moments in the year, IN_QUARTER of them in the quarter, oldest first."""
    year, quarter, end = _utc(YEAR[0]), _utc(QUARTER[0]), _utc(YEAR[1] + timedelta(days=1))
    moments = []
    for _ in range(count):
        low, high = (quarter, end) if rng.random() < IN_QUARTER else (year, quarter)
        moments.append(low + (high - low) * rng.random())
    return sorted(moments)


def _plan(actions: int, updates: int, deadlines: Sequence[Deadline]) -> _Plan:
    rng = random.Random(SEED + actions)
    states = [_ActionState(deadline=rng.randrange(len(deadlines))) for _ in range(actions)]
    rows = []
    for moment in _moments(rng, updates):
        n = rng.randrange(actions)
        state = states[n]
        row: dict[str, Any] = {
            "_action": n,
            "created_at": moment,
            "source": Source.SLACK,
            "previous_status": state.status,
        }
        if rng.random() < DEADLINE_SHARE:
            old = state.deadline
            state.deadline = (old + 1 + rng.randrange(len(deadlines) - 1)) % len(deadlines)
            row.update(_moved(deadlines[old], deadlines[state.deadline]))
        else:
            status = rng.choice(REPORTED) if rng.random() < 0.5 else None
            text = rng.choice(WORDS) if status is None or rng.random() < 0.7 else ""
            row.update({"kind": UpdateKind.STATUS, "status": status, "text": text, **NO_MOVE})
            if status is not None:
                state.status = status
        rows.append(row)
    return _Plan(states, rows)


def _moved(old: Deadline, new: Deadline) -> dict[str, Any]:
    return {
        "kind": UpdateKind.DEADLINE,
        "status": None,
        "text": "",
        "previous_due": old.due,
        "previous_deadline_text": old.text,
        "new_due": new.due,
        "new_deadline_text": new.text,
        "new_precision": new.precision,
    }


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _bulk(session: Session, table: Any, rows: Iterator[dict[str, Any]]) -> None:
    for batch in _batches(rows):
        session.execute(insert(table), batch)


def _ids(session: Session, table: Any, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` in bulk; their new ids, in the rows' order (works on every database)."""
    ids: list[int] = []
    for start in range(0, len(rows), BATCH):
        statement = insert(table).returning(table.id, sort_by_parameter_order=True)
        ids.extend(session.execute(statement, list(rows[start : start + BATCH])).scalars())
    return ids


def _programme(session: Session, key: str) -> int:
    return session.execute(
        insert(Programme).returning(Programme.id),
        [
            {
                "key": key,
                "name": f"Benchmark {key}",
                "description": "",
                "period_start": date(2026, 1, 1),
                "period_end": date(2027, 12, 31),
                "timezone": ZONE.key,
                "language": "nl",
                "checkin_rule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0",
                "schedule": ScheduleSettings().to_json(),
                "letter": LETTER,
                "created_at": CREATED,
                "updated_at": CREATED,
            }
        ],
    ).scalar_one()


def _structure(session: Session, programme: int) -> tuple[list[int], list[int], list[int]]:
    """The parties, tracks and themes of the programme, as ids in BOCE's order."""
    parties = _ids(
        session,
        Party,
        [
            {"programme_id": programme, "key": k, "name": n, "kind": kind, "position": i}
            for i, (k, n, kind) in enumerate(PARTIES)
        ],
    )
    tracks = _ids(
        session,
        Track,
        [
            {"programme_id": programme, "key": k, "name": n, "position": i}
            for i, (k, n) in enumerate(TRACKS)
        ],
    )
    themes = _ids(
        session,
        Theme,
        [
            {"programme_id": programme, "key": k, "name": n, "description": "", "position": i}
            for i, (k, n) in enumerate(THEMES)
        ],
    )
    return parties, tracks, themes


def _people(
    session: Session, programme: int, key: str, count: int, parties: list[int]
) -> list[int]:
    people = _ids(
        session,
        Person,
        [
            {"name": f"Persoon {i + 1}", "email": f"p{i + 1}@{key}.example", "created_at": CREATED}
            for i in range(count)
        ],
    )
    _bulk(
        session,
        Membership,
        (
            {
                "programme_id": programme,
                "person_id": person,
                "key": f"p{i + 1}",
                "role": Role.MEMBER,
                "party_id": parties[i % len(parties)],
                "position": i,
            }
            for i, person in enumerate(people)
        ),
    )
    return people


def _action_rows(
    programme: int,
    plan: _Plan,
    deadlines: Sequence[Deadline],
    tracks: list[int],
    themes: list[int],
) -> list[dict[str, Any]]:
    rows = []
    for n, state in enumerate(plan.states):
        deadline = deadlines[state.deadline]
        rows.append(
            {
                "programme_id": programme,
                "number": n + 1,
                "key": f"A-{n + 1:05d}",
                "theme_id": themes[n % len(themes)],
                "track_id": tracks[(n // len(themes)) % len(tracks)],
                "title": f"{SUBJECTS[n % len(SUBJECTS)].capitalize()} ({n + 1})",
                "description": "",
                "due": deadline.due,
                "deadline_text": deadline.text,
                "deadline_precision": deadline.precision,
                "status": state.status,
                # Every fifth action has a KPI, so the letter's KPI lines are exercised.
                "kpi_target": 200.0 if n % 5 == 0 else None,
                "kpi_current": float(n % 200) if n % 5 == 0 else None,
                "kpi_unit": "woningen" if n % 5 == 0 else "",
                "checkin_rule": "",
                "file_values": {},
                "created_at": CREATED,
                "updated_at": CREATED,
            }
        )
    return rows


def _owners(n: int, people: list[int]) -> list[int]:
    """One owner per action, a second one for every fourth action."""
    first = n % len(people)
    second = (first + 1) % len(people)
    return [people[first]] if n % 4 or second == first else [people[first], people[second]]


def _links(session: Session, actions: list[int], people: list[int], parties: list[int]) -> None:
    _bulk(
        session,
        ActionOwner,
        (
            {"action_id": action, "person_id": person, "position": i}
            for n, action in enumerate(actions)
            for i, person in enumerate(_owners(n, people))
        ),
    )
    _bulk(
        session,
        ActionParty,
        (
            # One party per action, a second one for every third action.
            {"action_id": action, "party_id": parties[(n + i) % len(parties)], "position": i}
            for n, action in enumerate(actions)
            for i in range(1 if n % 3 else 2)
        ),
    )


def _update_rows(plan: _Plan, actions: list[int], people: list[int]) -> Iterator[dict[str, Any]]:
    for row in plan.updates:
        n = row["_action"]
        yield {
            **{k: v for k, v in row.items() if k != "_action"},
            "action_id": actions[n],
            "author_id": _owners(n, people)[0],
        }


def _meetings(programme: int) -> list[dict[str, Any]]:
    return [
        {"programme_id": programme, "date": day, "title": title, "kind": kind}
        for day, title, kind in (
            (date(2027, 1, 20), "Radenbijeenkomst", MeetingKind.MEETING),
            (date(2027, 3, 31), "Bereikbaarheidsagenda gereed", MeetingKind.MILESTONE),
        )
    ]


def build(engine: Engine, key: str, actions: int, updates: int) -> None:
    """One programme ``key`` with ``actions`` actions and ``updates`` updates, in bulk."""
    deadlines = _deadlines()
    plan = _plan(actions, updates, deadlines)
    with Session(engine) as session, session.begin():
        programme = _programme(session, key)
        parties, tracks, themes = _structure(session, programme)
        people = _people(session, programme, key, max(1, actions // ACTIONS_PER_PERSON), parties)
        rows = _action_rows(programme, plan, deadlines, tracks, themes)
        action_ids = _ids(session, Action, rows)
        _links(session, action_ids, people, parties)
        _bulk(session, StatusUpdate, _update_rows(plan, action_ids, people))
        session.execute(insert(Meeting), _meetings(programme))


def prepare(url: str, actions: int, updates: int) -> Engine:
    """A migrated register at ``url`` holding both benchmark programmes, statistics gathered."""
    engine = make_engine(url)
    migrate(engine)
    with Session(engine) as session:
        taken = session.scalars(select(Programme.key).where(Programme.key.in_([KEY, SMALL_KEY])))
        if taken.first() is not None:
            raise SystemExit(f"the database already holds programme {KEY!r}: use an empty one")
    build(engine, KEY, actions, updates)
    build(engine, SMALL_KEY, max(1, actions // 10), updates // 10)
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    return engine


# -- measure ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Timings:
    """Milliseconds per run for each step of one letter."""

    load: list[float] = field(default_factory=list)
    compile: list[float] = field(default_factory=list)
    md: list[float] = field(default_factory=list)
    html: list[float] = field(default_factory=list)

    @property
    def total(self) -> list[float]:
        return [sum(step) for step in zip(self.load, self.compile, self.md, self.html, strict=True)]


@dataclass(frozen=True, slots=True)
class Sizes:
    """What one letter held and weighed: the figures printed beside the timings."""

    actions: int
    updates: int
    md_bytes: int
    html_bytes: int


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def letter(engine: Engine, key: str = KEY) -> Letter:
    """The quarter's letter for programme ``key``, compiled in Dutch, in a session of its own."""
    with session_factory(engine)() as session:
        data = load_brief_data(session, key, QUARTER[0], QUARTER[1], ZONE)
    return compile_brief(data, "nl")


def _once(engine: Engine, key: str, timings: Timings) -> Sizes:
    started = time.perf_counter()
    with session_factory(engine)() as session:
        data = load_brief_data(session, key, QUARTER[0], QUARTER[1], ZONE)
    timings.load.append(_ms(started))
    started = time.perf_counter()
    compiled = compile_brief(data, "nl")
    timings.compile.append(_ms(started))
    started = time.perf_counter()
    md = brief_render.render(compiled, "md")
    timings.md.append(_ms(started))
    started = time.perf_counter()
    html = brief_render.render(compiled, "html")
    timings.html.append(_ms(started))
    return Sizes(
        actions=len(data.actions),
        updates=len(data.updates),
        md_bytes=len(md.encode()),
        html_bytes=len(html.encode()),
    )


def measure(engine: Engine, runs: int, key: str = KEY) -> tuple[Timings, Sizes]:
    """``runs`` timed letters after one warm-up that is not counted (it fills the caches)."""
    _once(engine, key, Timings())
    timings = Timings()
    sizes = None
    for _ in range(runs):
        sizes = _once(engine, key, timings)
    assert sizes is not None, "runs must be at least 1"
    return timings, sizes


def count_statements(engine: Engine, key: str) -> int:
    """How many SQL statements one whole letter (load, compile, render) sends to the database."""
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        _once(engine, key, Timings())
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def baseline(engine: Engine, runs: int, key: str = KEY) -> list[float]:
    """Milliseconds per run of one Core SELECT of the programme's status_update rows in the
    quarter: what reading the period costs without the ORM and without a letter."""
    updates, actions, programmes = (m.__table__ for m in (StatusUpdate, Action, Programme))
    query = (
        select(updates)
        .join(actions, actions.c.id == updates.c.action_id)
        .join(programmes, programmes.c.id == actions.c.programme_id)
        .where(
            programmes.c.key == key,
            updates.c.created_at >= _utc(QUARTER[0]),
            updates.c.created_at < _utc(QUARTER[1] + timedelta(days=1)),
        )
    )
    timings = []
    for _ in range(runs + 1):  # the first run warms the caches and is not counted
        with engine.connect() as conn:
            started = time.perf_counter()
            conn.execute(query).all()
            timings.append(_ms(started))
    return timings[1:]


def docx_timings(engine: Engine, runs: int, key: str = KEY) -> list[float] | None:
    """Milliseconds per DOCX layout of the letter; None while bot.letter.formats has none.

    No warm-up run of its own: a DOCX is laid out from the HTML, whose template the letter's
    timings have already compiled, and one run of a large letter takes minutes.
    """
    document: Callable[..., bytes] | None = getattr(brief_render, "document", None)
    if document is None or runs < 1:
        return None
    compiled = letter(engine, key)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        document(compiled, "docx")
        timings.append(_ms(started))
    return timings


# -- the Word writer ---------------------------------------------------------------------------


def _chart_png() -> bytes:
    # A fixed, tiny PNG: the writer only copies it, so its size does not matter here.
    from PIL import Image  # noqa: PLC0415 - only when a chart is written

    out = io.BytesIO()
    Image.new("RGB", (400, 200), "white").save(out, "PNG")
    return out.getvalue()


def letter_pieces(actions: int) -> tuple[Piece, ...]:
    """The pieces of a letter with ``actions`` actions, shaped like a real one."""
    pieces: list[Piece] = [
        Para.of("Kenmerk BENCH", "reference"),
        Para.of("Voortgangsbrief benchmark", "subject"),
        Para.of("Geachte raadsleden,"),
        Chart("Staafdiagram van de statussen"),
    ]
    rows: list[tuple[Cell, ...]] = []
    for n in range(actions):
        if n % 500 == 0:
            pieces.append(Heading(2, THEMES[(n // 500) % len(THEMES)][1]))
        title = f"A-{n + 1:05d} {SUBJECTS[n % len(SUBJECTS)]}"
        pieces.append(Para((Run(title, bold=True),), keep_with_next=True))
        for quote in range(1 + n % 2):
            pieces.append(Para.of(WORDS[(n + quote) % len(WORDS)], "quote"))
        pieces.append(
            Para.of(f"De deadline is verschoven naar {PHRASES[n % len(PHRASES)]}.", "note")
        )
        status = REPORTED[n % len(REPORTED)]
        rows.append((Cell(title), Cell(status.value, fill="FFC000"), Cell(PARTIES[n % 6][1])))
    pieces.append(Heading(1, "Bijlage", new_page=True))
    pieces.append(Table(("Actie", "Status", "Partijen"), tuple(rows), (0.5, 0.2, 0.3), "Acties"))
    return tuple(pieces)


def _texts(para: Para | Heading) -> str:
    return para.text if isinstance(para, Heading) else "".join(run.text for run in para.runs)


def lean_docx(pieces: Sequence[Piece]) -> bytes:
    """The same paragraphs and rows written plainly with python-docx: the floor to compare to."""
    import docx  # noqa: PLC0415 - only for this comparison

    document = docx.Document()
    for piece in pieces:
        if isinstance(piece, Para | Heading):
            document.add_paragraph(_texts(piece))
        elif isinstance(piece, Table):
            table = document.add_table(rows=0, cols=len(piece.header))
            for row in (tuple(Cell(text) for text in piece.header), *piece.rows):
                for cell, target in zip(row, table.add_row().cells, strict=True):
                    target.text = cell.text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class WordFigures:
    """Milliseconds per action of the Word writer and of the lean python-docx floor."""

    actions: int
    ours: list[float]
    lean: list[float]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ours) / statistics.median(self.lean)


def word_timings(actions: int, runs: int) -> WordFigures:
    """Both writers ``runs`` times on the same pieces, after one warm-up run each."""
    pieces = letter_pieces(actions)
    chart = _chart_png()
    ours, lean = [], []
    to_docx(pieces, WORD_META, chart=lambda: chart)
    lean_docx(pieces)
    for _ in range(runs):
        started = time.perf_counter()
        to_docx(pieces, WORD_META, chart=lambda: chart)
        ours.append(_ms(started) / actions)
        started = time.perf_counter()
        lean_docx(pieces)
        lean.append(_ms(started) / actions)
    return WordFigures(actions, ours, lean)


def _peak_mb() -> float:
    """This process's peak RSS in MB. VmHWM where Linux has it: ru_maxrss survives exec, so a
    child started from a large parent would report the parent's size."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _word_child(actions: int) -> None:
    """In the fresh process: build the document once and print the peak RSS in MB."""
    chart = _chart_png()
    to_docx(letter_pieces(actions), WORD_META, chart=lambda: chart)
    print(f"{_peak_mb():.1f}")


def word_peak_rss(actions: int) -> float:
    """Peak RSS in MB of a fresh Python process that builds the Word letter for ``actions``."""
    done = subprocess.run(  # noqa: S603 - this very module, in the same interpreter
        [sys.executable, "-m", "bench.brief", "--word-child", str(actions)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip())


def print_word(actions: int, runs: int) -> bool:
    """Print the Word writer's figures; whether both targets are met."""
    figures = word_timings(actions, runs)
    ours, lean = statistics.median(figures.ours), statistics.median(figures.lean)
    fast = figures.ratio <= WORD_RATIO_TARGET
    print(
        f"word letter, {actions:,} actions, {runs} run(s): to_docx {ours:.4f} ms/action, "
        f"lean python-docx {lean:.4f} ms/action, ratio {figures.ratio:.2f}x "
        f"(target at most {WORD_RATIO_TARGET}x): {'PASS' if fast else 'FAIL'}"
    )
    peak = word_peak_rss(actions)
    small = peak < WORD_RSS_TARGET_MB
    print(
        f"word letter peak RSS, {actions:,} actions, fresh process: {peak:.0f} MB "
        f"(target under {WORD_RSS_TARGET_MB:.0f} MB): {'PASS' if small else 'FAIL'}"
    )
    return fast and small


def profile(engine: Engine, key: str = KEY, top: int = 30) -> str:
    """cProfile of one whole letter: the ``top`` functions by cumulative time."""
    profiler = cProfile.Profile()
    profiler.runcall(_once, engine, key, Timings())
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# -- report ----------------------------------------------------------------------------------


def _summary(name: str, timings: list[float]) -> tuple[float, float]:
    median, worst = statistics.median(timings), max(timings)
    print(f"  {name:<36} median {median:8.1f} ms   max {worst:8.1f} ms")
    return median, worst


def _print_timings(timings: Timings) -> tuple[float, float]:
    for name, values in (
        ("load_brief_data (SQL)", timings.load),
        ("compile_brief", timings.compile),
        ("render md", timings.md),
        ("render html", timings.html),
    ):
        _summary(name, values)
    return _summary("whole letter", timings.total)


def _print_queries(engine: Engine, actions: int) -> tuple[int, int]:
    many, few = count_statements(engine, KEY), count_statements(engine, SMALL_KEY)
    verdict = "the same" if many == few else "GROWS with the number of actions"
    print(
        f"SQL statements per letter: {many} for {actions:,} actions, "
        f"{few} for {max(1, actions // 10):,} actions: {verdict}"
    )
    return many, few


def _print_target(engine: Engine, worst: float) -> bool:
    met = worst < TARGET_MS
    on = engine.dialect.name
    note = "" if on == "sqlite" else f" (this run is on {on}: for information)"
    print(f"target: under {TARGET_MS:.0f} ms on SQLite: {'PASS' if met else 'FAIL'}{note}")
    return met


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--updates", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--database", help="URL of an empty database; default a temporary SQLite file"
    )
    parser.add_argument(
        "--docx-runs",
        type=int,
        default=1,
        help="runs of the DOCX layout, if there is one (0 skips it; not in the target)",
    )
    parser.add_argument(
        "--word-runs",
        type=int,
        default=1,
        # One by default: plain python-docx slows down with the document's length (every
        # add_paragraph looks for the section properties among all the body's children), so
        # the floor alone takes minutes for 10,000 actions.
        help="runs of the Word writer and its lean python-docx floor (0 skips them)",
    )
    parser.add_argument("--word-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of one letter at the end"
    )
    args = parser.parse_args(argv)
    if (
        args.actions < 1
        or args.runs < 1
        or args.updates < 0
        or min(args.docx_runs, args.word_runs) < 0
    ):
        parser.error(
            "--actions and --runs must be at least 1, --updates, --docx-runs and --word-runs "
            "0 or more"
        )
    return args


def run(url: str, args: argparse.Namespace) -> bool:
    """Build, measure and print; whether the letter met the target."""
    started = time.perf_counter()
    engine = prepare(url, args.actions, args.updates)
    try:
        print(
            f"built {args.actions:,} actions and {args.updates:,} updates "
            f"(and a tenth of each) in {time.perf_counter() - started:.1f} s"
        )
        timings, sizes = measure(engine, args.runs)
        print(
            f"letter for {QUARTER[0]:%Y-%m-%d}..{QUARTER[1]:%Y-%m-%d}: {sizes.actions:,} actions, "
            f"{sizes.updates:,} updates in the period; "
            f"md {sizes.md_bytes / 1e6:.1f} MB, html {sizes.html_bytes / 1e6:.1f} MB"
        )
        print(f"timings over {args.runs} runs, each in a new session:")
        whole, worst = _print_timings(timings)
        bare, _ = _summary("baseline: SELECT the period's rows", baseline(engine, args.runs))
        print(f"  whole letter / baseline: {whole / bare:.0f}x")
        docx = docx_timings(engine, args.docx_runs)
        if docx is not None:
            _summary(f"render docx, {len(docx)} run(s), apart", docx)
        if args.word_runs > 0:
            print_word(args.actions, args.word_runs)
        _print_queries(engine, args.actions)
        met = _print_target(engine, worst)
        if args.profile:
            print(profile(engine))
        return met
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.word_child is not None:
        _word_child(args.word_child)
        return 0
    if args.database is not None:
        run(args.database, args)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{Path(folder) / 'brief.db'}", args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
