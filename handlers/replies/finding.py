"""Which action a reply, button or form names, and whether the person may report on it."""

from __future__ import annotations

from collections.abc import Sequence

from handlers.context import Ctx
from handlers.permissions import may_update
from storage.models import Action
from storage.register import actions_by_ref
from storage.updates import action_by_id
from words.domain import Status
from words.numbers import is_digits, row_number


def split_ids(value: str) -> tuple[int, str] | None:
    """A button value "12:rest" as (12, "rest"); None when it is not one (or names a number
    no row can have)."""
    head, sep, rest = value.partition(":")
    number = row_number(head) if sep else None
    return None if number is None else (number, rest)


def programmes_of(ctx: Ctx) -> list[int]:
    return [m.programme_id for m in ctx.memberships]


def matching_actions(ctx: Ctx, ref: str, programme_ids: Sequence[int]) -> list[Action]:
    """The actions ``ref`` ("12", "#12", "OW 5") names, at most one in each programme."""
    return actions_by_ref(ctx.session, programme_ids, ref)


def refused_update(ctx: Ctx, action: Action) -> bool:
    refusal = may_update(ctx.session, ctx.person, action, ctx.today)
    if refusal is not None:
        ctx.tell(refusal)
    return refusal is not None


def action_named(ctx: Ctx, text: str) -> Action | None:
    """The action a button or form names by id; answers when it is gone or garbled."""
    number = row_number(text)
    found = None if number is None else action_by_id(ctx.session, number)
    if found is None:
        ctx.tell("replies.action_gone" if is_digits(text) else "replies.button_unknown")
    return found


def status_value(value: str) -> Status | None:
    try:
        return Status(value)
    except ValueError:
        return None
