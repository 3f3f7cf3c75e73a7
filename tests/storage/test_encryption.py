"""Platform tokens encrypted at rest, on both databases: what the tables hold is no token in
plain text, tokens round-trip through the stores, ``rotate-secrets`` re-encrypts every row with
the new key so the old one can go, and a key that does not fit gives the clear error."""

from __future__ import annotations

import io
import logging
from typing import Any

import pytest
from slack_sdk.oauth.installation_store import Installation
from sqlalchemy import Engine, Table, insert, select

from bot.cli.main import main
from bot.engine.opening import Register
from bot.slack.workspaces import WorkspacePort, Workspaces
from config.secret_keys import valid_key
from config.settings import SlackSettings
from storage.db import transaction
from storage.encryption import Secrets, UnreadableSecretError, is_sealed, new_key
from storage.models import SLACK_BOTS, SLACK_INSTALLATIONS, TeamsFileConsent
from storage.outbox import OutboxWriter
from storage.slack_installs import installation_store
from storage.teams_files import Upload, answer_of, save_answer, upload_url_of
from tests.conftest import TODAY, noon
from tests.fakes import add_person
from tests.secret_keys import KEY, NEW_KEY, SECRETS
from words.chat.delivery import Delivery, DeliveryKind
from words.chat.messages import File, Message
from words.chat.outgoing import ToPerson
from words.errors import DeliveryError

CLIENT = "1234.5678"
OAUTH = SlackSettings(signing_secret="s", client_id=CLIENT, client_secret="c")
# Slack's rotating tokens are long; encrypted they no longer fit slack_sdk's String(200).
REFRESH = "xoxe-1-" + "r" * 240
TOKENS = {
    "bot_token": "xoxb-emmen-bot-token",
    "bot_refresh_token": REFRESH,
    "user_token": "xoxp-emmen-user-token",
    "user_refresh_token": "xoxe-1-user-refresh",
    "incoming_webhook_url": "https://hooks.slack.com/services/T0EMMEN/B0HOOK/secretpart",
}
UPLOAD_URL = "https://emmen-my.sharepoint.com/personal/upload?tempauth=eyJ0eXAiOiJKV1Qi.upload"
NOW = noon(TODAY)
TEAMS = ("T0EMMEN", "T0DRENTHE")


def install(engine: Engine, secrets: Secrets, team: str = "T0EMMEN", when: int = 0) -> None:
    installation_store(engine, CLIENT, secrets).save(
        Installation(
            app_id="A0VOORTGANG",
            team_id=team,
            team_name=f"Werkruimte {team}",
            bot_id=f"B{team}",
            bot_user_id=f"UBOT{team}",
            bot_scopes="chat:write",
            user_id=f"UADMIN{team}",
            installed_at=float(1_700_000_000 + when),
            bot_token=TOKENS["bot_token"],
            bot_refresh_token=TOKENS["bot_refresh_token"],
            user_token=TOKENS["user_token"],
            user_refresh_token=TOKENS["user_refresh_token"],
            incoming_webhook_url=TOKENS["incoming_webhook_url"],
        )
    )


def allowed_file(register: Register, secrets: Secrets) -> int:
    """A file offered on Teams and allowed: its consent answer stored with an upload URL."""
    with transaction(register.sessions) as session:
        person = add_person(session, "Marieke", teams="aad-marieke")
        file = File("concept.docx", "application/octet-stream", b"bytes")
        outbox_id = OutboxWriter(session, NOW).send_file("f:1", ToPerson(person), file)
        save_answer(
            session,
            outbox_id=outbox_id,
            event_id="invoke-1",
            user_id="aad-marieke",
            service_url="https://smba.trafficmanager.net/teams/",
            conversation_id="a:chat",
            card_id="card-1",
            upload=Upload(UPLOAD_URL, "https://emmen-my/file", "uid-1", "docx", "concept.docx"),
            now=NOW,
            secrets=secrets,
        )
    return outbox_id


def raw_values(engine: Engine) -> list[Any]:
    """Every value of every row of the tables that hold tokens, as stored."""
    found: list[Any] = []
    with engine.connect() as conn:
        for table in (SLACK_BOTS, SLACK_INSTALLATIONS, TeamsFileConsent.__table__):
            assert isinstance(table, Table)
            for row in conn.execute(select(table)):
                found.extend(row)
    return found


def sealed_values(engine: Engine) -> list[str]:
    return [v for v in raw_values(engine) if isinstance(v, str) and is_sealed(v)]


