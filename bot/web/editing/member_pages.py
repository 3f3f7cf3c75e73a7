"""A member's own pages: ``/mijn`` (their open actions across their programmes, each with a
link to its edit page), ``/mijn/geschiedenis`` (their updates, newest first, corrections and
withdrawals shown), and correcting or withdrawing one of their own updates from there.

Only one's own updates: another person's update, even one the viewer may see on an action's
page, is refused with the reason (``handlers.editing.own_updates``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Final, TypeVar

from fastapi import FastAPI, Request, Response
from sqlalchemy.orm import Session

from bot.web.core.auth import Viewer
from bot.web.core.notices import forget_notice, read_notice, with_notice
from bot.web.core.site import Site
from bot.web.editing.edit_views import correction_form, editor_of, error_summary
from handlers.editing.member_views import MyHistory, my_actions, my_history, programmes_shown
from handlers.editing.own_updates import (
    INPUTS,
    Corrected,
    correct_update,
    correction_refusal,
    withdraw_own,
    withdrawal_refusal,
)
from handlers.editing.page_editor import Editor, Problems, Refused
from handlers.replies.recording import undo_minutes
from handlers.wording import status_word
from storage.models import StatusUpdate
from storage.own_history import update_with_action
from words.catalogue import t
from words.dates import moment
from words.numbers import format_number, row_number

MINE: Final = "/mijn"
HISTORY: Final = "/mijn/geschiedenis"
CORRECT: Final = HISTORY + "/{update}/aanpassen"
WITHDRAW: Final = HISTORY + "/{update}/intrekken"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Update:
    """One of the viewer's updates with its action, and whether the asked change is allowed."""

    row: StatusUpdate
    refusal: str | None


@dataclass(frozen=True, slots=True)
class _Done:
    update: _Update
    outcome: Refused | Problems | Corrected


