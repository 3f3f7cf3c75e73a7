"""An action's edit page, ``/p/{key}/acties/{number}/bewerken``: the update form (status, text,
a KPI value when the action has a target, a new deadline in words) for whoever may update the
action in chat, checked and recorded as chat does (``handlers.editing.page_report``).

Someone outside the programme gets "not found", as for any page of it; a member who may not
update the action (another owner's, another theme's, a reader) gets the reason, and nothing of
what they send is kept. A form with problems comes back with them at their inputs (422); one
that passes leads back to the action's page, which says what was done.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from fastapi import FastAPI, Request, Response
from sqlalchemy.orm import Session

from bot.web.core.auth import Viewer
from bot.web.core.notices import with_notice
from bot.web.core.site import Site
from bot.web.editing.edit_views import Fact, action_facts, editor_of, error_summary, update_form
from bot.web.form_views import values_of
from handlers.editing.page_decisions import OpenProposal, decide_on_page, proposals_to_decide
from handlers.editing.page_editor import Editor, Problems, Refused
from handlers.editing.page_report import (
    SUBMISSION_FIELD,
    Reported,
    edit_refusal,
    new_submission,
    report_on_page,
    usable_submission,
)
from handlers.permissions import may_decide
from storage.models import Action, Programme
from storage.own_history import action_numbered
from words.catalogue import t
from words.numbers import row_number

EDIT_PATH: Final = "/p/{key}/acties/{number}/bewerken"
DECIDE_PATH: Final = "/p/{key}/acties/{number}/voorstellen/{proposal}"
DECISION_FIELD: Final = "besluit"


def action_path(key: str, number: int) -> str:
    return f"/p/{key}/acties/{number}"


def edit_path(key: str, number: int) -> str:
    return f"{action_path(key, number)}/bewerken"


@dataclass(frozen=True, slots=True)
class _Found:
    """The action and what its page needs, read in the request's session."""

    action: Action
    programme: Programme
    owners: tuple[str, ...]
    decides: bool  # the viewer sets a new deadline (rather than proposes it)
    refusal: str | None
    proposals: tuple[OpenProposal, ...] = ()  # open ones the viewer may decide on


@dataclass(frozen=True, slots=True)
class _Sent:
    found: _Found
    outcome: Refused | Problems | Reported


def _find(
    session: Session, viewer: Viewer, editor: Editor, where: tuple[str, int], now: datetime
) -> _Found | None:
    """The action, when the viewer is in its programme: None answers "not found", so the
    page does not tell outsiders which actions exist."""
    action = action_numbered(session, *where)
    if action is None or viewer.place(action.programme_id) is None:
        return None
    return _Found(
        action=action,
        programme=action.programme,
        owners=tuple(link.person.name for link in action.owner_links),
        decides=may_decide(session, editor.person, action) is None,
        refusal=edit_refusal(session, editor, action, now),
        proposals=proposals_to_decide(session, editor, action),
    )


