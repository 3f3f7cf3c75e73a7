"""``voortgang api-token``: the tokens integrations read a programme's API with.

``create`` prints the new token once, alone on standard output (so a script can take it:
``TOKEN=$(voortgang api-token create -p boce --name "Power BI")``), and what to do with it on
standard error; only its hash is stored. ``list`` shows every token but never a token itself;
``revoke`` ends one at once. Making and revoking a token are written in the audit trail, as
changes made through the web are.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import IO, Final

from bot.cli.common import CliError
from bot.cli.database import open_checked
from bot.cli.programmes import pick_programme
from bot.cli.table import render_table
from bot.engine.opening import Register
from config.settings import Settings
from storage import api_tokens, audit
from storage.db import transaction
from storage.register import programme_by_key
from words.catalogue import t
from words.clock import Clock, SystemClock

ACTOR: Final = "voortgang api-token"  # who, in the audit trail: the command line's operator


def cmd_api_token(args: argparse.Namespace, settings: Settings, out: IO[str]) -> int:
    return api_token(args, settings, open_checked(settings), out)


def api_token(
    args: argparse.Namespace,
    settings: Settings,
    register: Register,
    out: IO[str],
    clock: Clock | None = None,
) -> int:
    now = (clock if clock is not None else SystemClock()).now()
    if args.action == "create":
        return _create(args, settings, register, out, now)
    if args.action == "revoke":
        return _revoke(args, settings, register, out, now)
    return _list(args, settings, register, out)


def _create(
    args: argparse.Namespace, settings: Settings, register: Register, out: IO[str], now: datetime
) -> int:
    lang = settings.language
    name = " ".join(args.name.split())
    if not name:
        raise CliError(t("api.cli.no_name", lang))
    key = pick_programme(register, args.programme, lang)
    with transaction(register.sessions) as session:
        programme = programme_by_key(session, key)
        assert programme is not None  # noqa: S101 - pick_programme found it
        token_id, token = api_tokens.create(session, programme.id, name, now)
        audit.record(
            session,
            at=now,
            origin=audit.Origin(),
            person_id=None,
            actor=ACTOR,
            programme_id=programme.id,
            what="api_token.create",
            subject=f"token {token_id}",
            detail={"name": name[: api_tokens.NAME_LIMIT]},
            via="cli",
        )
    print(t("api.cli.created", lang, id=token_id, name=name, programme=key), file=sys.stderr)
    print(token, file=out)
    print(t("api.cli.shown_once", lang), file=sys.stderr)
    return 0


def _revoke(
    args: argparse.Namespace, settings: Settings, register: Register, out: IO[str], now: datetime
) -> int:
    lang = settings.language
    with transaction(register.sessions) as session:
        before = {row.id: row for row in api_tokens.tokens(session)}.get(args.id)
        if before is None:
            raise CliError(t("api.cli.unknown", lang, id=args.id))
        row = api_tokens.revoke(session, args.id, now)
        assert row is not None  # noqa: S101 - it was there a moment ago, in this transaction
        if before.revoked_at is None:
            programme = programme_by_key(session, row.programme_key)
            audit.record(
                session,
                at=now,
                origin=audit.Origin(),
                person_id=None,
                actor=ACTOR,
                programme_id=None if programme is None else programme.id,
                what="api_token.revoke",
                subject=f"token {row.id}",
                detail={"name": row.name},
                via="cli",
            )
    said = {"id": row.id, "name": row.name, "programme": row.programme_key}
    if before.revoked_at is not None:
        at = _moment(before.revoked_at, settings)
        print(t("api.cli.was_revoked", lang, at=at, **said), file=out)
    else:
        print(t("api.cli.revoked", lang, **said), file=out)
    return 0


def _list(args: argparse.Namespace, settings: Settings, register: Register, out: IO[str]) -> int:
    lang = settings.language
    # An unknown key is refused with the keys there are, as everywhere on the command line.
    key = None if args.programme is None else pick_programme(register, args.programme, lang)
    with register.sessions() as session:
        programme = None if key is None else programme_by_key(session, key)
        rows = api_tokens.tokens(session, None if programme is None else programme.id)
    if not rows:
        print(t("api.cli.none", lang), file=out)
        return 0
    columns = ("id", "programme", "name", "created", "used", "revoked")
    headers = [t(f"api.cli.col.{c}", lang) for c in columns]
    cells = [
        [
            str(row.id),
            row.programme_key,
            row.name,
            _moment(row.created_at, settings),
            t("api.cli.never", lang)
            if row.last_used_at is None
            else _moment(row.last_used_at, settings),
            t("api.cli.active", lang)
            if row.revoked_at is None
            else _moment(row.revoked_at, settings),
        ]
        for row in rows
    ]
    print(render_table(headers, cells, [8, 24, 40, 16, 16, 16]), file=out)
    return 0


def _moment(moment: datetime, settings: Settings) -> str:
    return moment.astimezone(settings.zone).strftime("%Y-%m-%d %H:%M")
