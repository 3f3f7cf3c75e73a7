"""Naming an action in chat: the importer and the chat share one key grammar.

The same examples drive both sides: every key below is imported from a programme file and
then named in each of its spellings, through ``action_by_ref`` and through the references a
reply makes; every refused key is refused by the importer and is no key to the chat.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from bot.engine.opening import Register, import_file
from config.settings import Settings
from storage.models import Action, Programme
from storage.register import action_by_ref, actions_by_ref
from tests.programme_files import MINIMAL, write
from words.action_keys import is_action_key
from words.clock import FixedClock
from words.programme.doc import ProgrammeFileError
from words.references import references

# Each key as the file writes it, and how people write it in chat.
KEYS: dict[str, list[str]] = {
    "OW-05": ["OW-05", "OW-5", "OW 5", "ow5", "ow 05", "ow-05", "OW.05", "OW_5"],
    "LB-3": ["LB-3", "LB 3", "lb3", "LB-03", "Lb 03"],
    "W-a": ["W-a", "w-a", "W.a", "W-A"],
    "H-b": ["H-b", "h-b", "H-B", "h.b"],
    "W-c1": ["W-c1", "w-c1", "W-C-1", "w.c1"],
    "2024.1": ["2024.1", "2024-1", "2024.01"],
    "BER4": ["BER4", "ber4", "BER-4", "ber 4", "BER-04"],
    "RD-10": ["RD-10", "rd10", "RD 10"],
    "X.011": ["X.011", "x11", "X 11", "x-11"],
    "Q2": ["Q2", "q2", "Q-2", "Q 2"],
    "B": ["B", "b"],
}
# Keys the importer refuses, and the chat cannot name as written.
REFUSED = ["12", "2024", "OW-", "-OW", "OW--5", "a..b", "OW 5", "OW/5", "ÖW-5", "K" * 65]

ACTION = """\
  - key: '{key}'
    theme: wonen
    track: samen-doen
    title: Actie {n}
    owners: bert
    deadline: eind 2027
"""


def programme_file(keys: list[str]) -> str:
    head = MINIMAL[: MINIMAL.index("actions:")]
    return head + "actions:\n" + "".join(ACTION.format(key=k, n=n) for n, k in enumerate(keys))


@pytest.fixture
def keyed(register: Register, settings: Settings, clock: FixedClock, tmp_path: Path) -> Session:
    import_file(register, write(tmp_path, programme_file(list(KEYS))), settings, clock)
    return register.sessions()


def programme_id(session: Session) -> int:
    return session.scalars(select(Programme.id)).one()


@pytest.mark.parametrize("key", list(KEYS))
def test_the_importer_accepts_every_key_the_chat_names(key: str) -> None:
    assert is_action_key(key)


def test_every_spelling_names_its_action(keyed: Session) -> None:
    with keyed as session:
        pid = programme_id(session)
        for key, spellings in KEYS.items():
            for spelling in spellings:
                found = action_by_ref(session, pid, spelling)
                assert found is not None, spelling
                assert found.key == key, spelling


def test_every_spelling_in_a_reply_is_found_and_names_its_action(keyed: Session) -> None:
    with keyed as session:
        pid = programme_id(session)
        for key, spellings in KEYS.items():
            for spelling in spellings:
                if len(spelling) == 1:
                    text = f"{spelling}: loopt goed"  # a letter alone counts only as a label
                else:
                    text = f"Over {spelling}: loopt goed, verder niets."
                named = [
                    action.key
                    for ref in references(text)
                    for action in actions_by_ref(session, [pid], ref.text)
                ]
                assert named == [key], (spelling, references(text))


def test_a_number_is_the_action_number_not_a_key(keyed: Session) -> None:
    with keyed as session:
        pid = programme_id(session)
        second = action_by_ref(session, pid, "#2")
        assert second is not None
        assert second.number == 2
        assert action_by_ref(session, pid, "2") == second
        assert action_by_ref(session, pid, "99") is None
        assert action_by_ref(session, pid, "99999999999999999999") is None
        assert action_by_ref(session, pid, "²") is None


@pytest.mark.parametrize(
    "ref", ["OW-6", "OW", "W-c", "2024", "week 5", "LB 3 4", "%", "_", "OW-5%", ""]
)
def test_what_names_no_action(keyed: Session, ref: str) -> None:
    with keyed as session:
        assert action_by_ref(session, programme_id(session), ref) is None


@pytest.mark.parametrize("key", REFUSED)
def test_the_importer_refuses_what_the_chat_cannot_name(
    register: Register, settings: Settings, clock: FixedClock, tmp_path: Path, key: str
) -> None:
    assert not is_action_key(key)
    with pytest.raises(ProgrammeFileError) as refused:
        import_file(register, write(tmp_path, programme_file([key])), settings, clock)
    assert "actions[0].key" in str(refused.value)


def test_a_key_is_looked_up_in_two_queries_whatever_the_programmes(
    keyed: Session, register: Register, settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    other = programme_file(["OW-5"]).replace("key: mini", "key: mini2")
    import_file(register, write(tmp_path, other, "mini2.yaml"), settings, clock)
    with keyed as session:
        ids = list(session.scalars(select(Programme.id).order_by(Programme.id)))
        statements: list[str] = []

        def count(*args: object) -> None:
            statements.append(str(args[2]))

        engine = session.get_bind()
        event.listen(engine, "before_cursor_execute", count)
        try:
            found = actions_by_ref(session, ids, "ow 5")
        finally:
            event.remove(engine, "before_cursor_execute", count)
        # The keys of both programmes in one query, the actions named in a second.
        assert len(statements) == 2, statements
        assert [(a.programme_id, a.key) for a in found] == [(ids[0], "OW-05"), (ids[1], "OW-5")]
        assert all(isinstance(a, Action) for a in found)


@pytest.mark.parametrize("keys", [["OW-5", "ow-05"], ["W-1", "w-1"], ["2024.1", "2024-01"]])
def test_two_keys_the_chat_cannot_tell_apart_are_refused(
    register: Register, settings: Settings, clock: FixedClock, tmp_path: Path, keys: list[str]
) -> None:
    with pytest.raises(ProgrammeFileError) as refused:
        import_file(register, write(tmp_path, programme_file(keys)), settings, clock)
    # Shown as first written: the second is the same key to the chat.
    assert f"actions[1].key: '{keys[0]}' komt al eerder voor" in str(refused.value)