class ActionEditPages:
    def __init__(self, site: Site) -> None:
        self.site = site

    def mount(self, app: FastAPI) -> None:
        app.add_api_route(EDIT_PATH, self.form, methods=["GET", "HEAD"])
        app.add_api_route(EDIT_PATH, self.submit, methods=["POST"])
        app.add_api_route(DECIDE_PATH, self.decide, methods=["POST"])

    async def form(self, request: Request, key: str, number: str) -> Response:
        viewer = await self.site.require(request)
        wanted = row_number(number)
        if wanted is None:
            return self.site.missing(request, viewer)
        origin, now = self.site.origin(request), self.site.clock.now()

        def look(session: Session) -> _Found | None:
            editor = editor_of(session, viewer, origin)
            return None if editor is None else _find(session, viewer, editor, (key, wanted), now)

        found = await self.site.read(look)
        if found is None:
            return self.site.missing(request, viewer)
        if found.refusal is not None:
            return self.site.refused(request, viewer, found.refusal)
        return self._page(request, viewer, found, values={}, errors={}, submission=new_submission())

    async def submit(self, request: Request, key: str, number: str) -> Response:
        viewer = await self.site.require(request)
        fields = await self.site.form(request, viewer)  # a form not from our page: 403 here
        wanted = row_number(number)
        if wanted is None:
            return self.site.missing(request, viewer)
        origin, clock = self.site.origin(request), self.site.clock
        submission = fields.get(SUBMISSION_FIELD, "")

        def send(session: Session) -> _Sent | None:
            editor = editor_of(session, viewer, origin)
            if editor is None:
                return None
            found = _find(session, viewer, editor, (key, wanted), clock.now())
            if found is None:
                return None
            values = values_of(fields, found.action)
            outcome = report_on_page(
                session, clock, editor, found.action, fields=values, submission=submission
            )
            return _Sent(found, outcome)

        sent = await self.site.write(send)
        if sent is None:
            return self.site.missing(request, viewer)
        outcome, found = sent.outcome, sent.found
        if isinstance(outcome, Refused):
            return self.site.refused(request, viewer, outcome.reason)
        if isinstance(outcome, Problems):
            values = values_of(fields, found.action)
            again = usable_submission(submission)  # the same one: sent at last, it counts once
            return self._page(
                request,
                viewer,
                found,
                values=values,
                errors=outcome.errors,
                submission=again,
                status=422,
            )
        lines = outcome.lines if not outcome.again else (t("web.editing.again", viewer.lang),)
        return with_notice(self.site, action_path(key, found.action.number), lines)

    async def decide(self, request: Request, key: str, number: str, proposal: str) -> Response:
        """Accept or reject a proposed deadline: the buttons of chat's proposal message."""
        viewer = await self.site.require(request)
        fields = await self.site.form(request, viewer)
        wanted, proposal_id = row_number(number), row_number(proposal)
        if wanted is None or proposal_id is None:
            return self.site.missing(request, viewer)
        origin, clock = self.site.origin(request), self.site.clock
        decision = fields.get(DECISION_FIELD, "")

        def settle(session: Session) -> Refused | Reported | None:
            editor = editor_of(session, viewer, origin)
            if editor is None:
                return None
            found = _find(session, viewer, editor, (key, wanted), clock.now())
            if found is None:
                return None
            return decide_on_page(
                session,
                clock,
                editor,
                found.action,
                proposal_id=proposal_id,
                decision=decision,
            )

        outcome = await self.site.write(settle)
        if outcome is None:
            return self.site.missing(request, viewer)
        if isinstance(outcome, Refused):
            return self.site.refused(request, viewer, outcome.reason)
        return with_notice(self.site, action_path(key, wanted), outcome.lines)

    def _page(
        self,
        request: Request,
        viewer: Viewer,
        found: _Found,
        *,
        values: Mapping[str, str],
        errors: Mapping[str, str],
        submission: str,
        status: int = 200,
    ) -> Response:
        lang, action = viewer.lang, found.action
        fields = update_form(action, lang, values, errors)
        summary = error_summary(fields)
        heading = t("web.editing.title", lang, number=action.number)
        title = t("web.editing.error_title", lang, title=heading) if summary else heading
        facts: tuple[Fact, ...] = action_facts(action, found.owners, lang)
        note = (
            "web.editing.deadline_you_set" if found.decides else "web.editing.deadline_you_propose"
        )
        context = {
            "title": title,
            "heading": heading,
            "action_title": action.title,
            "facts": facts,
            "fields": fields,
            "summary": summary,
            "submission_field": SUBMISSION_FIELD,
            "submission": submission,
            "deadline_note": t(note, lang),
            "action_path": edit_path(found.programme.key, action.number),
            "back": action_path(found.programme.key, action.number),
            "proposals": found.proposals,
            "decide_base": f"{action_path(found.programme.key, action.number)}/voorstellen",
            "decision_field": DECISION_FIELD,
        }
        return self.site.page(
            request, viewer, "editing/edit.html", context, status=status, programme=found.programme
        )
