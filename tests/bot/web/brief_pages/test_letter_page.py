"""The voortgangsbrief's page (bot.web.brief_pages) through HTTP, on the BOCE example, on SQLite
and PostgreSQL: the page holds what the documents hold, writing in place, who may do what,
asking the owners once, publishing after the confirmation, and the downloads.

Director Marieke Hoekstra manages; Hendrik Kuiper sponsors Omgevingswet; Rob Jansen owns
OW-01 (a member); Gerda Boelens reads. The reference day is Sunday 22 November 2026 (2026-Q4).
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from bot.letter.formats import render
from bot.web.brief_pages import letter_page
from handlers.brief.drafts import compile_source, differs_from_final, read_letter
from handlers.brief.work import CONCEPT
from storage.jobs import NewJob, queue
from storage.letters import current_draft, final_briefs
from storage.models import AuditEntry, Job, JobState, LetterPassage, Ping, Programme
from tests.conftest import run_queued_jobs
from tests.web_app import WebWorld, csrf_of
from words.domain import PingRule
from words.periods.model import Period

Q4 = Period(datetime(2026, 10, 1, tzinfo=UTC).date(), datetime(2026, 12, 31, tzinfo=UTC).date())
PAGE = "/p/boce/brief"


# -- helpers ---------------------------------------------------------------------------------


def text_of(markup: str) -> str:
    """What a reader of ``markup`` sees: no tags, entities read, whitespace as single spaces."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def article(page: str) -> str:
    found = re.search(r"<article class=\"letter\".*?</article>", page, re.DOTALL)
    assert found is not None, "no letter on the page"
    return found.group(0)


UNESCAPED_STARS = re.compile(r"(?<!\\)\*+")
ESCAPED = re.compile(r"\\(.)")
MD_START = re.compile(r"^(?:#+ |- |> )")


def markdown_texts(document: str) -> list[str]:
    """Every text the Markdown document holds, as a reader sees it: per paragraph, list item,
    heading and table cell, its markup removed and its escapes read."""
    texts = []
    for raw in document.splitlines():
        line = raw.strip()
        if not line or line in {"---", "&nbsp;"} or set(line) <= {"|", "-", ":", " "}:
            continue
        line = MD_START.sub("", line)
        cells = [c for c in re.split(r"(?<!\\)\|", line) if c.strip()] if "|" in line else [line]
        for cell in cells:
            plain = ESCAPED.sub(r"\1", UNESCAPED_STARS.sub("", cell))
            texts.append(" ".join(plain.split()))
    return texts


def compiled_markdown(web: WebWorld, period: Period = Q4) -> str:
    """The draft's Markdown document as the draft job makes it, now."""
    with web.register.sessions() as session:
        programme = session.scalars(select(Programme).where(Programme.key == "boce")).one()
        source = read_letter(session, programme, period, web.clock.now())
    compiled = compile_source(source, draft=True, record=differs_from_final(source))
    return render(compiled.letter, "md")


def post(client: TestClient, path: str, fields: dict[str, str]) -> tuple[int, str]:
    """Post ``fields`` with the CSRF token of the letter's page."""
    token = csrf_of(client.get(PAGE).text)
    answer = client.post(path, data={**fields, "csrf": token})
    return answer.status_code, answer.headers.get("location", answer.text)


def counts(web: WebWorld) -> tuple[int, int, int]:
    with web.register.sessions() as session:
        return (
            session.scalar(select(func.count()).select_from(LetterPassage)) or 0,
            session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
            session.scalar(select(func.count()).select_from(Job)) or 0,
        )


# -- the page is the document ----------------------------------------------------------------


def test_the_page_holds_every_text_of_the_markdown_document(web: WebWorld) -> None:
    web.report("OW-01", "de tafel draait & 3 < 4")
    page = web.signed_in("marieke-hoekstra").get(PAGE)
    assert page.status_code == 200
    shown = text_of(article(page.text))
    texts = markdown_texts(compiled_markdown(web))
    assert len(texts) > 100
    missing = [line for line in texts if line not in shown]
    assert missing == []
    assert "De tafel draait & 3 < 4." in shown


