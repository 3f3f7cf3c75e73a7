"""The programme-file page (``/p/{key}/bestanden``): export the programme as `voortgang export`
does, and import a file as `voortgang import` does.

Exports: the programme file (YAML) for the director and programme support, since it holds
everyone's addresses and platform ids; the action list as CSV or XLSX for them and for
sponsors. Importing is for the director and programme support: the file is checked whole
first, and a file with any problem is refused whole, its problems listed as
``file:line: field: message`` with nothing written; a good file is imported in one
transaction with its audit row, and the page shows the import's report.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from fastapi import FastAPI, Request, Response
from sqlalchemy.orm import Session

from bot.web.core.auth import Viewer
from bot.web.core.site import Site
from bot.web.people_pages.people_page import Seen, seen_by
from handlers.programme_file.export import (
    action_rows,
    programme_document,
    write_csv,
    write_xlsx,
    write_yaml,
)
from handlers.programme_file.import_report import report_lines
from handlers.programme_file.read import MAX_FILE_BYTES
from handlers.programme_file.uploaded import kind_of, read_yaml_upload, shown_name
from storage import audit
from storage.importer import import_programme
from storage.importer_run import ImportReport
from storage.models import Programme
from storage.register import last_updates, load_programme
from words.catalogue import t
from words.clock import local_today
from words.domain import Role
from words.programme.doc import ProgrammeDoc, ProgrammeFileError

FORMATS: Final = {
    "yaml": "application/yaml; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FILE_FIELD: Final = "bestand"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an import came to: the report's lines, or the problems that refused the file."""

    lines: Sequence[str] = ()
    problems: Sequence[str] = ()
    refusal: str | None = None  # a catalogue key: no file, another type, too big


def exports_for(seen: Seen) -> tuple[str, ...]:
    """The formats the viewer may download."""
    if seen.manages:
        return ("yaml", "csv", "xlsx")
    if seen.role is Role.SPONSOR:
        return ("csv", "xlsx")
    return ()


def download_name(key: str, day: date, fmt: str) -> str:
    """``boce-2026-11-22.yaml``: a programme key is lowercase letters, digits and hyphens."""
    safe = "".join(c for c in key if c.isascii() and (c.isalnum() or c == "-")) or "programma"
    return f"{safe}-{day.isoformat()}.{fmt}"


def export_bytes(session: Session, key: str, fmt: str, lang: str) -> bytes | None:
    """The programme as a file of ``fmt``, as `voortgang export` writes it; None when gone."""
    programme = load_programme(session, key)
    if programme is None:
        return None
    if fmt == "yaml":
        text = io.StringIO()
        write_yaml(programme_document(programme), text)
        return text.getvalue().encode("utf-8")
    rows = action_rows(
        programme, last_updates(session, [a.id for a in programme.actions]), programme.timezone
    )
    if fmt == "csv":
        text = io.StringIO(newline="")
        write_csv(rows, text, lang)
        # With a byte-order mark, as the command line writes it: what Excel opens correctly.
        return text.getvalue().encode("utf-8-sig")
    stream = io.BytesIO()
    write_xlsx(rows, stream, programme.name, lang)
    return stream.getvalue()


