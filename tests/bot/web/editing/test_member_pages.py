"""A member's own pages through the app: my actions with their edit links, my updates with
what became of them, correcting and withdrawing one of mine (never someone else's), and the
confirmation shown once on the page the change leads back to.

On SQLite and PostgreSQL (the ``web`` fixture's register is parametrised).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.web.core.notices import NOTICE_COOKIE
from storage.db import transaction
from storage.models import AuditEntry, StatusUpdate, UpdateRevision
from storage.updates import record_update
from tests.editing_acts import counts
from tests.register_rows import action, person
from tests.web_app import WebWorld, csrf_of
from words.domain import Source, Status


def reported(web: WebWorld, who: str, key: str, text: str, status: Status | None = None) -> int:
    """An update given in chat a moment ago; its id."""
    with transaction(web.register.sessions) as session:
        row = record_update(
            session,
            action(session, key),
            person(session, who),
            web.clock.now(),
            source=Source.SLACK,
            status=status,
            text=text,
            event_row=None,
        )
        return row.id


def test_my_actions_link_to_their_edit_pages(web: WebWorld) -> None:
    page = web.signed_in("lotte-venema").get("/mijn")
    assert page.status_code == 200
    assert '<a href="/mijn" aria-current="page">' in page.text
    for number in (3, 4, 5, 8):
        assert f'href="/p/boce/acties/{number}/bewerken"' in page.text
    assert 'href="/p/boce/acties/1/bewerken"' not in page.text  # Wim's and Rob's
    assert "te laat" in page.text  # #8 was due in Q3 2026
    assert '<th scope="col">' in page.text
    reader = web.signed_in("gerda-boelens").get("/mijn")
    assert reader.status_code == 200
    assert "Je hebt geen open acties." in reader.text
    assert web.client().get("/mijn").status_code == 303  # signed out


def test_my_history_shows_my_updates_escaped(web: WebWorld) -> None:
    mine = reported(web, "lotte-venema", "OW-08", '<img src=x onerror="boem">', Status.DELAYED)
    reported(web, "wim-schepers", "OW-01", "niet van Lotte")
    page = web.signed_in("lotte-venema").get("/mijn/geschiedenis")
    assert page.status_code == 200
    assert "<img src=x" not in page.text
    assert "&lt;img src=x onerror=&#34;boem&#34;&gt;" in page.text
    assert "niet van Lotte" not in page.text
    assert f'href="/mijn/geschiedenis/{mine}/aanpassen"' in page.text
    assert f'href="/mijn/geschiedenis/{mine}/intrekken"' in page.text
    assert "via Slack" in page.text


def test_correcting_my_update_keeps_the_old_wording(web: WebWorld) -> None:
    mine = reported(web, "lotte-venema", "OW-08", "loopt", Status.ON_TRACK)
    lotte = web.signed_in("lotte-venema")
    path = f"/mijn/geschiedenis/{mine}/aanpassen"
    form = lotte.get(path)
    assert form.status_code == 200
    assert 'id="status-on_track" name="status" value="on_track" checked' in form.text
    assert ">loopt</textarea>" in form.text
    token = csrf_of(form.text)
    answer = lotte.post(path, data={"csrf": token, "status": "delayed", "text": "toch niet"})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/mijn/geschiedenis"
    history = lotte.get("/mijn/geschiedenis")
    assert "Aangepast: je update bij #8" in history.text
    assert "Eerdere versies" in history.text
    assert NOTICE_COOKIE in history.headers.get("set-cookie", "")  # forgotten once shown
    lotte.cookies.delete(NOTICE_COOKIE)
    assert "Aangepast: je update bij #8" not in lotte.get("/mijn/geschiedenis").text
    with web.register.sessions() as session:
        row = session.get_one(StatusUpdate, mine)
        assert (row.status, row.text) == (Status.DELAYED, "toch niet")
        (old,) = session.scalars(select(UpdateRevision)).all()
        assert old.text == "loopt"
        assert action(session, "OW-08").status is Status.DELAYED
        whats = session.scalars(select(AuditEntry.what).order_by(AuditEntry.id)).all()
        assert whats == ["update.edit"]


def test_a_correction_with_a_problem_comes_back(web: WebWorld) -> None:
    mine = reported(web, "lotte-venema", "OW-08", "stand bijgewerkt")
    lotte = web.signed_in("lotte-venema")
    path = f"/mijn/geschiedenis/{mine}/aanpassen"
    token = csrf_of(lotte.get(path).text)
    answer = lotte.post(
        path, data={"csrf": token, "status": "unchanged", "text": "x", "kpi": "veel"}
    )
    assert answer.status_code == 422
    assert 'href="#kpi"' in answer.text
    assert 'value="veel"' in answer.text


def test_withdrawing_my_update_asks_first_and_keeps_it(web: WebWorld) -> None:
    mine = reported(web, "lotte-venema", "OW-08", "per ongeluk", Status.DONE)
    lotte = web.signed_in("lotte-venema")
    path = f"/mijn/geschiedenis/{mine}/intrekken"
    question = lotte.get(path)
    assert question.status_code == 200
    assert "Terugdraaien kan niet." in question.text
    with web.register.sessions() as session:
        assert action(session, "OW-08").status is Status.DONE
    answer = lotte.post(path, data={"csrf": csrf_of(question.text)})
    assert answer.status_code == 303
    history = lotte.get("/mijn/geschiedenis")
    assert "Ongedaan gemaakt: je update bij #8" in history.text
    assert "De status is weer risico." in history.text
    assert "ingetrokken" in history.text
    assert "per ongeluk" in history.text  # kept in the history
    with web.register.sessions() as session:
        row = session.get_one(StatusUpdate, mine)
        assert row.withdrawn_at == web.clock.now()
        assert action(session, "OW-08").status is Status.AT_RISK
    # Twice: told why not.
    again = lotte.post(path, data={"csrf": csrf_of(question.text)})
    assert again.status_code == 403
    assert "al ingetrokken" in again.text


def test_after_chat_s_undo_window_withdrawing_is_refused(web: WebWorld) -> None:
    mine = reported(web, "lotte-venema", "OW-08", "al even geleden")
    web.clock.advance(timedelta(minutes=11))
    lotte = web.signed_in("lotte-venema")
    page = lotte.get("/mijn/geschiedenis")
    assert f"/mijn/geschiedenis/{mine}/intrekken" not in page.text
    assert f"/mijn/geschiedenis/{mine}/aanpassen" in page.text
    refused = lotte.get(f"/mijn/geschiedenis/{mine}/intrekken")
    assert refused.status_code == 403
    assert "langer dan 10 minuten geleden" in refused.text


def test_nobody_corrects_or_withdraws_someone_else_s_update(web: WebWorld) -> None:
    wims = reported(web, "wim-schepers", "OW-01", "van Wim")
    with web.register.sessions() as session:
        before = counts(session)
    for who in ("lotte-venema", "marieke-hoekstra", "gerda-boelens"):
        client = web.signed_in(who)
        token = csrf_of(client.get("/mijn").text)
        for path in (
            f"/mijn/geschiedenis/{wims}/aanpassen",
            f"/mijn/geschiedenis/{wims}/intrekken",
        ):
            assert client.get(path).status_code == 403, (who, path)
            answer = client.post(path, data={"csrf": token, "text": "overschreven"})
            assert answer.status_code == 403, (who, path)
            assert "alleen je eigen updates" in answer.text
    wim = web.signed_in("wim-schepers")
    assert wim.post(f"/mijn/geschiedenis/{wims}/intrekken", data={}).status_code == 403  # no CSRF
    for missing in ("/mijn/geschiedenis/999999/aanpassen", "/mijn/geschiedenis/x/intrekken"):
        assert wim.get(missing).status_code == 404
    with web.register.sessions() as session:
        assert counts(session) == before
        assert session.get_one(StatusUpdate, wims).text == "van Wim"
