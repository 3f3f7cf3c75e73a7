"""Message.mentions in the outbox's JSON: written only when there are any, and read back."""

from __future__ import annotations

import json

from words.chat.messages import Message, Section


def test_mentions_round_trip_through_json_text() -> None:
    message = Message("Nog geen antwoord", sections=(Section("x"),), asks=(3,), mentions=(4, 9))
    stored = json.loads(json.dumps(message.to_json()))
    assert stored["mentions"] == [4, 9]
    assert Message.from_json(stored) == message


def test_a_message_without_mentions_writes_no_key_and_reads_as_none() -> None:
    assert "mentions" not in Message("hallo").to_json()
    assert Message.from_json({"text": "hallo", "form": None}).mentions == ()
