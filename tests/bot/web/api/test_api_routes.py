"""The API through HTTP, on SQLite and PostgreSQL: tokens (missing, wrong, revoked, another
programme's), filters and paging, read-only methods, the rate limit, last use, and what it
never gives (drafts, email addresses, officials' names where the letter names parties)."""

from __future__ import annotations

import typing
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.engine.opening import Register, import_file
from bot.web.api.api_routes import Sort
from config.settings import Settings
from storage import api_tokens
from storage.api_rows import SORTS
from storage.db import transaction
from storage.models import ApiToken, AuditEntry
from tests.api_world import (
    FINAL_MD,
    ApiWorld,
    actions_of,
    api_world,
    name_officials,
    programme_id,
)
from tests.conftest import REGIODEAL
from tests.web_app import WebWorld

PATHS = (
    "/api/v1/programme",
    "/api/v1/actions",
    "/api/v1/actions/1",
    "/api/v1/themes",
    "/api/v1/letters",
    "/api/v1/letters/1/md",
)


@pytest.mark.parametrize("path", PATHS)
def test_without_a_token_nothing_is_read(api: ApiWorld, path: str) -> None:
    answer = api.client.get(path)
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == 'Bearer realm="voortgang"'
    assert answer.json()["code"] == "unauthorized"
    assert "boce" not in answer.text.lower()


@pytest.mark.parametrize(
    "header",
    [
        "Bearer vg_" + "A" * 43,  # well formed, nobody's
        "Bearer vg_short",
        "Bearer ",
        "Bearer " + "x" * 5000,
        "Basic dXNlcjpwYXNz",
        "vg_" + "A" * 43,  # no scheme
    ],
)
def test_a_wrong_token_is_refused_as_a_missing_one_is(api: ApiWorld, header: str) -> None:
    answer = api.client.get("/api/v1/programme", headers={"Authorization": header})
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"].startswith('Bearer realm="voortgang"')
    assert answer.json() == api.client.get("/api/v1/programme").json()


def test_a_revoked_token_is_refused_with_the_same_answer(api: ApiWorld) -> None:
    assert api.get("/api/v1/programme").status_code == 200
    with transaction(api.register.sessions) as session:
        api_tokens.revoke(session, api.token_id, api.clock.now())
    refused = api.get("/api/v1/programme")
    unknown = api.get("/api/v1/programme", token="vg_" + "B" * 43)
    assert refused.status_code == unknown.status_code == 401
    assert refused.headers["WWW-Authenticate"] == unknown.headers["WWW-Authenticate"]
    assert refused.headers["WWW-Authenticate"].endswith('error="invalid_token"')
    assert refused.content == unknown.content


def test_a_token_reads_its_own_programme_and_nothing_of_another(
    api: ApiWorld, register: Register, settings: Settings, session: Session
) -> None:
    import_file(register, REGIODEAL, settings, api.clock)
    session.expire_all()
    _, theirs = api.new_token("regiodeal-zod", "their dashboard")
    assert api.get("/api/v1/programme", token=theirs).json()["key"] == "regiodeal-zod"
    assert api.get("/api/v1/programme").json()["key"] == "boce"
    boce_numbers = {a.number for a in actions_of(session, programme_id(session))}
    their_numbers = {a.number for a in actions_of(session, programme_id(session, "regiodeal-zod"))}
    listed = api.get("/api/v1/actions", token=theirs, params={"limit": 500}).json()
    assert {a["number"] for a in listed["items"]} == their_numbers
    only_ours = sorted(boce_numbers - their_numbers)
    assert only_ours, "BOCE has more actions than the Regio Deal"
    nowhere = max(boce_numbers | their_numbers) + 1
    seen = api.get(f"/api/v1/actions/{only_ours[0]}", token=theirs)
    unseen = api.get(f"/api/v1/actions/{nowhere}", token=theirs)
    assert seen.status_code == unseen.status_code == 404
    assert seen.content == unseen.content  # nothing says the number exists elsewhere
    assert api.get("/api/v1/letters", token=theirs).json() == {"items": []}
    assert api.get("/api/v1/letters/1/md", token=theirs).status_code == 404
    themes = api.get("/api/v1/themes", token=theirs).json()["items"]
    assert "omgevingswet" not in [t["key"] for t in themes]


