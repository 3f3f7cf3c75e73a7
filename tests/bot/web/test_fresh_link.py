"""A used or expired link says which, and offers a fresh one: one outbox message for the
person, on their own channel, asking about the same actions; at most one per ten minutes."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from storage.models import OutboxMessage
from tests.bot.web.form_world import FormWorld
from tests.web_app import both_databases  # noqa: F401 - this module runs on both databases
from words.catalogue import t
from words.chat.messages import Message


def fresh_links(world: FormWorld) -> list[OutboxMessage]:
    with world.register.sessions() as session:
        query = select(OutboxMessage).where(OutboxMessage.key.like("freshlink:%"))
        return list(session.scalars(query.order_by(OutboxMessage.id)))


def test_an_expired_link_says_so_and_a_new_one_is_queued_once(world: FormWorld) -> None:
    token = world.mint(ttl=timedelta(days=1))
    world.clock.advance(timedelta(days=2))
    a12 = world.actions[12]
    before = world.rows()
    with world.client() as client:
        opened = client.get(f"/bijwerken/{token}")
        sent = client.post(f"/bijwerken/{token}", data={f"status-{a12}": "done"})
        assert world.rows() == before
        asked = client.post(f"/bijwerken/{token}/nieuw")
        world.clock.advance(timedelta(minutes=4))
        twice = client.post(f"/bijwerken/{token}/nieuw")
    for page in (opened, sent):
        assert page.status_code == 410
        assert t("webform.expired_title", "nl") in page.text
        assert "maandag 23 november 2026" in page.text  # valid until
        assert t("webform.fresh_button", "nl") in page.text
    for page in (asked, twice):
        assert page.status_code == 202
        assert t("webform.fresh_title", "nl") in page.text
    [row] = fresh_links(world)
    assert row.person_id == world.people["rob"]
    message = Message.from_json(row.payload["message"])
    assert message.asks == (a12, world.actions[13])
    assert message.text == t("webform.fresh_message", "nl")


def test_a_used_link_offers_a_new_one_in_the_persons_language(world: FormWorld) -> None:
    token = world.mint("kim", (14,))
    a14 = world.actions[14]
    with world.client() as client:
        assert client.post(f"/bijwerken/{token}", data={f"text-{a14}": "Done."}).is_success
        used = client.get(f"/bijwerken/{token}")
        asked = client.post(f"/bijwerken/{token}/nieuw")
        world.clock.advance(timedelta(minutes=11))
        later = client.post(f"/bijwerken/{token}/nieuw")
    assert "This link has been used" in used.text
    assert "Send me a new link" in used.text
    assert asked.status_code == later.status_code == 202
    assert "A new link is on its way" in asked.text
    rows = fresh_links(world)
    assert len(rows) == 2  # ten minutes apart: a second one may go
    assert Message.from_json(rows[0].payload["message"]).text == t("webform.fresh_message", "en")


def test_a_link_still_good_asks_for_no_new_one(world: FormWorld) -> None:
    token = world.mint()
    with world.client() as client:
        answer = client.post(f"/bijwerken/{token}/nieuw", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/bijwerken/{token}"
    assert fresh_links(world) == []
