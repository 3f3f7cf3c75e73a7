"""API tokens on SQLite and PostgreSQL: only the hash is kept, a revoked or unknown token reads
nothing, and last use is written at most once a minute."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.engine.opening import Register, import_file
from config.settings import Settings
from storage.api_tokens import (
    PREFIX,
    create,
    grant_of,
    looks_like_token,
    note_use,
    revoke,
    tokens,
    use_is_stale,
)
from storage.models import ApiToken
from storage.register import programme_by_key
from tests.conftest import REGIODEAL
from words.clock import FixedClock


def boce_id(session: Session) -> int:
    found = programme_by_key(session, "boce")
    assert found is not None
    return found.id


def test_a_new_token_is_shown_once_and_only_its_hash_is_kept(
    boce: Session, clock: FixedClock
) -> None:
    token_id, token = create(boce, boce_id(boce), "  Power BI  ", clock.now())
    assert token.startswith(PREFIX)
    assert len(token) == len(PREFIX) + 43  # 256 bits, url-safe base64 without padding
    assert looks_like_token(token)
    row = boce.get(ApiToken, token_id)
    assert row is not None
    assert row.name == "Power BI"
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = boce.execute(select(ApiToken.__table__)).all()
    assert all(token not in repr(values) for values in stored)
    again_id, again = create(boce, boce_id(boce), "Power BI", clock.now())
    assert again != token
    assert again_id != token_id


def test_a_token_grants_its_own_programme(boce: Session, clock: FixedClock) -> None:
    programme_id = boce_id(boce)
    token_id, token = create(boce, programme_id, "dashboard", clock.now())
    grant = grant_of(boce, token)
    assert grant is not None
    assert (grant.token_id, grant.programme_id, grant.name) == (token_id, programme_id, "dashboard")
    assert grant.last_used_at is None


@pytest.mark.parametrize(
    "wrong",
    [
        "",
        "vg_",
        "vg_" + "A" * 43,  # well formed, but nobody's
        "A" * 46,
        "vg_" + "A" * 42 + "=",
        "vg_" + "é" * 43,
        "vg_" + "A" * 4300,
    ],
)
def test_an_unknown_or_malformed_token_grants_nothing(
    boce: Session, clock: FixedClock, wrong: str
) -> None:
    create(boce, boce_id(boce), "dashboard", clock.now())
    assert grant_of(boce, wrong) is None


def test_the_token_without_its_prefix_or_changed_by_one_letter_grants_nothing(
    boce: Session, clock: FixedClock
) -> None:
    _, token = create(boce, boce_id(boce), "dashboard", clock.now())
    body = token.removeprefix(PREFIX)
    assert grant_of(boce, body) is None
    other = "B" if body[0] != "B" else "C"
    assert grant_of(boce, PREFIX + other + body[1:]) is None


def test_a_revoked_token_grants_nothing_and_stays_listed(boce: Session, clock: FixedClock) -> None:
    token_id, token = create(boce, boce_id(boce), "dashboard", clock.now())
    revoked = revoke(boce, token_id, clock.now())
    assert revoked is not None
    assert revoked.revoked_at == clock.now()
    assert grant_of(boce, token) is None
    later = clock.now() + timedelta(days=1)
    again = revoke(boce, token_id, later)
    assert again is not None
    assert again.revoked_at == clock.now()  # the first revocation stands
    assert [row.id for row in tokens(boce)] == [token_id]


def test_revoking_an_unknown_token_finds_nothing(boce: Session, clock: FixedClock) -> None:
    assert revoke(boce, 12345, clock.now()) is None


def test_tokens_are_listed_per_programme(
    register: Register, settings: Settings, clock: FixedClock, boce: Session
) -> None:
    import_file(register, REGIODEAL, settings, clock)
    regiodeal = programme_by_key(boce, "regiodeal-zod")
    assert regiodeal is not None
    first, _ = create(boce, boce_id(boce), "één", clock.now())
    second, _ = create(boce, regiodeal.id, "twee", clock.now())
    third, _ = create(boce, boce_id(boce), "drie", clock.now())
    assert [(r.programme_key, r.id) for r in tokens(boce)] == [
        ("boce", first),
        ("boce", third),
        ("regiodeal-zod", second),
    ]
    assert [r.name for r in tokens(boce, regiodeal.id)] == ["twee"]


def test_last_use_is_written_at_most_once_a_minute(boce: Session, clock: FixedClock) -> None:
    token_id, token = create(boce, boce_id(boce), "dashboard", clock.now())
    first = grant_of(boce, token)
    assert first is not None
    assert use_is_stale(first, clock.now())
    assert note_use(boce, token_id, clock.now())
    boce.expire_all()
    seen = grant_of(boce, token)
    assert seen is not None
    assert seen.last_used_at == clock.now()
    soon = clock.now() + timedelta(seconds=59)
    assert not use_is_stale(seen, soon)
    assert not note_use(boce, token_id, soon)  # a second reader that raced: nothing written
    a_minute = clock.now() + timedelta(minutes=1)
    assert use_is_stale(seen, a_minute)
    assert note_use(boce, token_id, a_minute)
    boce.expire_all()
    assert [r.last_used_at for r in tokens(boce)] == [a_minute]