def test_filters_reach_the_register(api: ApiWorld, session: Session) -> None:
    stored = actions_of(session, programme_id(session))
    found = api.get(
        "/api/v1/actions",
        params=[("status", "open"), ("status", "at_risk"), ("theme", "omgevingswet")],
    ).json()
    wanted = [
        a.number
        for a in stored
        if a.theme.key == "omgevingswet" and a.status.value in ("open", "at_risk")
    ]
    assert [a["number"] for a in found["items"]] == wanted
    assert found["total"] == len(wanted)
    overdue = api.get("/api/v1/actions", params={"overdue": "true"}).json()["items"]
    assert overdue
    assert all(a["overdue"] and a["light"] == "red" for a in overdue)
    due = api.get("/api/v1/actions", params={"due_before": "2026-12-31", "sort": "-due"}).json()
    days = [a["due"] for a in due["items"]]
    assert days == sorted(days, reverse=True)
    assert all(day <= "2026-12-31" for day in days)
    party = api.get("/api/v1/actions", params={"party": "rud-drenthe", "track": "samen-doen"})
    assert all("rud-drenthe" in a["parties"] for a in party.json()["items"])


@pytest.mark.parametrize(
    "params",
    [
        {"status": "bezig"},
        {"limit": "0"},
        {"limit": "501"},
        {"offset": "-1"},
        {"due_before": "2026-13-01"},
        {"overdue": "misschien"},
        {"overdue": "1"},  # true or false, as described
        {"due_before": "0"},  # not seconds since 1970
        {"sort": "title"},
        {"theme": "Omgevingswet"},
        {"theme": "a\x00b"},
        {"stauts": "open"},  # a typo is told, not ignored
    ],
)
def test_a_parameter_that_is_not_valid_is_named(api: ApiWorld, params: dict[str, str]) -> None:
    answer = api.get("/api/v1/actions", params=params)
    assert answer.status_code == 422
    body = answer.json()
    assert body["code"] == "invalid"
    assert body["problems"][0]["location"][:2] == ["query", next(iter(params))]


def test_a_wrong_token_is_told_before_a_wrong_parameter(api: ApiWorld) -> None:
    answer = api.client.get("/api/v1/actions", params={"limit": "0"})
    assert answer.status_code == 401