def test_writing_the_opening_shows_it_on_the_page_and_in_a_new_document(web: WebWorld) -> None:
    client = web.signed_in("marieke-hoekstra")
    status, location = post(
        client,
        f"{PAGE}/opening",
        {"periode": "2026-Q4", "tekst": "Een kwartaal vol werk.\n\nEn meer."},
    )
    assert status == 303
    assert location == f"{PAGE}?periode=2026-Q4&klaar=written#opening"
    page = client.get(location)
    assert "De tekst is vastgelegd." in page.text
    letter = text_of(article(page.text))
    assert "Een kwartaal vol werk. En meer." in letter
    assert "Geschreven door Marieke Hoekstra op zondag 22 november 2026 13:00." in letter
    document = compiled_markdown(web)
    assert "Een kwartaal vol werk.\n\nEn meer.\n" in document
    with web.register.sessions() as session:
        entry = session.scalars(select(AuditEntry)).one()
    assert (entry.what, entry.subject, entry.actor, entry.via) == (
        "letter.opening",
        "2026-Q4",
        "Marieke Hoekstra",
        "web",
    )


def test_typed_markup_is_shown_as_text(web: WebWorld) -> None:
    client = web.signed_in("marieke-hoekstra")
    status, _ = post(
        client,
        f"{PAGE}/opening",
        {"periode": "2026-Q4", "tekst": "Wij & <b>zij</b> <script>x</script>"},
    )
    assert status == 303
    page = client.get(PAGE).text
    assert "<b>zij</b>" not in page
    assert "<script>x" not in page
    assert "Wij &amp; &lt;b&gt;zij&lt;/b&gt; &lt;script&gt;x&lt;/script&gt;" in page


# -- who may do what -------------------------------------------------------------------------


def test_a_member_and_a_reader_see_the_finals_only_and_change_nothing(web: WebWorld) -> None:
    for who in ("rob-jansen", "gerda-boelens"):
        client = web.signed_in(who)
        page = client.get(PAGE)
        assert page.status_code == 200
        assert "<article" not in page.text
        assert "Definitieve brieven" in page.text
        token = csrf_of(page.text)
        for path, fields in (
            (f"{PAGE}/opening", {"tekst": "x"}),
            (f"{PAGE}/regie", {"tekst": "x"}),
            (f"{PAGE}/thema/omgevingswet", {"tekst": "x"}),
            (f"{PAGE}/formulering/OW-01", {"tekst": "x"}),
            (f"{PAGE}/vragen", {}),
            (f"{PAGE}/concept", {}),
            (f"{PAGE}/publiceren", {"bevestigd": "ja", "concept": "1"}),
        ):
            answer = client.post(path, data={**fields, "periode": "2026-Q4", "csrf": token})
            assert answer.status_code == 403, (who, path)
        assert client.get(f"{PAGE}/publiceren").status_code == 403
        assert client.get(f"{PAGE}/concept.docx").status_code == 403
        assert client.get(f"{PAGE}/formulering/OW-01?periode=2026-Q4").status_code == 403
    assert counts(web) == (0, 0, 0)


def test_a_sponsor_writes_their_own_theme_and_no_other(web: WebWorld) -> None:
    client = web.signed_in("hendrik-kuiper")
    page = client.get(PAGE).text
    assert 'action="/p/boce/brief/thema/omgevingswet"' in page
    assert 'action="/p/boce/brief/thema/bereikbaarheid"' not in page
    assert 'action="/p/boce/brief/opening"' not in page
    assert 'action="/p/boce/brief/vragen"' not in page
    status, _ = post(client, f"{PAGE}/thema/bereikbaarheid", {"periode": "2026-Q4", "tekst": "x"})
    assert status == 403
    status, _ = post(client, f"{PAGE}/opening", {"periode": "2026-Q4", "tekst": "x"})
    assert status == 403
    assert counts(web) == (0, 0, 0)
    status, location = post(
        client, f"{PAGE}/thema/omgevingswet", {"periode": "2026-Q4", "tekst": "Eigen woorden."}
    )
    assert status == 303
    section = re.search(
        r'<section class="theme" id="thema-omgevingswet".*?</section>',
        client.get(location).text,
        re.DOTALL,
    )
    assert section is not None
    assert "Eigen woorden." in text_of(section.group(0))