def use(monkeypatch: pytest.MonkeyPatch, register: Register, *keys: str) -> None:
    monkeypatch.setenv("DATABASE_URL", register.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("VOORTGANG_SECRET_KEYS", ",".join(keys))
    monkeypatch.setenv("VOORTGANG_LANGUAGE", "en")


# -- at rest ---------------------------------------------------------------------------------


def test_the_tables_hold_no_token_in_plain_text_and_the_stores_give_them_back(
    register: Register,
) -> None:
    install(register.engine, SECRETS)
    outbox_id = allowed_file(register, SECRETS)
    stored = [str(v) for v in raw_values(register.engine) if v is not None]
    for secret in [*TOKENS.values(), UPLOAD_URL]:
        assert not any(secret in value for value in stored), secret
        assert not any("secretpart" in value or "tempauth" in value for value in stored)
    assert len(sealed_values(register.engine)) == 2 + 5 + 1  # bot row, install row, upload

    store = installation_store(register.engine, CLIENT, SECRETS)
    bot = store.find_bot(enterprise_id=None, team_id="T0EMMEN")
    assert bot is not None
    assert (bot.bot_token, bot.bot_refresh_token) == (TOKENS["bot_token"], REFRESH)
    found = store.find_installation(enterprise_id=None, team_id="T0EMMEN")
    assert found is not None
    assert {name: getattr(found, name) for name in TOKENS} == TOKENS
    with register.sessions() as session:
        answer = answer_of(session, outbox_id)
        assert answer is not None
        assert upload_url_of(answer, SECRETS) == UPLOAD_URL


def test_encrypting_the_same_token_twice_gives_two_different_values() -> None:
    # Fernet's random IV: equal tokens in two rows do not show as equal.
    assert SECRETS.encrypt("xoxb-1") != SECRETS.encrypt("xoxb-1")


# -- rotation --------------------------------------------------------------------------------


def test_rotation_reencrypts_every_row_with_the_new_key_and_then_the_old_can_go(
    register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(register.engine, SECRETS)
    allowed_file(register, SECRETS)
    with register.engine.begin() as conn:  # a bot token stored before encryption existed
        conn.execute(
            insert(SLACK_BOTS).values(
                client_id=CLIENT,
                app_id="A0VOORTGANG",
                team_id="T0DRENTHE",
                bot_token="xoxb-drenthe-plain",
                is_enterprise_install=False,
                installed_at=noon(TODAY).replace(tzinfo=None),
            )
        )
    before = sealed_values(register.engine)
    use(monkeypatch, register, NEW_KEY, KEY)
    out = io.StringIO()
    assert main(["rotate-secrets"], out=out) == 0
    assert out.getvalue().startswith(
        "9 stored tokens encrypted with the first key (1 of them was still in plain text). "
    )

    after = sealed_values(register.engine)
    assert len(after) == len(before) + 1  # the plain one too
    new_only, old_only = Secrets([NEW_KEY]), Secrets([KEY])
    for value in after:
        new_only.decrypt(value)  # the new key alone reads every one
        with pytest.raises(UnreadableSecretError):
            old_only.decrypt(value)  # the old key reads none: it can be dropped
    store = installation_store(register.engine, CLIENT, new_only)
    bots = {
        team: store.find_bot(enterprise_id=None, team_id=team) for team in ("T0EMMEN", "T0DRENTHE")
    }
    assert {team: bot.bot_token if bot else None for team, bot in bots.items()} == {
        "T0EMMEN": TOKENS["bot_token"],
        "T0DRENTHE": "xoxb-drenthe-plain",
    }


def test_rotation_with_a_key_missing_changes_nothing_and_says_which_setting(
    register: Register, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    install(register.engine, SECRETS)
    before = raw_values(register.engine)
    use(monkeypatch, register, NEW_KEY)  # KEY dropped too early
    assert main(["rotate-secrets"], out=io.StringIO()) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("VOORTGANG_SECRET_KEYS: a stored token cannot be decrypted")
    assert raw_values(register.engine) == before


# -- a key that does not fit -----------------------------------------------------------------


def test_a_wrong_key_is_a_clear_error_and_a_delivery_waits_for_the_key(
    register: Register, caplog: pytest.LogCaptureFixture
) -> None:
    install(register.engine, SECRETS)
    wrong = Secrets([NEW_KEY])
    store = installation_store(register.engine, CLIENT, wrong)
    with pytest.raises(UnreadableSecretError, match=r"^VOORTGANG_SECRET_KEYS: ") as raised:
        store.find_bot(enterprise_id=None, team_id="T0EMMEN")
    assert not raised.value.plain
    workspaces = Workspaces(OAUTH, register.engine, wrong)
    with caplog.at_level(logging.ERROR, logger="bot.slack.workspaces"):
        assert workspaces.token("T0EMMEN") is None
    [record] = caplog.records
    assert "VOORTGANG_SECRET_KEYS" in record.getMessage()
    assert TOKENS["bot_token"] not in caplog.text
    with pytest.raises(DeliveryError, match="VOORTGANG_SECRET_KEYS") as caught:
        WorkspacePort(workspaces, 5).deliver(
            Delivery("a", DeliveryKind.DM, "U1", "Rob", message=Message("x"), workspace="T0EMMEN")
        )
    assert not caught.value.permanent  # tried again with backoff once the key is back


def test_a_token_left_in_plain_text_says_to_run_rotate_secrets(register: Register) -> None:
    with register.engine.begin() as conn:
        conn.execute(
            insert(SLACK_BOTS).values(
                client_id=CLIENT,
                app_id="A0VOORTGANG",
                team_id="T0EMMEN",
                bot_token="xoxb-plain",
                is_enterprise_install=False,
                installed_at=noon(TODAY).replace(tzinfo=None),
            )
        )
    store = installation_store(register.engine, CLIENT, SECRETS)
    with pytest.raises(UnreadableSecretError, match="rotate-secrets") as raised:
        store.find_bot(enterprise_id=None, team_id="T0EMMEN")
    assert raised.value.plain


def test_secret_key_prints_a_new_fernet_key_each_time() -> None:
    first, second = io.StringIO(), io.StringIO()
    assert main(["secret-key"], out=first) == 0
    assert main(["secret-key"], out=second) == 0
    assert valid_key(first.getvalue().strip())
    assert first.getvalue() != second.getvalue()
    assert valid_key(new_key())
