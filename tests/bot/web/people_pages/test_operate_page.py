"""The operators' page: the set-aside chat events and jobs, each with a retry button and one
for all; only operators see it or retry, every retry writes an audit row, and a refused or
forged request changes nothing."""

from __future__ import annotations

from starlette.testclient import TestClient

from storage.audit import entries
from storage.inbox import set_aside_events
from storage.jobs import set_aside_jobs
from tests.set_aside_items import set_aside_a_job, set_aside_event
from tests.web_app import WebWorld, csrf_of


def waiting(web: WebWorld) -> tuple[list[int], list[int]]:
    with web.register.sessions() as session:
        return [e.id for e in set_aside_events(session)], [j.id for j in set_aside_jobs(session)]


def audit_rows(web: WebWorld) -> list[tuple[str, str, dict[str, object]]]:
    with web.register.sessions() as session:
        return [(e.what, e.subject, dict(e.detail)) for e in entries(session)]


def operator(web: WebWorld) -> tuple[TestClient, str]:
    client = web.signed_in("marieke-hoekstra")
    page = client.get("/beheer")
    assert page.status_code == 200, page.text
    return client, page.text


def test_the_set_aside_items_are_listed_with_who_what_and_the_last_error(web: WebWorld) -> None:
    event = set_aside_event(web.register, "actie 12 loopt goed")
    job = set_aside_a_job(web.register, web.person_id("marieke-hoekstra"))
    _, html = operator(web)
    assert f'<th scope="row">e{event}</th>' in html
    assert "Rob Jansen (slack U05BOCE0011)" in html
    assert "actie 12 loopt goed" in html
    assert "ValueError: a handler&#39;s bug" in html
    assert f'<th scope="row">j{job}</th>' in html
    assert "opdracht brief.draft" in html
    assert "RuntimeError: LibreOffice crashed" in html
    assert html.count('name="item"') == 2
    assert "Alle 2 opnieuw proberen" in html


def test_one_item_is_put_back_in_line_with_an_audit_row(web: WebWorld) -> None:
    first = set_aside_event(web.register, "een")
    second = set_aside_event(web.register, "twee")
    client, html = operator(web)
    answer = client.post("/beheer/opnieuw", data={"csrf": csrf_of(html), "item": f"e{first}"})
    assert answer.status_code == 303
    assert waiting(web) == ([second], [])
    assert audit_rows(web) == [
        ("operate.retry", f"e{first}", {"count": 1, "events": [first], "jobs": []})
    ]
    after = client.get(answer.headers["location"]).text
    assert "1 item weer in de rij gezet." in after
    # Again: it is no longer set aside, and the page says so.
    again = client.post("/beheer/opnieuw", data={"csrf": csrf_of(after), "item": f"e{first}"})
    assert f"e{first}" in client.get(again.headers["location"]).text.split("Niet (meer)")[1]


def test_retry_all_puts_every_event_and_job_back(web: WebWorld) -> None:
    events = [set_aside_event(web.register, "een"), set_aside_event(web.register, "twee")]
    job = set_aside_a_job(web.register, None)
    client, html = operator(web)
    answer = client.post("/beheer/opnieuw", data={"csrf": csrf_of(html), "all": "1"})
    assert answer.status_code == 303
    assert waiting(web) == ([], [])
    assert audit_rows(web) == [
        ("operate.retry", "all", {"count": 3, "events": events, "jobs": [job]})
    ]
    assert "Er is niets apart gezet." in client.get("/beheer").text


def test_someone_who_is_no_operator_can_neither_see_nor_retry(web: WebWorld) -> None:
    event = set_aside_event(web.register, "een")
    # Sanne supports the programme, but the settings do not name her an operator.
    client = web.signed_in("sanne-wolters")
    assert client.get("/beheer").status_code == 403
    home = client.get("/")
    for data in ({"item": f"e{event}"}, {"all": "1"}):
        answer = client.post("/beheer/opnieuw", data={"csrf": csrf_of(home.text), **data})
        assert answer.status_code == 403
    assert waiting(web) == ([event], [])
    assert audit_rows(web) == []


def test_a_retry_without_the_forms_token_changes_nothing(web: WebWorld) -> None:
    event = set_aside_event(web.register, "een")
    client, _ = operator(web)
    assert client.post("/beheer/opnieuw", data={"item": f"e{event}"}).status_code == 403
    assert client.post("/beheer/opnieuw", data={"csrf": "forged", "all": "1"}).status_code == 403
    assert waiting(web) == ([event], [])
    assert audit_rows(web) == []


def test_signed_out_nothing_is_shown_or_retried(web: WebWorld) -> None:
    event = set_aside_event(web.register, "een")
    client = web.client()
    assert client.get("/beheer").status_code == 303
    assert client.post("/beheer/opnieuw", data={"all": "1"}).status_code == 303
    assert waiting(web) == ([event], [])