def test_pages_follow_each_other_to_the_last(api: ApiWorld, session: Session) -> None:
    numbers: list[int] = []
    path: str | None = "/api/v1/actions?limit=7&sort=-number"
    pages = 0
    while path is not None:
        page = api.get(path).json()
        numbers += [a["number"] for a in page["items"]]
        path = page["next"]
        pages += 1
    stored = [a.number for a in actions_of(session, programme_id(session))]
    assert numbers == sorted(stored, reverse=True)
    assert pages == -(-len(stored) // 7)
    past = api.get("/api/v1/actions", params={"offset": 10_000}).json()
    assert (past["items"], past["next"], past["total"]) == ([], None, len(stored))


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("path", PATHS)
def test_the_api_only_reads(api: ApiWorld, method: str, path: str) -> None:
    headers = {"Authorization": f"Bearer {api.token}"}
    answer = api.client.request(method, path, headers=headers, json={"status": "done"})
    assert answer.status_code == 405
    assert answer.headers["Allow"] == "GET"
    assert answer.json()["code"] == "method_not_allowed"


def test_an_unknown_address_is_not_found(api: ApiWorld) -> None:
    answer = api.get("/api/v1/acties")
    assert answer.status_code == 404
    assert answer.json()["code"] == "not_found"


def test_reading_writes_no_audit_row_and_notes_last_use_once_a_minute(
    api: ApiWorld, session: Session
) -> None:
    def last_use() -> object:
        session.expire_all()
        return session.scalar(select(ApiToken.last_used_at).where(ApiToken.id == api.token_id))

    start = api.clock.now()
    for path in PATHS:
        assert api.get(path).status_code == 200
    assert last_use() == start
    api.clock.advance(timedelta(seconds=59))
    api.get("/api/v1/programme")
    assert last_use() == start
    api.clock.advance(timedelta(seconds=1))
    api.get("/api/v1/programme")
    assert last_use() == start + timedelta(minutes=1)
    assert session.scalar(select(func.count(AuditEntry.id))) == 0


def test_a_token_past_its_rate_is_told_when_to_come_back(web: WebWorld) -> None:
    with api_world(web, per_minute=3) as api:
        _, other = api.new_token(name="another dashboard")
        for _ in range(3):
            assert api.get("/api/v1/programme").status_code == 200
        refused = api.get("/api/v1/programme")
        assert refused.status_code == 429
        assert refused.headers["Retry-After"] == "20"  # three a minute: one every 20 s
        assert refused.json()["code"] == "rate_limited"
        assert api.get("/api/v1/programme", token=other).status_code == 200
        api.ticks[0] += 20
        assert api.get("/api/v1/programme").status_code == 200
        assert api.get("/api/v1/programme").status_code == 429


def test_only_published_letters_and_their_documents(api: ApiWorld) -> None:
    letters = api.get("/api/v1/letters").json()["items"]
    assert [x["number"] for x in letters] == [1]
    assert letters[0]["published_at"].endswith("Z")
    md = next(d for d in letters[0]["documents"] if d["format"] == "md")
    got = api.get(md["url"])
    assert got.status_code == 200
    assert got.content == FINAL_MD
    assert got.headers["Content-Type"] == "text/markdown; charset=utf-8"
    assert got.headers["Content-Disposition"] == 'attachment; filename="voortgangsbrief-1.md"'
    assert got.headers["ETag"] == f'"{md["sha256"]}"'
    assert api.get("/api/v1/letters/2/md").status_code == 404  # the draft
    assert api.get("/api/v1/letters/1/pdf").status_code == 404  # never made
    assert api.get("/api/v1/letters/1/exe").status_code == 422
    everything = "".join(api.get(p).text for p in PATHS)
    assert "NOG NIET GEPUBLICEERD" not in everything


def test_people_are_named_only_where_the_letter_names_officials(
    api: ApiWorld, session: Session
) -> None:
    def everything() -> str:
        pages = [api.get(p).text for p in PATHS[:-1]]
        pages += [api.get(f"/api/v1/actions/{n}").text for n in range(1, 40)]
        return "".join(pages)

    said = everything()
    assert "Rob Jansen" not in said
    assert "Hendrik Kuiper" not in said
    assert "@" not in said  # no email address
    name_officials(session, programme_id(session))
    session.commit()
    said = everything()
    assert "Rob Jansen" in said
    assert "Hendrik Kuiper" in said
    assert "@" not in said


def test_errors_speak_the_language_asked_for(api: ApiWorld) -> None:
    dutch = api.client.get("/api/v1/programme").json()["message"]
    english = api.client.get("/api/v1/programme", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert dutch.startswith("Geef een geldig API-token mee")
    assert english.json()["message"].startswith("Send a valid API token")


def test_every_answer_is_kept_by_no_cache(api: ApiWorld) -> None:
    for answer in (api.get("/api/v1/actions"), api.client.get("/api/v1/actions")):
        assert answer.headers["Cache-Control"] == "no-store"
        assert answer.headers["X-Content-Type-Options"] == "nosniff"


def test_the_description_covers_every_route_its_token_and_its_refusals(api: ApiWorld) -> None:
    doc = api.client.get("/api/v1/openapi.json").json()
    assert doc["servers"] == [{"url": "/api/v1"}]
    assert doc["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    operations = {
        (path, method): op for path, item in doc["paths"].items() for method, op in item.items()
    }
    assert sorted(operations) == [
        ("/actions", "get"),
        ("/actions/{number}", "get"),
        ("/letters", "get"),
        ("/letters/{number}/{format}", "get"),
        ("/programme", "get"),
        ("/themes", "get"),
    ]
    for (path, _), op in operations.items():
        assert op["security"] == [{"token": []}]
        assert {"200", "401", "429", "503"} <= set(op["responses"])
        if op.get("parameters"):
            assert "422" in op["responses"]
            assert op["responses"]["422"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"
            }
        if "{number}" in path:
            assert "404" in op["responses"]


def test_the_sorts_offered_are_the_sorts_stored() -> None:
    offered = typing.get_args(Sort)
    assert sorted(offered) == sorted([*SORTS, *(f"-{s}" for s in SORTS)])
