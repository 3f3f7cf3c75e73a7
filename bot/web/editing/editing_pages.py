"""The editing pages as one page group of the web app (``bot.web.app.PAGE_GROUPS``)."""

from __future__ import annotations

from fastapi import FastAPI

from bot.web.core.site import Site
from bot.web.editing.action_edit_pages import ActionEditPages
from bot.web.editing.member_pages import MemberPages


class EditingPages:
    """An action's edit page, and the member's own pages under ``/mijn``."""

    def __init__(self, site: Site) -> None:
        self.parts = (ActionEditPages(site), MemberPages(site))

    def mount(self, app: FastAPI) -> None:
        for part in self.parts:
            part.mount(app)
