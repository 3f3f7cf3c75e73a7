"""Sending the update form in: every problem at its field with the link still good, a good
submission stored for the inbox worker and the link spent, and the worker recording it as a
chat form with source WEB; a second submission, an action no longer the person's, too much."""

from __future__ import annotations

from sqlalchemy import select

from storage.db import make_engine
from storage.link_tokens import TokenState
from storage.models import Action, StatusUpdate
from tests.bot.web.form_world import FormWorld, element
from tests.web_app import both_databases  # noqa: F401 - this module runs on both databases
from words.catalogue import t
from words.domain import Source, Status


def updates(world: FormWorld) -> list[StatusUpdate]:
    with world.register.sessions() as session:
        return list(session.scalars(select(StatusUpdate).order_by(StatusUpdate.id)))


def test_each_problem_is_shown_at_its_field_and_nothing_is_kept(world: FormWorld) -> None:
    token = world.mint()
    a12, a13 = world.actions[12], world.actions[13]
    before = world.rows()
    typed = {
        f"status-{a12}": "bogus",
        f"text-{a12}": "Bijna klaar, <b>echt</b>.",
        f"kpi-{a12}": "-5",
        f"deadline-{a12}": "volgende blauwe maan",
        f"text-{a13}": "Dit mag wel.",
    }
    with world.client() as client:
        page = client.post(f"/bijwerken/{token}", data=typed)
    assert page.status_code == 422
    body = page.text
    assert "<title>Fout: " in body
    assert 'role="alert"' in body
    for name in ("kpi", "deadline"):
        own = f"{name}-{a12}"
        tag = element(body, own)
        assert 'aria-invalid="true"' in tag
        assert f"{own}-error" in tag  # aria-describedby names the error
        assert f'id="{own}-error"' in body
        assert f'href="#{own}"' in body  # the summary links to the field
    assert 'aria-invalid="true"' in element(body, f"status-{a12}-on_track")
    assert f'href="#status-{a12}-on_track"' in body
    assert t("replies.form_bad_status", "nl") in body
    assert t("replies.form_kpi_negative", "nl") in body
    assert "blauwe maan" in body  # the deadline's reason quotes what it could not read
    # What was typed is kept, escaped; the other action's text too.
    assert "Bijna klaar, &lt;b&gt;echt&lt;/b&gt;." in body
    assert 'value="volgende blauwe maan"' in element(body, f"deadline-{a12}")
    assert 'value="-5"' in element(body, f"kpi-{a12}")
    assert "Dit mag wel." in body
    # Nothing stored, the link still good.
    assert world.rows() == before
    assert world.state(token) is TokenState.VALID


def test_nothing_filled_in_is_an_error_at_the_first_action(world: FormWorld) -> None:
    token = world.mint()
    a12, a13 = world.actions[12], world.actions[13]
    with world.client() as client:
        page = client.post(
            f"/bijwerken/{token}", data={f"status-{a12}": "unchanged", f"status-{a13}": ""}
        )
    assert page.status_code == 422
    assert t("webform.nothing", "nl") in page.text
    assert world.state(token) is TokenState.VALID


def test_a_text_too_long_is_refused_at_its_field(world: FormWorld) -> None:
    token = world.mint()
    a12 = world.actions[12]
    with world.client() as client:
        page = client.post(f"/bijwerken/{token}", data={f"text-{a12}": "x" * 4001})
        fits = client.post(f"/bijwerken/{token}", data={f"text-{a12}": "x" * 4000})
    assert page.status_code == 422
    assert t("webform.too_long", "nl", limit=4000) in page.text
    assert 'aria-invalid="true"' in element(page.text, f"text-{a12}")
    assert fits.status_code == 200


def test_a_body_too_large_is_not_read(world: FormWorld) -> None:
    token = world.mint()
    a12 = world.actions[12]
    with world.client() as client:
        page = client.post(f"/bijwerken/{token}", data={f"text-{a12}": "x" * 600_000})
        many = client.post(f"/bijwerken/{token}", data={f"f{i}": "" for i in range(500)})
    assert page.status_code == 413
    assert many.status_code == 413
    assert t("webform.too_large_title", "nl") in page.text
    assert world.state(token) is TokenState.VALID