def test_a_form_without_its_csrf_token_is_refused(web: WebWorld) -> None:
    client = web.signed_in("marieke-hoekstra")
    for path in ("opening", "vragen", "concept", "publiceren"):
        answer = client.post(f"{PAGE}/{path}", data={"periode": "2026-Q4", "tekst": "x"})
        assert answer.status_code == 403, path
        wrong = client.post(
            f"{PAGE}/{path}", data={"periode": "2026-Q4", "tekst": "x", "csrf": "nep"}
        )
        assert wrong.status_code == 403, path
    assert counts(web) == (0, 0, 0)


def test_signed_out_visitors_go_to_sign_in(web: WebWorld) -> None:
    answer = web.client().get(f"{PAGE}?periode=2026-Q3")
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/inloggen?terug=/p/boce/brief")


def test_an_unknown_period_or_programme_is_not_found(web: WebWorld) -> None:
    client = web.signed_in("marieke-hoekstra")
    assert client.get(f"{PAGE}?periode=2030-Q1").status_code == 404
    assert client.get("/p/onbekend/brief").status_code == 404
    assert client.get(f"{PAGE}?periode=2026-Q3").status_code == 200


# -- asking ----------------------------------------------------------------------------------


def brief_pings(web: WebWorld) -> int:
    with web.register.sessions() as session:
        query = select(func.count()).select_from(Ping).where(Ping.rule == PingRule.BRIEF)
        return session.scalar(query) or 0


def test_the_ask_button_asks_each_owner_once_and_says_who_was_asked(web: WebWorld) -> None:
    web.clock.advance(timedelta(days=1, hours=-3))  # Monday 23 November, 10:00 here
    client = web.signed_in("marieke-hoekstra")
    status, location = post(client, f"{PAGE}/vragen", {"periode": "2026-Q4"})
    assert status == 303
    page = client.get(location).text
    assert "De trekkers worden gevraagd." in page  # until the job has run
    run_queued_jobs(web.register, web.clock)
    asked = brief_pings(web)
    assert asked > 0
    post(client, f"{PAGE}/vragen", {"periode": "2026-Q4"})
    run_queued_jobs(web.register, web.clock)
    web.clock.advance(timedelta(days=1))
    client = web.signed_in("marieke-hoekstra")  # a day later: signed in afresh
    post(client, f"{PAGE}/vragen", {"periode": "2026-Q4"})
    run_queued_jobs(web.register, web.clock)
    assert brief_pings(web) == asked
    page = client.get(PAGE).text
    assert "Gevraagd over deze periode" in page
    assert "gevraagd op maandag 23 november 2026 10:00" in page
    assert "vervanger van Rob Jansen" in page  # Rob is away: Wim Schepers is asked
    with web.register.sessions() as session:
        whats = session.scalars(select(AuditEntry.what)).all()
    assert whats == ["letter.remind", "letter.remind"]  # one per day it was pressed


# -- publishing ------------------------------------------------------------------------------


def make_draft(web: WebWorld, client: TestClient) -> None:
    status, _ = post(client, f"{PAGE}/concept", {"periode": "2026-Q4"})
    assert status == 303
    run_queued_jobs(web.register, web.clock)


def test_publishing_without_the_confirmation_does_nothing(web: WebWorld) -> None:
    client = web.signed_in("marieke-hoekstra")
    make_draft(web, client)
    before = counts(web)
    with web.register.sessions() as session:
        programme = session.scalars(select(Programme)).first()
        assert programme is not None
        draft = current_draft(session, programme.id)
        assert draft is not None
    for fields in (
        {},
        {"concept": str(draft.id)},
        {"bevestigd": "ja"},
        {"bevestigd": "nee", "concept": str(draft.id)},
    ):
        status, location = post(client, f"{PAGE}/publiceren", {"periode": "2026-Q4", **fields})
        assert status == 303
        assert location == f"{PAGE}/publiceren"
    assert counts(web) == before
    run_queued_jobs(web.register, web.clock)
    with web.register.sessions() as session:
        assert final_briefs(session, draft.programme_id) == []


