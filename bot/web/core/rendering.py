"""The web app's pages as HTML: Jinja2 with autoescaping on for every template (every title,
name and typed text is someone's words, never markup), a missing value an error rather than an
empty spot, and what every page's frame needs (the catalogue in the page's language, the
viewer, the navigation, the CSRF field)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from bot.web.core.auth import CSRF_FIELD, Viewer
from storage.models import Programme
from words.catalogue import Language, t
from words.domain import Role

TEMPLATES: Final = Path(__file__).resolve().parent.parent / "templates"
STYLE_PATH: Final = "/static/voortgang.css"
MANAGERS: Final = (Role.DIRECTOR, Role.SUPPORT)


@dataclass(frozen=True, slots=True)
class Link:
    href: str
    label: str
    current: bool


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


def programme_links(
    programme: Programme, role: Role | None, path: str, lang: Language
) -> tuple[Link, ...]:
    """The programme's pages the viewer's role may open, the current one marked."""
    base = f"/p/{programme.key}"
    pages = [(base, "web.dashboard"), (f"{base}/acties", "web.register")]
    if role in MANAGERS or role is Role.SPONSOR:
        # Sponsors see who is away and download the list of actions (bot.web.people_pages).
        pages += [
            (f"{base}/brief", "web.letter"),
            (f"{base}/mensen", "web.people"),
            (f"{base}/bestanden", "web.files"),
        ]
    # The longest matching prefix is the current page (an action page is under the register).
    matching = [href for href, _ in pages if path == href or path.startswith(href + "/")]
    current = max(matching, key=len, default=None)
    return tuple(Link(href, t(key, lang), href == current) for href, key in pages)


def render(
    template: str,
    lang: Language,
    *,
    viewer: Viewer | None,
    programme: Programme | None,
    path: str,
    local: bool,
    context: Mapping[str, Any],
) -> str:
    token = viewer.csrf if viewer is not None else str(context.get("form_token", ""))

    def csrf_field() -> Markup:
        return Markup('<input type="hidden" name="{}" value="{}">').format(
            CSRF_FIELD, escape(token)
        )

    def say(key: str, /, **params: object) -> str:
        return t(key, lang, **params)

    role = None
    if viewer is not None and programme is not None:
        place = viewer.place(programme.id)
        role = None if place is None else place.role
    links = (
        () if programme is None or viewer is None else programme_links(programme, role, path, lang)
    )
    frame = {
        "lang": lang,
        "t": say,
        "viewer": viewer,
        "programme": programme,
        "programme_links": links,
        "csrf_field": csrf_field,
        "style": STYLE_PATH,
        "local": local,
        "path": path,
    }
    return environment().get_template(template).render({**frame, **context})