def test_a_good_submission_is_stored_spent_and_recorded_by_the_inbox_worker(
    world: FormWorld,
) -> None:
    token = world.mint()
    a12, a13 = world.actions[12], world.actions[13]
    with world.client() as client:
        page = client.post(
            f"/bijwerken/{token}",
            data={
                f"status-{a12}": "at_risk",
                f"text-{a12}": "Leverancier is laat.",
                f"kpi-{a12}": "150",
                f"deadline-{a12}": "",
                f"status-{a13}": "unchanged",  # untouched: skipped, no error
                f"text-{a13}": "",
            },
        )
    assert page.status_code == 200, page.text
    assert "#12 Zaaksysteem koppelen" in page.text
    assert "Leverancier is laat." in page.text
    assert t("webform.sent_status", "nl", status="risico") in page.text
    assert world.state(token) is TokenState.SPENT
    assert updates(world) == []  # the web process only stores; the clock process records
    assert world.work_inbox() == 1
    [update] = updates(world)
    assert (update.action_id, update.source, update.status) == (a12, Source.WEB, Status.AT_RISK)
    assert update.text == "Leverancier is laat."
    assert update.progress == 150
    assert update.author_id == world.people["rob"]
    with world.register.sessions() as session:
        action = session.get_one(Action, a12)
        assert action.status is Status.AT_RISK
        assert session.get_one(Action, a13).status is Status.OPEN


def test_a_new_deadline_is_read_as_in_chat(world: FormWorld) -> None:
    token = world.mint()
    a13 = world.actions[13]
    with world.client() as client:
        page = client.post(f"/bijwerken/{token}", data={f"deadline-{a13}": "eind juni 2027"})
    assert page.status_code == 200, page.text
    assert world.work_inbox() == 1
    # An owner proposes a deadline (the sponsor decides), as in chat.
    with world.register.sessions() as session:
        from storage.models import DeadlineProposal

        [proposal] = session.scalars(select(DeadlineProposal)).all()
        assert proposal.action_id == a13


def test_a_second_submission_says_the_link_was_used_and_stores_nothing_more(
    world: FormWorld,
) -> None:
    token = world.mint()
    a12 = world.actions[12]
    data = {f"status-{a12}": "done", f"text-{a12}": "Klaar."}
    with world.client() as client:
        first = client.post(f"/bijwerken/{token}", data=data)
        after = world.rows()
        second = client.post(f"/bijwerken/{token}", data=data)
        again = client.post(f"/bijwerken/{token}", data={f"status-{a12}": "delayed"})
        opened = client.get(f"/bijwerken/{token}")
    assert first.status_code == 200
    for page in (second, again, opened):
        assert page.status_code == 410
        assert t("webform.spent_title", "nl") in page.text
        assert "22 november 2026" in page.text  # when it was used
        assert 'action="/bijwerken/' in page.text
        assert '/nieuw"' in page.text
    assert world.rows() == after
    world.work_inbox()
    assert [(u.action_id, u.status) for u in updates(world)] == [(a12, Status.DONE)]


def test_an_action_no_longer_theirs_is_shown_so_and_not_updated(world: FormWorld) -> None:
    token = world.mint()
    a12, a13 = world.actions[12], world.actions[13]
    world.give(13, "wim")
    with world.client() as client:
        page = client.get(f"/bijwerken/{token}").text
        sent = client.post(
            f"/bijwerken/{token}",
            data={f"status-{a12}": "on_track", f"status-{a13}": "done", f"text-{a13}": "Klaar."},
        )
    assert t("webform.not_yours", "nl", reason=t("perm.not_owner", "nl")) in page
    assert f'name="status-{a13}"' not in page
    assert f'name="status-{a12}"' in page
    assert sent.status_code == 200
    assert "Klaar." not in sent.text
    world.work_inbox()
    assert [(u.action_id, u.status) for u in updates(world)] == [(a12, Status.ON_TRACK)]


def test_a_link_with_nothing_left_to_update_says_so(world: FormWorld) -> None:
    token = world.mint(numbers=(13,))
    world.give(13, "wim")
    with world.client() as client:
        page = client.get(f"/bijwerken/{token}").text
        sent = client.post(f"/bijwerken/{token}", data={f"status-{world.actions[13]}": "done"})
    assert t("webform.none_left", "nl") in page
    assert 'type="submit"' not in page
    assert sent.status_code == 422
    assert world.state(token) is TokenState.VALID


def test_a_submission_the_database_cannot_take_is_not_thanked_and_the_link_stays(
    world: FormWorld,
) -> None:
    token = world.mint()
    a12 = world.actions[12]
    away = make_engine(
        "postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 1}
    )
    with world.client(intake_engine=away) as client:
        page = client.post(f"/bijwerken/{token}", data={f"status-{a12}": "done"})
    away.dispose()
    assert page.status_code == 503
    assert t("webform.unavailable_title", "nl") in page.text
    assert world.state(token) is TokenState.VALID
    with world.client() as client:  # the database is back: the same link works
        assert client.post(f"/bijwerken/{token}", data={f"status-{a12}": "done"}).is_success
    assert world.work_inbox() == 1