def test_publishing_after_the_confirmation_makes_the_final_with_its_downloads(
    web: WebWorld,
) -> None:
    client = web.signed_in("marieke-hoekstra")
    page = client.get(PAGE).text
    assert "Er is nog geen concept van deze periode." in page
    assert f'href="{PAGE}/publiceren"' not in page
    make_draft(web, client)
    page = client.get(PAGE).text
    assert "Concept versie 1, gemaakt op zondag 22 november 2026 13:00." in page
    draft_docx = client.get(f"{PAGE}/concept.docx")
    assert draft_docx.status_code == 200
    assert draft_docx.content.startswith(b"PK")
    confirm = client.get(f"{PAGE}/publiceren")
    assert confirm.status_code == 200
    shown = text_of(confirm.text)
    assert "Het concept van vierde kwartaal 2026 wordt voortgangsbrief 1." in shown
    assert "Hij gaat naar 2 lezers: Gerda Boelens Johan Dekker" in shown
    draft_id = re.search(r'name="concept" value="(\d+)"', confirm.text)
    assert draft_id is not None
    answer = client.post(
        f"{PAGE}/publiceren",
        data={
            "csrf": csrf_of(confirm.text),
            "periode": "2026-Q4",
            "concept": draft_id.group(1),
            "bevestigd": "ja",
        },
    )
    assert answer.status_code == 303
    waiting = client.get(answer.headers["location"]).text
    assert "De definitieve brief wordt gemaakt." in waiting
    assert "Laad deze pagina opnieuw" in waiting
    run_queued_jobs(web.register, web.clock)
    page = client.get(PAGE).text
    assert "De definitieve brief wordt gemaakt." not in page
    assert f'href="{PAGE}/definitief/1.docx"' in page
    for fmt, media in (
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("md", "text/markdown; charset=utf-8"),
        ("html", "text/html; charset=utf-8"),
    ):
        download = client.get(f"{PAGE}/definitief/1.{fmt}")
        assert download.status_code == 200, fmt
        assert download.headers["content-type"] == media
        assert download.headers["content-disposition"] == (
            f'attachment; filename="voortgangsbrief-boce-2026-Q4-nr1.{fmt}"; '
            f"filename*=UTF-8''voortgangsbrief-boce-2026-Q4-nr1.{fmt}"
        )
    # Readers fetch the finals too, not the draft; a format never kept is not found.
    reader = web.signed_in("gerda-boelens")
    assert reader.get(f"{PAGE}/definitief/1.md").status_code == 200
    assert f'href="{PAGE}/definitief/1.md"' in reader.get(PAGE).text
    assert client.get(f"{PAGE}/definitief/2.md").status_code == 404
    assert client.get(f"{PAGE}/definitief/1.exe").status_code == 404
    assert client.get(f"{PAGE}/definitief/..%2F1.md").status_code == 404
    # Publishing the same draft again does nothing more.
    again = client.post(
        f"{PAGE}/publiceren",
        data={
            "csrf": csrf_of(page),
            "periode": "2026-Q4",
            "concept": draft_id.group(1),
            "bevestigd": "ja",
        },
    )
    assert again.headers["location"].endswith("klaar=not_draft#documenten")
    with web.register.sessions() as session:
        programme = session.scalars(select(Programme).where(Programme.key == "boce")).one()
        assert [b.number for b in final_briefs(session, programme.id)] == [1]
        whats = session.scalars(select(AuditEntry.what).order_by(AuditEntry.id)).all()
    assert whats == ["letter.draft", "letter.publish"]