class FilesPages:
    def __init__(self, site: Site) -> None:
        self.site = site

    def mount(self, app: FastAPI) -> None:
        app.add_api_route("/p/{key}/bestanden", self.files, methods=["GET", "HEAD"])
        app.add_api_route("/p/{key}/bestanden", self.upload, methods=["POST"])
        app.add_api_route("/p/{key}/bestanden/export/{fmt}", self.export, methods=["GET"])

    def _page(
        self,
        request: Request,
        viewer: Viewer,
        seen: Seen,
        outcome: Outcome | None = None,
        status: int = 200,
    ) -> Response:
        context: dict[str, Any] = {
            "title": t("web.people.files.title", viewer.lang),
            "formats": exports_for(seen),
            "base": f"/p/{seen.programme.key}/bestanden",
            "manages": seen.manages,
            "outcome": outcome,
            "limit": f"{MAX_FILE_BYTES // (1024 * 1024)} MB",
            "field": FILE_FIELD,
        }
        return self.site.page(
            request, viewer, "people/files.html", context, status=status, programme=seen.programme
        )

    async def _seen(self, request: Request, key: str) -> tuple[Viewer, Seen | None]:
        viewer = await self.site.require(request)
        seen = await self.site.read(lambda session: seen_by(session, key, viewer.person_id))
        if seen is None or seen.role is None:
            return viewer, None
        return viewer, seen

    async def files(self, request: Request, key: str) -> Response:
        viewer, seen = await self._seen(request, key)
        if seen is None:
            return self.site.missing(request, viewer)
        if not exports_for(seen):
            return self.site.refused(request, viewer, "web.people.files.managers_sponsors")
        return self._page(request, viewer, seen)

    async def export(self, request: Request, key: str, fmt: str) -> Response:
        viewer, seen = await self._seen(request, key)
        if seen is None or fmt not in FORMATS:
            return self.site.missing(request, viewer)
        if fmt not in exports_for(seen):
            return self.site.refused(request, viewer, "web.people.files.export_refused")
        lang = viewer.lang
        body = await self.site.read(lambda session: export_bytes(session, key, fmt, lang))
        if body is None:
            return self.site.missing(request, viewer)
        name = download_name(key, local_today(self.site.clock, self.site.settings.zone), fmt)
        return Response(
            body,
            media_type=FORMATS[fmt],
            headers={
                "Content-Disposition": f'attachment; filename="{name}"',
                "Cache-Control": "no-store",
            },
        )

    async def upload(self, request: Request, key: str) -> Response:
        viewer, seen = await self._seen(request, key)
        if seen is None:
            return self.site.missing(request, viewer)
        if not seen.manages:
            return self.site.refused(request, viewer, "web.people.files.import_refused")
        _fields, files = await self.site.upload(request, viewer)
        upload = files.get(FILE_FIELD)
        if upload is None or not upload.filename or upload.size == 0:
            return self._page(
                request, viewer, seen, Outcome(refusal="web.people.files.no_file"), 400
            )
        kind = kind_of(upload.filename)
        if kind is None:
            return self._page(
                request, viewer, seen, Outcome(refusal="web.people.files.wrong_type"), 415
            )
        if kind != "yaml":
            return self._page(
                request, viewer, seen, Outcome(refusal="web.people.files.table_import"), 415
            )
        raw = await upload.read()
        outcome = await self._import(request, viewer, seen.programme, raw, upload.filename)
        return self._page(request, viewer, seen, outcome, 200 if outcome.lines else 422)

    async def _import(
        self, request: Request, viewer: Viewer, programme: Programme, raw: bytes, filename: str
    ) -> Outcome:
        source = shown_name(filename)
        today = local_today(self.site.clock, self.site.settings.zone)
        lang = viewer.lang
        try:
            doc = read_yaml_upload(
                raw, source, programme.key, programme.letter, today=today, lang=lang
            )
        except ProgrammeFileError as err:
            return Outcome(problems=[str(p) for p in err.problems])
        now = self.site.clock.now()
        origin = self.site.origin(request)

        def write(session: Session) -> ImportReport:
            report = import_programme(session, doc, now, lang)
            _audit(session, viewer, programme, doc, report, origin=origin, now=now)
            return report

        try:
            report = await self.site.write(write)
        except ProgrammeFileError as err:  # a conflict only the register reveals: rolled back
            return Outcome(problems=[str(p) for p in err.problems])
        return Outcome(lines=report_lines(report, lang))


def _audit(
    session: Session,
    viewer: Viewer,
    programme: Programme,
    doc: ProgrammeDoc,
    report: ImportReport,
    *,
    origin: audit.Origin,
    now: datetime,
) -> None:
    audit.record(
        session,
        at=now,
        origin=origin,
        person_id=viewer.person_id,
        actor=viewer.name,
        programme_id=programme.id,
        what="programme.import",
        subject=doc.source,
        detail={
            "created": report.created,
            "changed": report.changed,
            "deadlines_moved": [m.action for m in report.deadline_moves],
            "statuses_changed": [c.action for c in report.status_changes],
            "not_in_file": [f"{g.kind}:{g.key}" for g in report.not_in_file],
        },
    )
