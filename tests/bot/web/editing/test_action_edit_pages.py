"""An action's edit page through the app: who reaches the form and who gets the reason, a form
not from our page, problems at their inputs (422), typed text escaped, a change recorded and
confirmed on the action's page, and the same form sent twice recorded once.

On SQLite and PostgreSQL (the ``web`` fixture's register is parametrised).
"""

from __future__ import annotations

import html
import re
from datetime import date

from sqlalchemy import select

from bot.web.core.notices import NOTICE_COOKIE
from storage.models import AuditEntry, DeadlineProposal, StatusUpdate
from tests.editing_acts import Counts, counts, outbox_to
from tests.register_rows import action
from tests.web_app import WebWorld, csrf_of
from words.catalogue import t
from words.domain import Source, Status

SUBMISSION = re.compile(r'name="inzending" value="([^"]+)"')


def number_of(web: WebWorld, key: str) -> int:
    with web.register.sessions() as session:
        return action(session, key).number


def edit_path(web: WebWorld, key: str) -> str:
    return f"/p/boce/acties/{number_of(web, key)}/bewerken"


def rows(web: WebWorld) -> Counts:
    with web.register.sessions() as session:
        return counts(session)


def form_fields(page: str, action_id: int, **values: str) -> dict[str, str]:
    """What the browser sends from the edit form: the hidden fields and the values typed."""
    found = SUBMISSION.search(page)
    assert found is not None, "no submission field on the page"
    fields = {"csrf": csrf_of(page), "inzending": found.group(1)}
    fields.update({f"{name}-{action_id}": value for name, value in values.items()})
    return fields


def action_id(web: WebWorld, key: str) -> int:
    with web.register.sessions() as session:
        return action(session, key).id


def test_signed_out_the_form_sends_to_sign_in(web: WebWorld) -> None:
    answer = web.client().get("/p/boce/acties/8/bewerken")
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/inloggen?terug=/p/boce/acties/8/bewerken")


def test_who_reaches_the_form_and_who_is_told_why_not(web: WebWorld) -> None:
    allowed = [
        ("lotte-venema", "OW-08"),  # the owner
        ("wim-schepers", "OW-02"),  # the deputy of Rob Jansen, who is away
        ("hendrik-kuiper", "OW-08"),  # the theme's sponsor
        ("marieke-hoekstra", "BER-02"),  # the director
    ]
    for who, key in allowed:
        page = web.signed_in(who).get(edit_path(web, key))
        assert page.status_code == 200, (who, key)
        assert f'name="status-{action_id(web, key)}"' in page.text
    refused = [
        ("lotte-venema", "OW-01", "perm.not_owner"),  # member A, member B's action
        ("hendrik-kuiper", "BER-01", "perm.not_owner"),  # the sponsor of another theme
        ("gerda-boelens", "OW-08", "perm.reader"),  # a reader
    ]
    for who, key, reason in refused:
        page = web.signed_in(who).get(edit_path(web, key))
        assert page.status_code == 403, (who, key)
        assert html.escape(t(reason, "nl"), quote=False) in page.text
        assert "inzending" not in page.text
    lotte = web.signed_in("lotte-venema")
    for missing in ("/p/boce/acties/9999/bewerken", "/p/nergens/acties/8/bewerken"):
        assert lotte.get(missing).status_code == 404
    assert lotte.get("/p/boce/acties/acht/bewerken").status_code == 404


def test_refused_posts_change_nothing(web: WebWorld) -> None:
    before = rows(web)
    # A form from elsewhere: no CSRF field, or another session's.
    lotte = web.signed_in("lotte-venema")
    ow08 = action_id(web, "OW-08")
    page = lotte.get(edit_path(web, "OW-08")).text
    fields = form_fields(page, ow08, status="done", text="klaar")
    no_csrf = {k: v for k, v in fields.items() if k != "csrf"}
    assert lotte.post(edit_path(web, "OW-08"), data=no_csrf).status_code == 403
    other = web.signed_in("lotte-venema")
    assert other.post(edit_path(web, "OW-08"), data=fields).status_code == 403
    # Signed in, with a good form, on an action that is not theirs to change.
    for who, key in [
        ("lotte-venema", "OW-01"),
        ("hendrik-kuiper", "BER-01"),
        ("gerda-boelens", "OW-08"),
    ]:
        client = web.signed_in(who)
        token = csrf_of(client.get("/mijn").text)
        data = {"csrf": token, f"status-{action_id(web, key)}": "done", "inzending": "x" * 22}
        answer = client.post(edit_path(web, key), data=data)
        assert answer.status_code == 403, (who, key)
    assert rows(web) == before


def test_problems_come_back_at_their_inputs_with_the_text_escaped(web: WebWorld) -> None:
    lotte = web.signed_in("lotte-venema")
    ow08 = action_id(web, "OW-08")
    page = lotte.get(edit_path(web, "OW-08")).text
    typed = '<script>alert("x")</script> & "meer"'
    before = rows(web)
    answer = lotte.post(
        edit_path(web, "OW-08"),
        data=form_fields(page, ow08, status="delayed", text=typed, deadline="binnenkort"),
    )
    assert answer.status_code == 422
    assert "<script>" not in answer.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;meer&#34;" in answer.text
    assert '<div class="error-summary" role="alert"' in answer.text
    assert f'href="#deadline-{ow08}"' in answer.text
    assert f'id="deadline-{ow08}-error"' in answer.text
    assert f'id="status-{ow08}-delayed" name="status-{ow08}" value="delayed" checked' in answer.text
    assert answer.text.count("<h1>") == 1
    assert "<title>Fout: #8 bijwerken" in answer.text
    assert rows(web) == before
    # The same form again, set right: it is recorded, once.
    fixed = form_fields(answer.text, ow08, status="delayed", text=typed, deadline="eind 2027")
    assert fixed["inzending"] == SUBMISSION.search(page).group(1)  # type: ignore[union-attr]
    assert lotte.post(edit_path(web, "OW-08"), data=fixed).status_code == 303


