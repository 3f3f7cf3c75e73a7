"""A programme as the API tests read it: its id, letters kept (a final and a draft), a letter
that names officials, the actions as the tests count them themselves, and the API mounted on
a web app with a token for it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import httpx2
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.routing import Mount

from bot.engine.opening import Register
from bot.web.api.api_app import PREFIX
from bot.web.api.api_guard import RateLimiter
from bot.web.api.api_routes import ApiPages
from storage import api_tokens
from storage.db import transaction
from storage.letters import NewDraft, finalize, save_draft
from storage.models import Action, Programme
from storage.register import programme_by_key
from tests.register_rows import ACTION_READ
from tests.web_app import WebWorld
from words.clock import FixedClock

FINAL_MD = b"# Voortgangsbrief 1\n\nGepubliceerd.\n"
FINAL_HTML = b"<!doctype html><title>Voortgangsbrief 1</title><p>Gepubliceerd.</p>"
DRAFT_MD = b"# Concept\n\nNOG NIET GEPUBLICEERD\n"


def programme_id(session: Session, key: str = "boce") -> int:
    found = programme_by_key(session, key)
    assert found is not None
    return found.id


def publish_letters(session: Session, programme: int, now: datetime) -> None:
    """Letter 1 (Q3 2026) made final with a Markdown and an HTML document; then a draft for
    Q4 2026, which nothing may show."""
    first = NewDraft(
        programme_id=programme,
        start=date(2026, 7, 1),
        end=date(2026, 9, 30),
        label="2026-Q3",
        language="nl",
        documents={"md": FINAL_MD, "html": FINAL_HTML},
        update_ids=(),
        created_by_id=None,
    )
    finalize(
        session, save_draft(session, first, now - timedelta(days=30)), now - timedelta(days=29)
    )
    draft = NewDraft(
        programme_id=programme,
        start=date(2026, 10, 1),
        end=date(2026, 12, 31),
        label="2026-Q4",
        language="nl",
        documents={"md": DRAFT_MD},
        update_ids=(),
        created_by_id=None,
    )
    save_draft(session, draft, now)
    session.flush()


def name_officials(session: Session, programme: int) -> None:
    """The programme's letter names officials (``names: personen``) from now on."""
    row = session.get(Programme, programme)
    assert row is not None
    row.letter = {**row.letter, "names": "personen"}
    session.flush()


def actions_of(session: Session, programme: int) -> list[Action]:
    return list(
        session.scalars(
            select(Action)
            .where(Action.programme_id == programme)
            .options(*ACTION_READ)
            .order_by(Action.number)
        )
    )


@dataclass
class ApiWorld:
    """The web app (every page group, the API among them) over a register with BOCE and its
    letters: ``token`` reads BOCE; ``ticks`` is the rate limiter's clock, in seconds, moved
    by hand."""

    register: Register
    clock: FixedClock
    client: TestClient
    token: str
    token_id: int
    ticks: list[float]

    def get(self, path: str, token: str | None = None, **kwargs: Any) -> httpx2.Response:
        headers = dict(kwargs.pop("headers", {}))
        headers.setdefault("Authorization", f"Bearer {self.token if token is None else token}")
        return self.client.get(path, headers=headers, **kwargs)

    def new_token(self, key: str = "boce", name: str = "dashboard") -> tuple[int, str]:
        with transaction(self.register.sessions) as session:
            return api_tokens.create(session, programme_id(session, key), name, self.clock.now())


def api_pages(app: FastAPI) -> ApiPages:
    """The API's page group as the web app mounted it."""
    for route in app.routes:
        if isinstance(route, Mount) and route.path == PREFIX:
            pages = route.app.state.pages  # type: ignore[attr-defined]
            assert isinstance(pages, ApiPages)
            return pages
    raise AssertionError(f"nothing mounted at {PREFIX}")


@contextmanager
def api_world(web: WebWorld, per_minute: int = 600) -> Iterator[ApiWorld]:
    """``web`` holds BOCE; its letters and a token are added, and the API's rate limiter
    counts by ``ticks``."""
    with transaction(web.register.sessions) as session:
        publish_letters(session, programme_id(session), web.clock.now())
        token_id, token = api_tokens.create(
            session, programme_id(session), "dashboard", web.clock.now()
        )
    ticks = [0.0]
    api_pages(web.app).limiter = RateLimiter(per_minute=per_minute, monotonic=lambda: ticks[0])
    with web.client() as client:
        yield ApiWorld(web.register, web.clock, client, token, token_id, ticks)
