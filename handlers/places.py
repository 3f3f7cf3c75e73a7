"""The programmes the person asking takes part in, and picking one of them by its key.

Commands work in each programme with the role the person has there; where the programme
matters and they are in several, they name it by its key ("overzicht boce").
"""

from __future__ import annotations

from collections.abc import Sequence

from handlers.context import Ctx
from storage.models import Membership


def places_of(ctx: Ctx) -> list[Membership] | None:
    """The person's memberships, or None after saying that they are in no programme."""
    places = sorted(ctx.memberships, key=lambda m: m.programme.key)
    if not places:
        ctx.tell("perm.unknown_person")
        return None
    return places


def narrow(args: str, places: Sequence[Membership]) -> tuple[list[Membership], str]:
    """A programme key at the start or end of ``args`` picks that programme."""
    words = args.split()
    by_key = {m.programme.key: m for m in places}
    if words and words[0].lower() in by_key:
        return [by_key[words[0].lower()]], " ".join(words[1:])
    if len(words) > 1 and words[-1].lower() in by_key:
        return [by_key[words[-1].lower()]], " ".join(words[:-1])
    return list(places), args.strip()