def test_a_report_is_recorded_and_confirmed_on_the_action_page(web: WebWorld) -> None:
    lotte = web.signed_in("lotte-venema")
    ow08 = action_id(web, "OW-08")
    # The register as it was, kept a few seconds for everyone (bot.web.core.recent).
    assert 'href="/p/boce/acties/8"' not in lotte.get("/p/boce/acties?status=done").text
    page = lotte.get(edit_path(web, "OW-08")).text
    fields = form_fields(page, ow08, status="done", text="<b>klaar</b>", kpi="60")
    answer = lotte.post(edit_path(web, "OW-08"), data=fields, headers={"user-agent": "Testbrowser"})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/p/boce/acties/8"
    assert NOTICE_COOKIE in answer.headers["set-cookie"]
    with web.register.sessions() as session:
        (row,) = session.scalars(select(StatusUpdate)).all()
        assert (row.source, row.status, row.text, row.progress) == (
            Source.WEB,
            Status.DONE,
            "<b>klaar</b>",
            60,
        )
        assert action(session, "OW-08").status is Status.DONE
        (entry,) = session.scalars(select(AuditEntry).where(AuditEntry.what != "signin")).all()
        assert (entry.what, entry.subject, entry.user_agent) == (
            "action.update",
            "#8",
            "Testbrowser",
        )
        assert entry.address == "testclient"
    # The action page the browser is sent to says what was recorded, once.
    shown = lotte.get("/p/boce/acties/8")
    assert 'class="notice-box" role="status"' in shown.text
    assert "&lt;b&gt;klaar&lt;/b&gt;" in shown.text
    assert 'class="notice-box"' not in lotte.get("/p/boce/acties/8").text
    # A change made on a page shows on the register at once.
    assert 'href="/p/boce/acties/8"' in lotte.get("/p/boce/acties?status=done").text
    # Sent again (the browser's "back" and "send"): nothing more.
    after = rows(web)
    again = lotte.post(edit_path(web, "OW-08"), data=fields)
    assert again.status_code == 303
    assert rows(web) == after


def test_a_proposed_deadline_goes_to_the_sponsor_in_chat(web: WebWorld) -> None:
    lotte = web.signed_in("lotte-venema")
    ow08 = action_id(web, "OW-08")
    page = lotte.get(edit_path(web, "OW-08")).text
    assert "wordt een voorstel" in page
    answer = lotte.post(
        edit_path(web, "OW-08"), data=form_fields(page, ow08, deadline="eind maart 2027")
    )
    assert answer.status_code == 303
    with web.register.sessions() as session:
        (proposal,) = session.scalars(select(DeadlineProposal)).all()
        asked = outbox_to(session, web.person_id("hendrik-kuiper"))
        hendrik = web.person_id("hendrik-kuiper")
        assert [m.key for m in asked] == [f"proposal:{proposal.id}:{hendrik}"]
    sponsor = web.signed_in("hendrik-kuiper")
    assert "stel jij meteen vast" in sponsor.get(edit_path(web, "OW-08")).text


def test_the_page_speaks_the_viewer_s_language(web: WebWorld) -> None:
    maya = web.signed_in("maya-verhoef")  # writes English
    page = maya.get(edit_path(web, "BER-06"))
    assert page.status_code == 200
    assert '<html lang="en">' in page.text
    assert "<h1>Update #" in page.text
    assert "What happened?" in page.text


def test_the_sponsor_decides_on_a_proposal_from_the_edit_page(web: WebWorld) -> None:
    lotte = web.signed_in("lotte-venema")
    ow08 = action_id(web, "OW-08")
    page = lotte.get(edit_path(web, "OW-08")).text
    lotte.post(edit_path(web, "OW-08"), data=form_fields(page, ow08, deadline="eind maart 2027"))
    assert "Voorgestelde deadline" not in lotte.get(edit_path(web, "OW-08")).text
    with web.register.sessions() as session:
        (proposal,) = session.scalars(select(DeadlineProposal)).all()
    decide = f"/p/boce/acties/8/voorstellen/{proposal.id}"
    # The sponsor of another theme may not; nothing changes.
    annelies = web.signed_in("annelies-mulder")
    token = csrf_of(annelies.get("/mijn").text)
    refused = annelies.post(decide, data={"csrf": token, "besluit": "accept"})
    assert refused.status_code == 403
    assert web.signed_in("lotte-venema").post(decide, data={"besluit": "accept"}).status_code == 403
    hendrik = web.signed_in("hendrik-kuiper")
    form = hendrik.get(edit_path(web, "OW-08")).text
    assert "Voorgestelde deadline" in form
    assert f'action="{decide}"' in form
    answer = hendrik.post(decide, data={"csrf": csrf_of(form), "besluit": "accept"})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/p/boce/acties/8"
    with web.register.sessions() as session:
        assert action(session, "OW-08").due == date(2027, 3, 31)
        whats = session.scalars(select(AuditEntry.what).order_by(AuditEntry.id)).all()
        assert whats == ["action.update", "proposal.accept"]
    assert "Voorgestelde deadline" not in hendrik.get(edit_path(web, "OW-08")).text
