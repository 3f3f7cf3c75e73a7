"""What an import did, in the words of its report: the command line prints these lines, the
programme-file page shows them."""

from __future__ import annotations

from typing import Final

from storage.importer_run import ImportReport
from words.catalogue import t

# The order of the programme file, so a report reads like the file it came from.
KINDS: Final = (
    "programme",
    "party",
    "track",
    "theme",
    "person",
    "membership",
    "absence",
    "action",
    "meeting",
)


def _counts(counts: dict[str, int], lang: str) -> str:
    # A kind missing from KINDS would fail here, not vanish from the report.
    ordered = sorted(counts.items(), key=lambda item: KINDS.index(item[0]))
    return ", ".join(t(f"cli.kind.{kind}", lang, n=n) for kind, n in ordered)


def _summary(report: ImportReport, lang: str) -> str:
    # Only what happened: "nieuw: 1 actie", not "nieuw: 1 actie; gewijzigd: -".
    parts = []
    if report.created:
        parts.append(t("cli.import.created", lang, items=_counts(report.created, lang)))
    if report.changed:
        parts.append(t("cli.import.changed", lang, items=_counts(report.changed, lang)))
    return "; ".join(parts)


def report_lines(report: ImportReport, lang: str) -> list[str]:
    """The report of one import, a line each: what it made and changed (or that nothing
    changed), the deadlines and statuses it moved, and what the file no longer names."""
    lines = []
    if report.unchanged:
        lines.append(t("cli.import.unchanged", lang, programme=report.programme))
    else:
        summary = _summary(report, lang)
        lines.append(t("cli.import.done", lang, programme=report.programme, summary=summary))
    none = t("cli.import.no_deadline", lang)
    for move in report.deadline_moves:
        old, new = move.old or none, move.new or none
        lines.append(t("cli.import.deadline_moved", lang, key=move.action, old=old, new=new))
    for change in report.status_changes:
        old, new = t(f"status.{change.old.value}", lang), t(f"status.{change.new.value}", lang)
        lines.append(t("cli.import.status_changed", lang, key=change.action, old=old, new=new))
    if report.not_in_file:
        items = ", ".join(t(f"cli.item.{g.kind}", lang, key=g.key) for g in report.not_in_file)
        lines.append(t("cli.import.not_in_file", lang, items=items))
    return lines
