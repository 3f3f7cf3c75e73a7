"""The overview pages through the app: who may see them (members and readers; nobody else),
what they show, people's words escaped everywhere, and the register's filter and sort links."""

from __future__ import annotations

import re
from html import unescape

from sqlalchemy import select

from bot.engine.opening import import_file
from storage.db import transaction
from storage.models import Action, Membership, Programme
from storage.updates import record_update, withdraw_update
from tests.commands_world import add_ping, at, person
from tests.conftest import REGIODEAL
from tests.overview_world import many_actions
from tests.web_app import WebWorld
from words.domain import Source, Status

EVIL = "<script>alert('x')</script>"


def text_of(html: str) -> str:
    """The page's words, as a reader sees them: tags out, entities read, spaces squeezed."""
    main = html[html.index("<main") :]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())


def test_signed_out_visitors_are_sent_to_sign_in(web: WebWorld) -> None:
    for path in ("/p/boce", "/p/boce/acties?thema=omgevingswet", "/p/boce/acties/1"):
        answer = web.client().get(path)
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/inloggen?terug=/p/boce")


def test_the_director_reads_the_dashboard(web: WebWorld) -> None:
    answer = web.signed_in("marieke-hoekstra").get("/p/boce")
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    words = text_of(answer.text)
    assert "Overzicht BOCE beleidsagenda" in words
    assert "Stand van zondag 22 november 2026. 32 acties in totaal." in words
    assert "Omgevingswet Stoplicht: rood Opdrachtgever: Hendrik Kuiper" in words
    assert "9 acties, 2 over de termijn rood: 2 groen: 2 wit: 3 grijs: 2" in words
    # The chart's numbers as a table, for screen readers and for anyone.
    assert '<th scope="row">Omgevingswet</th>' in answer.text
    assert "Totaal 11 10 3 2 5 1 32" in words
    assert "1 OW-01 Omgevingstafel Zuidoost-Drenthe inrichten" in words
    assert "vertraagd; termijn verstreken" in words
    assert "Radenbijeenkomst BOCE (bijeenkomst)" in words
    assert 'href="/p/boce/acties?thema=omgevingswet"' in answer.text
    assert 'href="/p/boce/acties/1"' in answer.text
    assert 'aria-current="page">Overzicht</a>' in answer.text
    assert "<script" not in answer.text
    assert " style=" not in answer.text


def test_the_dashboard_names_who_has_not_answered(web: WebWorld) -> None:
    with transaction(web.register.sessions) as session:
        add_ping(session, "OW-03", "lotte-venema", "2026-11-16T08:00:00")
    words = text_of(web.signed_in("sanne-wolters").get("/p/boce").text)
    assert "Nog geen antwoord" in words
    assert "Lotte Venema 1 0 16 nov 2026 #3 OW-03" in words


def test_a_reader_reads_every_page_but_is_offered_no_editing(web: WebWorld) -> None:
    client = web.signed_in("gerda-boelens")
    for path in ("/p/boce", "/p/boce/acties", "/p/boce/acties/1"):
        assert client.get(path).status_code == 200, path
    page = client.get("/p/boce/acties/1").text
    assert "/bewerken" not in page
    assert "Bewerken" not in page


def test_the_edit_link_follows_the_chat_rights(web: WebWorld) -> None:
    wim = web.signed_in("wim-schepers")
    own = wim.get("/p/boce/acties/1").text
    assert 'href="/p/boce/acties/1/bewerken"' in own
    assert "/bewerken" not in wim.get("/p/boce/acties/3").text  # Lotte Venema's
    sponsor = web.signed_in("hendrik-kuiper").get("/p/boce/acties/3").text
    assert 'href="/p/boce/acties/3/bewerken"' in sponsor


def test_someone_outside_the_programme_is_refused_and_shown_nothing(web: WebWorld) -> None:
    import_file(web.register, REGIODEAL, web.settings, web.clock)
    with web.register.sessions() as session:
        outsider = session.scalar(
            select(Membership.key)
            .join(Programme)
            .where(Programme.key != "boce", Membership.person_id.not_in(web.people.values()))
            .limit(1)
        )
        assert outsider is not None
        web.people[outsider] = person(session, outsider).id
    client = web.signed_in(outsider)
    for path in ("/p/boce", "/p/boce/acties", "/p/boce/acties/1", "/p/boce/acties/999"):
        answer = client.get(path)
        assert answer.status_code == 403, path
        assert "Je doet niet mee aan dit programma" in answer.text
        assert "Omgevingstafel" not in answer.text
        assert "Omgevingswet" not in answer.text


def test_what_does_not_exist_is_not_found(web: WebWorld) -> None:
    client = web.signed_in("marieke-hoekstra")
    for path in ("/p/nope", "/p/nope/acties", "/p/boce/acties/999", "/p/boce/acties/abc"):
        assert client.get(path).status_code == 404, path
    assert client.get("/p/boce/acties/99999999999999999999999").status_code == 404


def test_peoples_words_are_text_everywhere(web: WebWorld) -> None:
    with transaction(web.register.sessions) as session:
        target = session.scalars(select(Action).where(Action.key == "OW-01")).one()
        target.title = EVIL
        target.description = '"><img src=x onerror=alert(1)>'
        wim = person(session, "wim-schepers")
        record_update(
            session,
            target,
            wim,
            at("2026-11-20T09:00:00"),
            source=Source.SLACK,
            status=Status.DELAYED,
            text="<b>vet</b> & {{ 7*7 }}",
            event_row=None,
        )
    client = web.signed_in("marieke-hoekstra")
    for path in ("/p/boce", "/p/boce/acties", "/p/boce/acties/1"):
        page = client.get(path).text
        assert "<script>alert" not in page, path
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page, path
    action = client.get("/p/boce/acties/1").text
    assert "<img" not in action
    assert "&lt;b&gt;vet&lt;/b&gt; &amp; {{ 7*7 }}" in action
    assert "49" not in text_of(action)