class MemberPages:
    def __init__(self, site: Site) -> None:
        self.site = site

    def mount(self, app: FastAPI) -> None:
        app.add_api_route(MINE, self.mine, methods=["GET", "HEAD"])
        app.add_api_route(HISTORY, self.history, methods=["GET", "HEAD"])
        app.add_api_route(CORRECT, self.correct_form, methods=["GET", "HEAD"])
        app.add_api_route(CORRECT, self.correct, methods=["POST"])
        app.add_api_route(WITHDRAW, self.withdraw_form, methods=["GET", "HEAD"])
        app.add_api_route(WITHDRAW, self.withdraw, methods=["POST"])

    # --- reading ------------------------------------------------------------------------------

    async def _as_editor(
        self, request: Request, viewer: Viewer, work: Callable[[Session, Editor, datetime], T]
    ) -> T | None:
        """``work`` in a session with the viewer as an ``Editor``; None when they are gone."""
        origin, now = self.site.origin(request), self.site.clock.now()

        def run(session: Session) -> T | None:
            editor = editor_of(session, viewer, origin)
            return None if editor is None else work(session, editor, now)

        return await self.site.read(run)

    async def mine(self, request: Request) -> Response:
        viewer = await self.site.require(request)
        actions = await self._as_editor(request, viewer, my_actions)
        context = {
            "title": t("web.editing.mine_title", viewer.lang),
            "actions": actions or (),
            "programmes": programmes_shown(actions or ()),
            "several": len(programmes_shown(actions or ())) > 1,
        }
        return self.site.page(request, viewer, "editing/mine.html", context)

    async def history(self, request: Request) -> Response:
        viewer = await self.site.require(request)
        before = row_number(request.query_params.get("voor", ""))

        def read(session: Session, editor: Editor, now: datetime) -> MyHistory:
            return my_history(session, editor, now, before=before)

        found = await self._as_editor(request, viewer, read)
        context = {
            "title": t("web.editing.history_title", viewer.lang),
            "history": found if found is not None else MyHistory((), None),
            "paged": before is not None,
            "minutes": undo_minutes(),
            "notice": read_notice(request, self.site),
        }
        page = self.site.page(request, viewer, "editing/history.html", context)
        return forget_notice(request, self.site, page)

    # --- correcting ---------------------------------------------------------------------------

    async def _update(
        self, request: Request, viewer: Viewer, update: str, check: _Check
    ) -> _Update | None:
        wanted = row_number(update)
        if wanted is None:
            return None

        def look(session: Session, editor: Editor, now: datetime) -> _Update | None:
            row = update_with_action(session, wanted)
            if row is None or viewer.place(row.action.programme_id) is None:
                return None
            return _Update(row, check(session, editor, row, now))

        return await self._as_editor(request, viewer, look)

    async def correct_form(self, request: Request, update: str) -> Response:
        viewer = await self.site.require(request)
        found = await self._update(request, viewer, update, correction_refusal)
        if found is None:
            return self.site.missing(request, viewer)
        if found.refusal is not None:
            return self.site.refused(request, viewer, found.refusal)
        return self._correct_page(request, viewer, found.row)

    async def correct(self, request: Request, update: str) -> Response:
        viewer = await self.site.require(request)
        fields = await self.site.form(request, viewer)
        wanted = row_number(update)
        if wanted is None:
            return self.site.missing(request, viewer)
        origin, now = self.site.origin(request), self.site.clock.now()

        def change(session: Session) -> _Done | None:
            editor = editor_of(session, viewer, origin)
            row = update_with_action(session, wanted)
            if editor is None or row is None or viewer.place(row.action.programme_id) is None:
                return None
            return _Done(_Update(row, None), correct_update(session, editor, row, now, fields))

        done = await self.site.write(change)
        if done is None:
            return self.site.missing(request, viewer)
        outcome = done.outcome
        if isinstance(outcome, Refused):
            return self.site.refused(request, viewer, outcome.reason)
        if isinstance(outcome, Problems):
            values = {name: fields.get(name, "") for name in INPUTS}
            return self._correct_page(
                request, viewer, done.update.row, values=values, errors=outcome.errors
            )
        return with_notice(self.site, HISTORY, outcome.lines)

    def _correct_page(
        self,
        request: Request,
        viewer: Viewer,
        row: StatusUpdate,
        *,
        values: Mapping[str, str] | None = None,
        errors: Mapping[str, str] | None = None,
    ) -> Response:
        lang, action = viewer.lang, row.action
        fields = correction_form(row, action, lang, values, errors)
        summary = error_summary(fields)
        heading = t("web.editing.correct_title", lang, number=action.number)
        context = {
            "title": t("web.editing.error_title", lang, title=heading) if summary else heading,
            "heading": heading,
            "action_title": action.title,
            "intro": t(
                "web.editing.correct_intro", lang, moment=moment(row.created_at, viewer.zone, lang)
            ),
            "fields": fields,
            "summary": summary,
            "form_path": CORRECT.format(update=row.id),
        }
        status = 422 if summary else 200
        return self.site.page(request, viewer, "editing/correct.html", context, status=status)

    # --- withdrawing --------------------------------------------------------------------------

    async def withdraw_form(self, request: Request, update: str) -> Response:
        """A question first: withdrawing cannot be reversed, and a button that does it at
        once is too easily pressed."""
        viewer = await self.site.require(request)
        found = await self._update(request, viewer, update, withdrawal_refusal)
        if found is None:
            return self.site.missing(request, viewer)
        if found.refusal is not None:
            return self.site.refused(request, viewer, found.refusal)
        row, lang = found.row, viewer.lang
        heading = t("web.editing.withdraw_title", lang, number=row.action.number)
        context = {
            "title": heading,
            "action_title": row.action.title,
            "at": moment(row.created_at, viewer.zone, lang),
            "status": "" if row.status is None else status_word(row.status, lang),
            "text": row.text,
            "kpi": "" if row.progress is None else format_number(row.progress, lang),
            "form_path": WITHDRAW.format(update=row.id),
        }
        return self.site.page(request, viewer, "editing/withdraw.html", context)

    async def withdraw(self, request: Request, update: str) -> Response:
        viewer = await self.site.require(request)
        await self.site.form(request, viewer)
        wanted = row_number(update)
        if wanted is None:
            return self.site.missing(request, viewer)
        origin, now = self.site.origin(request), self.site.clock.now()

        def take_back(session: Session) -> Refused | Corrected | None:
            editor = editor_of(session, viewer, origin)
            row = update_with_action(session, wanted)
            if editor is None or row is None or viewer.place(row.action.programme_id) is None:
                return None
            return withdraw_own(session, editor, row, now)

        outcome = await self.site.write(take_back)
        if outcome is None:
            return self.site.missing(request, viewer)
        if isinstance(outcome, Refused):
            return self.site.refused(request, viewer, outcome.reason)
        return with_notice(self.site, HISTORY, outcome.lines)


_Check = Callable[[Session, Editor, StatusUpdate, datetime], str | None]