def test_a_sponsor_rewords_an_update_and_the_owners_words_stay(web: WebWorld) -> None:
    web.report("OW-01", "tafel draait")
    client = web.signed_in("hendrik-kuiper")
    page = client.get(PAGE).text
    # A letter of few updates carries the wording form folded under the update.
    assert 'id="schrijf-actie-OW-01"' in page
    assert 'action="/p/boce/brief/formulering/OW-01"' in page
    assert client.get(f"{PAGE}/concept.docx").status_code == 403  # drafts: managers only
    # The same form as a page of its own, as a long letter links to it.
    link = f"{PAGE}/formulering/OW-01?periode=2026-Q4"
    form = client.get(link)
    assert form.status_code == 200
    assert 'action="/p/boce/brief/formulering/OW-01"' in form.text
    assert '<blockquote class="original">tafel draait</blockquote>' in form.text
    fields = {"periode": "2026-Q4", "tekst": "De tafel <i>draait</i>.", "csrf": csrf_of(form.text)}
    answer = client.post(f"{PAGE}/formulering/OW-01", data=fields)
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert location.endswith("klaar=written#actie-OW-01")
    action = re.search(
        r'<div class="action[^"]*" id="actie-OW-01">.*?</div>', client.get(location).text, re.DOTALL
    )
    assert action is not None
    assert "<p>De tafel &lt;i&gt;draait&lt;/i&gt;.</p>" in action.group(0)
    assert '<blockquote class="original">tafel draait</blockquote>' in action.group(0)
    assert "De tafel \\<i\\>draait\\</i\\>." in compiled_markdown(web)
    # The owner's words stay on the form, and in the register; the new wording is in the box.
    again = client.get(link).text
    assert '<blockquote class="original">tafel draait</blockquote>' in again
    assert ">De tafel &lt;i&gt;draait&lt;/i&gt;.</textarea>" in again
    # Saving it empty brings the owner's words back; the wording before is kept as history.
    fields = {"periode": "2026-Q4", "tekst": "", "csrf": csrf_of(again)}
    assert client.post(f"{PAGE}/formulering/OW-01", data=fields).status_code == 303
    reset = client.get(link).text
    assert "></textarea>" in reset
    assert "De tafel &lt;i&gt;draait&lt;/i&gt;." in reset  # among the earlier versions
    assert "De tafel" not in compiled_markdown(web)
    # Another theme's update, an unknown action, one without news, a period not on offer.
    assert client.get(f"{PAGE}/formulering/BER-01?periode=2026-Q4").status_code == 403
    assert client.get(f"{PAGE}/formulering/ZZ-99?periode=2026-Q4").status_code == 404
    assert client.get(f"{PAGE}/formulering/OW-03?periode=2026-Q4").status_code == 404
    assert client.get(f"{PAGE}/formulering/OW-01?periode=1999-Q1").status_code == 404
    status, _ = post(client, f"{PAGE}/formulering/BER-01", {"periode": "2026-Q4", "tekst": "x"})
    assert status == 403


def test_a_letter_job_set_aside_is_said_until_a_later_one_takes_its_place(web: WebWorld) -> None:
    def job(key: str, state: JobState) -> None:
        with web.register.sessions.begin() as session:
            programme = session.scalars(select(Programme).where(Programme.key == "boce")).one()
            payload: dict[str, object] = {}
            new = NewJob(key, CONCEPT, programme.id, web.person_id("marieke-hoekstra"), payload)
            queued = queue(session, new, web.clock.now())
            session.get_one(Job, queued).state = state

    heading = "Er is iets misgegaan"
    job("test:concept:1", JobState.SET_ASIDE)
    page = web.signed_in("marieke-hoekstra").get(PAGE).text
    assert heading in page
    assert "Het concept dat" in page
    assert 'href="/beheer"' not in page  # the director is no operator: nothing to press
    assert heading not in web.signed_in("hendrik-kuiper").get(PAGE).text  # a sponsor
    job("test:concept:2", JobState.DONE)
    assert heading not in web.signed_in("marieke-hoekstra").get(PAGE).text


def test_a_long_letter_links_to_each_wording_page_instead(
    web: WebWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(letter_page, "INLINE_WORDINGS", 0)
    web.report("OW-01", "tafel draait")
    page = web.signed_in("hendrik-kuiper").get(PAGE).text
    assert f'href="{PAGE}/formulering/OW-01?periode=2026-Q4"' in page
    assert 'id="schrijf-actie-OW-01"' not in page
    assert 'action="/p/boce/brief/formulering/OW-01"' not in page
    assert "(anders geformuleerd)" not in page
    # Another sponsor's update gets neither.
    assert "/formulering/BER-" not in page
    client = web.signed_in("hendrik-kuiper")
    status, _ = post(client, f"{PAGE}/formulering/OW-01", {"periode": "2026-Q4", "tekst": "Zo."})
    assert status == 303
    assert "(anders geformuleerd)" in client.get(PAGE).text