def test_the_action_page_shows_the_history_with_a_withdrawn_update_marked(
    web: WebWorld,
) -> None:
    with transaction(web.register.sessions) as session:
        target = session.scalars(select(Action).where(Action.key == "OW-03")).one()
        target.created_at = at("2026-10-01T08:00:00")
        lotte = person(session, "lotte-venema")
        kept = record_update(
            session,
            target,
            lotte,
            at("2026-11-22T08:00:00"),
            source=Source.EMAIL,
            status=Status.ON_TRACK,
            text="Inventarisatie loopt",
            event_row=None,
        )
        oops = record_update(
            session,
            target,
            lotte,
            at("2026-11-22T09:00:00"),
            source=Source.SLACK,
            status=Status.DONE,
            text="Per ongeluk afgerond",
            event_row=None,
        )
        withdraw_update(session, oops, lotte, at("2026-11-22T09:03:00"))
        assert kept.id != oops.id
    answer = web.signed_in("lotte-venema").get("/p/boce/acties/3")
    words = text_of(answer.text)
    assert "Status groen: op schema" in words  # the withdrawn "afgerond" no longer stands
    assert "Update van Lotte Venema (via e-mail)" in words
    assert "Inventarisatie loopt" in words
    assert "Update van Lotte Venema (via Slack) Ingetrokken" in words
    assert "Per ongeluk afgerond" in words
    assert "ingetrokken door Lotte Venema, zondag 22 november 2026 10:03" in words
    assert words.index("Inventarisatie loopt") < words.index("Per ongeluk afgerond")
    assert 'class="entry entry-update withdrawn"' in answer.text


def test_the_register_filters_sorts_and_keeps_the_filter_in_its_links(web: WebWorld) -> None:
    client = web.signed_in("marieke-hoekstra")
    answer = client.get(
        "/p/boce/acties?thema=omgevingswet&status=delayed&status=at_risk&sorteer=deadline"
    )
    assert answer.status_code == 200
    words = text_of(answer.text)
    assert "2 acties gevonden; 1 tot en met 2 staan hieronder." in words
    assert words.index("OW-01") < words.index("OW-08")
    assert '<option value="omgevingswet" selected>' in answer.text
    assert 'id="f-status-delayed" name="status" value="delayed" checked' in answer.text
    assert 'aria-sort="ascending"' in answer.text
    # The current column's link reverses it; every link keeps the filter.
    assert (
        'href="/p/boce/acties?thema=omgevingswet&amp;status=at_risk&amp;status=delayed'
        '&amp;sorteer=deadline&amp;volgorde=af"' in answer.text
    )
    assert (
        'href="/p/boce/acties?thema=omgevingswet&amp;status=at_risk&amp;status=delayed'
        '&amp;sorteer=eigenaar"' in answer.text
    )
    assert 'type="hidden" name="sorteer" value="deadline"' in answer.text


def test_the_register_reads_due_before_in_words_and_says_what_it_could_not_use(
    web: WebWorld,
) -> None:
    client = web.signed_in("marieke-hoekstra")
    words = text_of(client.get("/p/boce/acties?voor=eind+2026&te-laat=1").text)
    assert "Gelezen als donderdag 31 december 2026." in words
    assert "7 acties gevonden" in words
    refused = client.get("/p/boce/acties?voor=binnenkort&spoor=samen-dromen")
    assert refused.status_code == 200
    page = text_of(refused.text)
    assert "Niet alles in het filter kon worden gebruikt" in page
    assert "Onbekend spoor ‘samen-dromen’" in page
    assert "De deadline in het filter is niet gelezen" in page
    assert 'value="binnenkort"' in refused.text
    assert "32 acties gevonden" in page


def test_the_register_pages_with_links_to_the_next_and_previous(web: WebWorld) -> None:
    with transaction(web.register.sessions) as session:
        many_actions(session, 100)
    client = web.signed_in("marieke-hoekstra")
    first = client.get("/p/boce/acties?thema=omgevingswet")
    assert "Pagina 1 van 3" in text_of(first.text)
    assert "109 acties gevonden; 1 tot en met 50 staan hieronder." in text_of(first.text)
    assert 'href="/p/boce/acties?thema=omgevingswet&amp;pagina=2" rel="next"' in first.text
    assert 'rel="prev"' not in first.text
    second = client.get("/p/boce/acties?thema=omgevingswet&pagina=2")
    assert 'href="/p/boce/acties?thema=omgevingswet" rel="prev"' in second.text
    assert 'href="/p/boce/acties?thema=omgevingswet&amp;pagina=3" rel="next"' in second.text
    last = client.get("/p/boce/acties?thema=omgevingswet&pagina=1000")
    assert "Pagina 3 van 3" in text_of(last.text)
    assert 'rel="next"' not in last.text
    assert "Pagina 1 van 3" in text_of(client.get("/p/boce/acties?pagina=-3").text)


def test_an_english_reader_reads_english(web: WebWorld) -> None:
    client = web.signed_in("maya-verhoef")
    board = text_of(client.get("/p/boce").text)
    assert "Overview BOCE beleidsagenda" in board
    assert "Traffic light: red" in board
    register = text_of(client.get("/p/boce/acties?voor=end+of+March").text)
    assert "Read as Wednesday 31 March 2027." in register
