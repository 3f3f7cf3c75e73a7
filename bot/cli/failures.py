"""What went wrong for a command, in one line (or a list of a file's problems), and the exit
code that says what kind: 1 a bad file, deadline or other input; 2 usage (as argparse does)
or settings, the secret keys among them; 3 a database that cannot be used (where, what failed
and what to check); 4 a database whose schema this version does not know."""

from __future__ import annotations

import sys
from typing import Final

from sqlalchemy.exc import OperationalError

from bot.cli.common import CliError
from bot.cli.set_aside import OperateError
from config.secret_keys import MAKE_KEY
from config.settings import Settings
from storage.connect import CONNECT_TIMEOUT, DatabaseUnavailableError, describe
from storage.encryption import SecretKeysMissingError, UnreadableSecretError
from storage.migrating import SchemaUnknownError
from words.catalogue import t
from words.programme.doc import ProgrammeFileError

EXIT_INPUT, EXIT_SETTINGS, EXIT_DATABASE, EXIT_SCHEMA = 1, 2, 3, 4

# The command line's own errors, and what any command may meet on the way. This module is
# imported only when a command failed: what it checks for need not load for one that did not.
KNOWN: Final = (
    ProgrammeFileError,
    CliError,
    OperateError,
    SecretKeysMissingError,
    UnreadableSecretError,
    DatabaseUnavailableError,
    SchemaUnknownError,
    OperationalError,
)


def failed(err: Exception, settings: Settings) -> int:
    """Say what went wrong on standard error, in one line (or a list of a file's problems);
    the exit code says what kind of problem it was."""
    lang = settings.language
    if isinstance(err, ProgrammeFileError):
        print(t("cli.file_refused", lang, n=len(err.problems)), file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_INPUT
    if isinstance(err, SecretKeysMissingError | UnreadableSecretError):
        print(_secrets_line(err, lang), file=sys.stderr)
        return EXIT_SETTINGS
    if isinstance(err, OperationalError):
        # The database went away during a command, or refused what it was asked.
        err = describe(settings.database_url, err)
    if isinstance(err, DatabaseUnavailableError):
        print(database_line(err, lang), file=sys.stderr)
        return EXIT_DATABASE
    if isinstance(err, SchemaUnknownError):
        print(_schema_line(err, lang), file=sys.stderr)
        return EXIT_SCHEMA
    print(err, file=sys.stderr)
    return EXIT_INPUT


def database_line(err: DatabaseUnavailableError, lang: str) -> str:
    """Where the database is, what failed and what to check, in one line (never a password)."""
    what = t(f"db.what.{err.failure.value}", lang, detail=err.detail, seconds=CONNECT_TIMEOUT)
    check = t(f"db.check.{err.failure.value}", lang)
    return t("db.unavailable", lang, where=err.where, what=what, check=check)


def _schema_line(err: SchemaUnknownError, lang: str) -> str:
    if err.found is None:
        return t("db.schema_foreign", lang, where=err.where)
    return t("db.schema_unknown", lang, where=err.where, found=err.found, head=err.head)


def _secrets_line(err: SecretKeysMissingError | UnreadableSecretError, lang: str) -> str:
    if isinstance(err, SecretKeysMissingError):
        return t("secrets.missing", lang, command=MAKE_KEY)
    return t("secrets.plain" if err.plain else "secrets.unreadable", lang)
