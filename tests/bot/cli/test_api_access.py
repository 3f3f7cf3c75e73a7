"""``voortgang api-token``: a token is printed once and kept as its hash, listed without it,
and revoked at once; making and revoking it are in the audit trail."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bot.engine.opening import Register, import_file
from config.settings import Settings
from storage import api_tokens
from storage.models import ApiToken, AuditEntry
from tests.cli_world import cli, cli_register
from tests.conftest import REGIODEAL
from words.clock import FixedClock


@pytest.fixture
def register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> Register:
    return cli_register(tmp_path, monkeypatch, clock)


def test_a_new_token_is_printed_once_alone_and_kept_as_its_hash(
    register: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = cli("api-token", "create", "-p", "boce", "--name", "Power BI  dashboard")
    assert code == 0
    token = out.strip()
    assert out == token + "\n"  # alone on standard output: TOKEN=$(voortgang api-token ...)
    told = capsys.readouterr().err
    assert "Token 1 (Power BI dashboard) voor boce:" in told
    assert "niet nog eens getoond" in told
    with register.sessions() as session:
        grant = api_tokens.grant_of(session, token)
        assert grant is not None
        assert grant.name == "Power BI dashboard"
        row = session.scalars(select(ApiToken)).one()
        assert row.token_hash != token
        assert token not in repr(session.execute(select(ApiToken.__table__)).all())
        entry = session.scalars(select(AuditEntry)).one()
        assert (entry.what, entry.subject, entry.via) == ("api_token.create", "token 1", "cli")
        assert entry.programme_id == grant.programme_id


def test_one_programme_needs_no_key_and_two_do(
    register: Register, settings: Settings, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("api-token", "create", "--name", "dashboard")[0] == 0
    import_file(register, REGIODEAL, settings, clock)
    capsys.readouterr()
    assert cli("api-token", "create", "--name", "dashboard") == (1, "")
    assert "kies er een met --programme" in capsys.readouterr().err
    assert cli("api-token", "create", "-p", "onbekend", "--name", "x")[0] == 1
    assert "onbekend" in capsys.readouterr().err


def test_a_token_needs_a_name(register: Register, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("api-token", "create", "-p", "boce", "--name", "   ") == (1, "")
    assert "--name" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        cli("api-token", "create", "-p", "boce")
    assert usage.value.code == 2


def test_tokens_are_listed_without_the_tokens(
    register: Register, settings: Settings, clock: FixedClock
) -> None:
    assert cli("api-token", "list") == (0, "Er zijn geen API-tokens.\n")
    import_file(register, REGIODEAL, settings, clock)
    _, first = cli("api-token", "create", "-p", "boce", "--name", "Power BI")
    _, second = cli("api-token", "create", "-p", "regiodeal-zod", "--name", "Grafana")
    code, listed = cli("api-token", "list")
    assert code == 0
    lines = listed.splitlines()
    assert lines[0].split() == [
        "id",
        "programma",
        "naam",
        "gemaakt",
        "laatst",
        "gebruikt",
        "ingetrokken",
    ]
    assert lines[2].split()[:4] == ["1", "boce", "Power", "BI"]
    assert "nooit" in lines[2]
    assert lines[3].split()[:3] == ["2", "regiodeal-zod", "Grafana"]
    assert first.strip() not in listed
    assert second.strip() not in listed
    only = cli("api-token", "list", "-p", "regiodeal-zod")[1]
    assert "Grafana" in only
    assert "Power BI" not in only


def test_a_revoked_token_reads_nothing_and_says_when_it_was_revoked(
    register: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = cli("api-token", "create", "-p", "boce", "--name", "Power BI")
    assert cli("api-token", "revoke", "1") == (0, "Token 1 (Power BI, boce) is ingetrokken.\n")
    with register.sessions() as session:
        assert api_tokens.grant_of(session, out.strip()) is None
        whats = session.scalars(select(AuditEntry.what).order_by(AuditEntry.id)).all()
        assert whats == ["api_token.create", "api_token.revoke"]
    code, again = cli("api-token", "revoke", "1")
    assert code == 0
    assert again.startswith("Token 1 (Power BI, boce) was al ingetrokken op ")
    with register.sessions() as session:
        assert len(session.scalars(select(AuditEntry)).all()) == 2  # nothing changed
    listed = cli("api-token", "list")[1].splitlines()[2]
    assert listed.count("20") >= 2  # created and revoked: both moments shown
    capsys.readouterr()
    assert cli("api-token", "revoke", "7") == (1, "")
    assert capsys.readouterr().err.strip() == "Er is geen token 7."
