"""bot/teams/package.py and ``voortgang teams-package``: the zip a Teams admin uploads must hold
what Teams accepts, filled with the app's own id, and be the same bytes every time."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from bot.cli.main import main
from bot.teams import package
from bot.teams.package import (
    MAX_NAME,
    PACKAGE_FILES,
    TEAMS_DIR,
    TeamsPackageError,
    build_package,
    draw_color_icon,
    draw_outline_icon,
    manifest,
)
from handlers.dispatch import find_command

CLIENT_ID = "1b4f7c2e-5a3d-4e8f-9c21-7d6b0a9e3f45"
WHITE = (255, 255, 255)


def files(zipped: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def unpacked(zipped: bytes) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(files(zipped)["manifest.json"])
    return data


def icon(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def commands(data: dict[str, Any]) -> list[dict[str, str]]:
    return [c for lst in data["bots"][0]["commandLists"] for c in lst["commands"]]


def pixels(image: Image.Image) -> list[tuple[int, ...]]:
    rgba = image.convert("RGBA")
    width, height = rgba.size
    return [tuple(rgba.getpixel((x, y))) for y in range(height) for x in range(width)]  # type: ignore[arg-type]


def strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [s for item in node for s in strings(item)]
    if isinstance(node, dict):
        return [s for item in node.values() for s in strings(item)]
    return []


# -- the package -------------------------------------------------------------------------------


def test_the_zip_holds_exactly_the_manifest_and_the_two_icons_at_its_root() -> None:
    zipped = build_package(CLIENT_ID, version="1.2.3")
    with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
        assert archive.namelist() == ["manifest.json", "color.png", "outline.png"]
        assert archive.testzip() is None
    assert set(files(zipped)) == set(PACKAGE_FILES)


def test_the_ids_version_and_developer_are_filled_in() -> None:
    data = unpacked(
        build_package(
            CLIENT_ID.upper(),
            version="2.0.10",
            developer_name="Regio Noord",
            website_url="https://www.regionoord.nl",
            privacy_url="https://www.regionoord.nl/privacy",
            terms_url="https://www.regionoord.nl/voorwaarden",
        )
    )
    assert data["id"] == CLIENT_ID
    assert data["bots"][0]["botId"] == CLIENT_ID
    assert data["version"] == "2.0.10"
    assert data["developer"] == {
        "name": "Regio Noord",
        "websiteUrl": "https://www.regionoord.nl",
        "privacyUrl": "https://www.regionoord.nl/privacy",
        "termsOfUseUrl": "https://www.regionoord.nl/voorwaarden",
    }
    assert data["validDomains"] == ["www.regionoord.nl"]
    assert not [s for s in strings(data) if "{{" in s or "}}" in s]


def test_the_defaults_are_the_projects_placeholder_site() -> None:
    data = manifest(CLIENT_ID)
    assert data["name"]["short"] == "Voortgang"
    assert data["version"] == "1.0.0"
    assert data["developer"]["websiteUrl"] == "https://voortgang.example.org"
    assert data["validDomains"] == ["voortgang.example.org"]
    assert manifest(CLIENT_ID, domain="bot.regionoord.nl")["validDomains"] == ["bot.regionoord.nl"]


def test_the_manifest_keeps_teams_rules() -> None:
    data = manifest(CLIENT_ID, name="V" * MAX_NAME)
    assert data["$schema"].endswith(f"/v{data['manifestVersion']}/MicrosoftTeams.schema.json")
    assert data["manifestVersion"] == "1.17"
    assert data["icons"] == {"color": "color.png", "outline": "outline.png"}
    assert data["accentColor"].startswith("#")
    assert len(data["accentColor"]) == 7
    int(data["accentColor"][1:], 16)
    assert len(data["name"]["short"]) <= 30
    assert len(data["name"]["full"]) <= 100
    assert len(data["description"]["short"]) <= 80
    assert len(data["description"]["full"]) <= 4000
    [bot] = data["bots"]
    assert bot["scopes"] == ["personal", "team", "groupChat"]
    assert bot["supportsFiles"] is True  # the file consent cards of draft briefs need it


def test_every_scope_has_a_command_list_within_teams_limits() -> None:
    lists = manifest(CLIENT_ID)["bots"][0]["commandLists"]
    scopes = [scope for lst in lists for scope in lst["scopes"]]
    assert sorted(scopes) == sorted(["personal", "team", "groupChat"])
    for lst in lists:
        assert 1 <= len(lst["commands"]) <= 10
        for command in lst["commands"]:
            assert 1 <= len(command["title"]) <= 32, command
            assert 1 <= len(command["description"]) <= 128, command


def test_every_suggested_command_is_one_the_bot_understands() -> None:
    data = manifest(CLIENT_ID)
    titles = {c["title"] for c in commands(data)}
    assert {"help", "mijn acties", "overzicht", "brief concept"} <= titles
    assert all(find_command(title) is not None for title in titles), titles


def test_the_same_input_gives_the_same_bytes() -> None:
    first = build_package(CLIENT_ID, version="1.0.0")
    assert build_package(CLIENT_ID, version="1.0.0") == first
    assert build_package(CLIENT_ID, version="1.0.1") != first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# -- the icons ---------------------------------------------------------------------------------


def test_the_icons_have_the_sizes_teams_wants() -> None:
    zipped = files(build_package(CLIENT_ID))
    assert icon(zipped["color.png"]).size == (192, 192)
    assert icon(zipped["outline.png"]).size == (32, 32)


def test_the_outline_icon_is_only_white_and_transparent() -> None:
    outline = pixels(icon(files(build_package(CLIENT_ID))["outline.png"]))
    assert {rgba[:3] for rgba in outline} == {WHITE}
    alphas = [rgba[3] for rgba in outline]
    assert alphas[0] == 0  # the corners are see-through
    assert sum(a == 255 for a in alphas) > 60  # and there is a mark to see


def test_the_color_icon_is_the_accent_colour_with_a_white_mark() -> None:
    color = icon(files(build_package(CLIENT_ID))["color.png"]).convert("RGBA")
    accent = manifest(CLIENT_ID)["accentColor"]
    rgb = tuple(int(accent[i : i + 2], 16) for i in (1, 3, 5))
    everything = pixels(color)
    assert everything[10 * 192 + 96] == (*rgb, 255)
    assert everything[0][3] == 0  # a rounded corner
    assert sum(c == (*WHITE, 255) for c in everything) > 1000


@pytest.mark.parametrize(
    ("file", "draw"), [("color.png", draw_color_icon), ("outline.png", draw_outline_icon)]
)
def test_the_committed_icons_are_what_the_drawing_makes(file: str, draw: Any) -> None:
    committed = Image.open(TEAMS_DIR / file).convert("RGBA")
    drawn: Image.Image = draw()
    assert committed.size == drawn.size
    assert committed.tobytes() == drawn.convert("RGBA").tobytes()


def test_write_icons_redraws_both_files(tmp_path: Path) -> None:
    package.write_icons(tmp_path)
    for file in ("color.png", "outline.png"):
        again = Image.open(tmp_path / file).convert("RGBA").tobytes()
        assert again == Image.open(TEAMS_DIR / file).convert("RGBA").tobytes()


# -- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "client_id",
    [
        "",
        "voortgang",
        "1b4f7c2e5a3d4e8f9c217d6b0a9e3f45",  # no dashes
        "{1b4f7c2e-5a3d-4e8f-9c21-7d6b0a9e3f45}",
        "1b4f7c2e-5a3d-4e8f-9c21-7d6b0a9e3f4g",
        "00000000-0000-0000-0000-000000000000",
    ],
)
def test_a_bad_client_id_is_refused(client_id: str) -> None:
    with pytest.raises(TeamsPackageError) as caught:
        build_package(client_id)
    assert caught.value.reason == "client_id"
    assert "geen geldige client-id" in str(caught.value)
    assert "GUID" in caught.value.message("en")
    assert "not a valid client id" in caught.value.message("en")


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        ({"version": "1.0"}, "version"),
        ({"version": "01.0.0"}, "version"),
        ({"version": "1.0.0-beta"}, "version"),
        ({"name": "V" * (MAX_NAME + 1)}, "name"),
        ({"name": "  "}, "name"),
        ({"developer_name": "D" * 33}, "developer_name"),
        ({"website_url": "http://voortgang.example.org"}, "url"),
        ({"privacy_url": "/home/privacy.html"}, "url"),
        ({"terms_url": "https://"}, "url"),
        ({"terms_url": "https://[voortgang"}, "url"),
        ({"website_url": " https://voortgang.example.org"}, "url"),
        ({"domain": "https://voortgang.example.org"}, "domain"),
        ({"domain": "voortgang.example.org/web"}, "domain"),
    ],
)
def test_values_teams_would_refuse_are_refused(options: dict[str, str], reason: str) -> None:
    with pytest.raises(TeamsPackageError) as caught:
        build_package(CLIENT_ID, **options)  # type: ignore[arg-type]
    assert caught.value.reason == reason
    assert caught.value.message("nl") != caught.value.message("en")


# -- the command line --------------------------------------------------------------------------


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path as working directory, and settings that do not depend on the machine."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'v.db'}")
    for name in ("VOORTGANG_LANGUAGE", "VOORTGANG_TIMEZONE", "VOORTGANG_EXAMPLE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cli(*argv: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    code = main([str(a) for a in argv], out=out)
    return code, out.getvalue()


def test_the_command_writes_the_package_and_says_where(here: Path) -> None:
    code, out = cli("teams-package", "--client-id", CLIENT_ID)
    assert (code, out) == (0, "Geschreven: voortgang-teams.zip\n")
    assert (here / "voortgang-teams.zip").read_bytes() == build_package(CLIENT_ID)


def test_the_command_takes_a_version_and_an_output_file(here: Path) -> None:
    target = here / "out" / "app.zip"
    target.parent.mkdir()
    code, out = cli("teams-package", "--client-id", CLIENT_ID, "--version", "1.4.0", "-o", target)
    assert (code, out) == (0, f"Geschreven: {target}\n")
    data = unpacked(target.read_bytes())
    assert (data["id"], data["version"]) == (CLIENT_ID, "1.4.0")


def test_the_command_refuses_a_bad_client_id_in_the_users_language(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("teams-package", "--client-id", "mijn-bot") == (1, "")
    assert "'mijn-bot' is geen geldige client-id" in capsys.readouterr().err
    monkeypatch.setenv("VOORTGANG_LANGUAGE", "en")
    assert cli("teams-package", "--client-id", "mijn-bot") == (1, "")
    assert "'mijn-bot' is not a valid client id" in capsys.readouterr().err
    assert not (here / "voortgang-teams.zip").exists()


def test_the_command_reports_a_file_it_cannot_write(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = cli("teams-package", "--client-id", CLIENT_ID, "-o", here / "missing" / "a.zip")
    assert code == 1
    assert "Kan " in capsys.readouterr().err


def test_the_client_id_is_required(here: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        cli("teams-package")
    assert caught.value.code == 2
