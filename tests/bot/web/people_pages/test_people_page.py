"""The people page: everyone with role and party, who is away and their deputy, where each is
reached (what the sender itself decides) and where a platform refused them, and why."""

from __future__ import annotations

import re

from bot.engine.sender import Sender
from storage.db import transaction
from storage.outbox import OutboxWriter
from storage.people import person_by_id
from storage.reach import mark_unreachable
from tests.fakes import RecordingPort
from tests.set_aside_items import set_aside_event
from tests.web_app import WebWorld
from words.chat.messages import Message
from words.chat.outgoing import ToPerson
from words.domain import Source

SHOWN = re.compile(r'data-person="([^"]+)" data-platform="([^"]+)"')


def shown_channels(html: str) -> dict[str, str]:
    return dict(SHOWN.findall(html))


def sent_to(web: WebWorld) -> dict[str, str]:
    """Where the sender delivers a direct message to each person of BOCE, by membership key."""
    with transaction(web.register.sessions) as session:
        writer = OutboxWriter(session, web.clock.now())
        for who, person_id in web.people.items():
            writer.send(f"hello-{who}", ToPerson(person_id), Message("Hallo"))
    ports = {p: RecordingPort(platform=p) for p in (Source.SLACK, Source.TEAMS, Source.EMAIL)}
    Sender(web.register, dict(ports), web.clock, "test-sender").drain()
    found = {}
    for platform, port in ports.items():
        for delivery in port.delivered:
            found[delivery.key.removeprefix("hello-")] = platform.value
    return found


def test_the_channel_shown_is_where_the_sender_writes(web: WebWorld) -> None:
    # Slack refused Rob (the app not in his workspace): the sender mails him now.
    with transaction(web.register.sessions) as session:
        mark_unreachable(
            session, web.person_id("rob-jansen"), Source.SLACK, "not_allowed", web.clock.now()
        )
    page = web.signed_in("marieke-hoekstra").get("/p/boce/mensen")
    assert page.status_code == 200, page.text
    shown = shown_channels(page.text)
    assert shown == sent_to(web)
    # Each kind is there: Slack, Teams only (Annelies), email by the file (Karin), by refusal.
    assert shown["sanne-wolters"] == "slack"
    assert shown["annelies-mulder"] == "teams"
    assert shown["karin-de-wit"] == "email"
    assert shown["rob-jansen"] == "email"
    assert shown["marieke-hoekstra"] == "slack"


def test_who_is_unreachable_where_since_when_and_why_is_shown(web: WebWorld) -> None:
    with transaction(web.register.sessions) as session:
        mark_unreachable(
            session,
            web.person_id("annelies-mulder"),
            Source.TEAMS,
            "403 Forbidden: the bot is blocked",
            web.clock.now(),
        )
    html = web.signed_in("sanne-wolters").get("/p/boce/mensen").text
    section = html[html.index('id="onbereikbaar"') :]
    row = re.search(r"<tr>\s*<th scope=\"row\">Annelies Mulder</th>(.*?)</tr>", section, re.S)
    assert row is not None, section
    cells = re.findall(r"<td>(.*?)</td>", row.group(1))
    # Noon UTC is 13:00 in Amsterdam; the reason is the platform's, escaped.
    assert cells == ["Teams", "2026-11-22 13:00", "403 Forbidden: the bot is blocked"]
    # And routing passes Teams over: she is mailed meanwhile.
    assert shown_channels(html)["annelies-mulder"] == "email"


def test_who_is_away_now_and_who_answers_for_them(web: WebWorld) -> None:
    html = web.signed_in("marieke-hoekstra").get("/p/boce/mensen").text
    away = html[html.index('id="afwezig"') : html.index('id="iedereen"')]
    assert "Rob Jansen" in away
    assert "2026-11-16 t/m 2026-12-11" in away
    assert "nu afwezig" in away
    assert "Wim Schepers" in away


def test_a_sponsor_sees_who_is_away_but_not_the_channels(web: WebWorld) -> None:
    page = web.signed_in("hendrik-kuiper").get("/p/boce/mensen")
    assert page.status_code == 200
    assert "Wim Schepers" in page.text
    assert shown_channels(page.text) == {}
    assert 'id="onbereikbaar"' not in page.text


def test_a_member_and_a_reader_are_refused_and_a_stranger_finds_nothing(web: WebWorld) -> None:
    assert web.signed_in("rob-jansen").get("/p/boce/mensen").status_code == 403
    assert web.signed_in("gerda-boelens").get("/p/boce/mensen").status_code == 403
    assert web.signed_in("marieke-hoekstra").get("/p/nergens/mensen").status_code == 404


def test_signed_out_goes_to_sign_in(web: WebWorld) -> None:
    answer = web.client().get("/p/boce/mensen")
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/inloggen")


def test_an_operator_is_pointed_at_what_was_set_aside(web: WebWorld) -> None:
    set_aside_event(web.register, "actie 12 loopt")
    director = web.signed_in("marieke-hoekstra").get("/p/boce/mensen").text
    assert 'href="/beheer"' in director
    # Sanne is support, not an operator: no pointer.
    assert 'href="/beheer"' not in web.signed_in("sanne-wolters").get("/p/boce/mensen").text


def test_the_page_in_english(web: WebWorld) -> None:
    with transaction(web.register.sessions) as session:
        person = person_by_id(session, web.person_id("marieke-hoekstra"))
        assert person is not None
        person.language = "en"
    html = web.signed_in("marieke-hoekstra").get("/p/boce/mensen").text
    assert '<html lang="en">' in html
    assert "away now" in html
    assert "Reached on" in html
