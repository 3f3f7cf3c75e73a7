"""The programme-file page: exports that read back to the same programme, and imports with
the command line's checks: a bad file refused whole with its problems listed and nothing
written, a good one imported with its report and an audit row, for managers only."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from starlette.testclient import TestClient

from handlers.programme_file.read import parse_programme_text
from storage.audit import entries
from storage.register import load_programme
from tests.conftest import BOCE, REGIODEAL, TODAY
from tests.web_app import WebWorld, csrf_of
from words.domain import STATUS_WORDS

PAGE = "/p/boce/bestanden"
GOOD_TITLE = "Omgevingstafel Zuidoost-Drenthe inrichten"
NEW_TITLE = "Omgevingstafel Zuidoost-Drenthe ingericht en draaiend"


def actions(web: WebWorld) -> dict[str, tuple[str, str]]:
    with web.register.sessions() as session:
        programme = load_programme(session, "boce")
        assert programme is not None
        return {a.key: (a.title, STATUS_WORDS[a.status]) for a in programme.actions}


def audit_rows(web: WebWorld) -> list[tuple[str, str]]:
    with web.register.sessions() as session:
        return [(e.what, e.subject) for e in entries(session)]


def manager(web: WebWorld) -> tuple[TestClient, str]:
    client = web.signed_in("marieke-hoekstra")
    page = client.get(PAGE)
    assert page.status_code == 200, page.text
    return client, csrf_of(page.text)


def upload(
    client: TestClient, csrf: str | None, name: str, content: bytes, kind: str = "application/yaml"
) -> tuple[int, str]:
    data = {} if csrf is None else {"csrf": csrf}
    answer = client.post(PAGE, data=data, files={"bestand": (name, content, kind)})
    return answer.status_code, answer.text


def test_the_yaml_export_is_the_programme_file_that_imports_again_unchanged(
    web: WebWorld,
) -> None:
    client, csrf = manager(web)
    answer = client.get(f"{PAGE}/export/yaml")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/yaml; charset=utf-8"
    assert answer.headers["content-disposition"] == 'attachment; filename="boce-2026-11-22.yaml"'
    doc = parse_programme_text(answer.content.decode("utf-8"), "boce.yaml", TODAY)
    assert doc.spec.programme.key == "boce"
    assert {a.key for a in doc.spec.actions} == set(actions(web))
    code, html = upload(client, csrf, "boce-2026-11-22.yaml", answer.content)
    assert code == 200, html
    assert "niets gewijzigd" in html


def test_the_csv_export_reads_back_to_the_programmes_actions(web: WebWorld) -> None:
    client, _ = manager(web)
    answer = client.get(f"{PAGE}/export/csv")
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"] == 'attachment; filename="boce-2026-11-22.csv"'
    assert answer.content.startswith(b"\xef\xbb\xbf")  # what Excel with Dutch settings opens
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))
    head, body = rows[0], rows[1:]
    found = {
        row[head.index("sleutel")]: (row[head.index("titel")], row[head.index("status")])
        for row in body
    }
    assert found == actions(web)


def test_the_xlsx_export_reads_back_to_the_programmes_actions(web: WebWorld) -> None:
    client, _ = manager(web)
    answer = client.get(f"{PAGE}/export/xlsx")
    assert answer.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert answer.headers["content-disposition"] == 'attachment; filename="boce-2026-11-22.xlsx"'
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    head = rows[0]
    found = {
        str(r[head.index("sleutel")]): (str(r[head.index("titel")]), str(r[head.index("status")]))
        for r in rows[1:]
    }
    assert found == actions(web)


def test_a_bad_file_is_refused_whole_with_file_line_and_field_and_nothing_written(
    web: WebWorld,
) -> None:
    before = actions(web)
    text = BOCE.read_text(encoding="utf-8")
    # A title changed (which alone would import) and a theme misspelt (which refuses it all).
    text = text.replace(GOOD_TITLE, NEW_TITLE, 1).replace(
        "    theme: omgevingswet\n", "    theme: omgevingwet\n", 1
    )
    client, csrf = manager(web)
    code, html = upload(client, csrf, "boce.yaml", text.encode("utf-8"))
    assert code == 422
    assert "Niets geïmporteerd" in html
    line = text[: text.index("theme: omgevingwet")].count("\n") + 1
    assert f"boce.yaml:{line}: actions[0].theme: onbekend thema &#39;omgevingwet&#39;" in html
    assert actions(web) == before
    assert audit_rows(web) == []


def test_a_good_file_is_imported_with_its_report_and_an_audit_row(web: WebWorld) -> None:
    text = BOCE.read_text(encoding="utf-8").replace(GOOD_TITLE, NEW_TITLE, 1)
    client, csrf = manager(web)
    code, html = upload(client, csrf, "C:\\Users\\marieke\\boce <nieuw>.yaml", text.encode())
    assert code == 200, html
    assert "Geïmporteerd" in html
    assert "boce: gewijzigd: 1 actie" in html
    assert actions(web)["OW-01"][0] == NEW_TITLE
    # The file's name as shown: its last part, nothing that is no part of a plain name.
    assert audit_rows(web) == [("programme.import", "boce _nieuw_.yaml")]


def test_another_programmes_file_is_refused_on_this_page(web: WebWorld) -> None:
    client, csrf = manager(web)
    code, html = upload(client, csrf, "regiodeal.yaml", REGIODEAL.read_bytes())
    assert code == 422
    assert "regiodeal.yaml:" in html
    assert "programme.key: dit bestand is van programma" in html
    with web.register.sessions() as session:
        assert load_programme(session, "regiodeal") is None


def test_a_file_that_is_no_programme_file_is_refused_clearly(web: WebWorld) -> None:
    client, csrf = manager(web)
    code, html = upload(client, csrf, "notes.txt", b"hello", "text/plain")
    assert code == 415
    assert "Dit soort bestand kan Voortgang niet importeren" in html
    code, html = upload(client, csrf, "boce.csv", b"sleutel;titel\r\n", "text/csv")
    assert code == 415
    assert "CSV- of XLSX-bestand is de actielijst" in html
    code, html = upload(client, csrf, "leeg.yaml", b"")
    assert code == 400
    assert audit_rows(web) == []


def test_a_file_over_the_limit_is_refused(web: WebWorld) -> None:
    client, csrf = manager(web)
    code, _ = upload(client, csrf, "big.yaml", b"#" * (5 * 1024 * 1024 + 1))
    assert code == 413
    assert audit_rows(web) == []


def test_a_member_can_neither_open_the_page_nor_import(web: WebWorld) -> None:
    before = actions(web)
    client = web.signed_in("rob-jansen")
    assert client.get(PAGE).status_code == 403
    assert client.get(f"{PAGE}/export/yaml").status_code == 403
    csrf = csrf_of(client.get("/").text)
    text = BOCE.read_text(encoding="utf-8").replace(GOOD_TITLE, NEW_TITLE, 1)
    code, _ = upload(client, csrf, "boce.yaml", text.encode())
    assert code == 403
    assert actions(web) == before
    assert audit_rows(web) == []


def test_a_sponsor_may_download_the_list_of_actions_but_not_the_programme_file(
    web: WebWorld,
) -> None:
    client = web.signed_in("hendrik-kuiper")
    page = client.get(PAGE)
    assert page.status_code == 200
    assert f"{PAGE}/export/csv" in page.text
    assert f"{PAGE}/export/yaml" not in page.text
    assert 'type="file"' not in page.text
    assert client.get(f"{PAGE}/export/xlsx").status_code == 200
    assert client.get(f"{PAGE}/export/yaml").status_code == 403
    csrf = csrf_of(page.text)
    assert upload(client, csrf, "boce.yaml", BOCE.read_bytes())[0] == 403


def test_an_import_without_the_forms_token_changes_nothing(web: WebWorld) -> None:
    before = actions(web)
    client, _ = manager(web)
    text = BOCE.read_text(encoding="utf-8").replace(GOOD_TITLE, NEW_TITLE, 1)
    assert upload(client, None, "boce.yaml", text.encode())[0] == 403
    assert upload(client, "forged", "boce.yaml", text.encode())[0] == 403
    assert actions(web) == before
    assert audit_rows(web) == []


def test_unknown_formats_and_programmes_are_not_found(web: WebWorld) -> None:
    client, _ = manager(web)
    assert client.get(f"{PAGE}/export/pdf").status_code == 404
    assert client.get("/p/nergens/bestanden").status_code == 404
