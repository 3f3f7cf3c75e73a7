"""'actie <n>': one action's details, its proposed deadline and its full history."""

from __future__ import annotations

from handlers.context import Ctx
from handlers.permissions import may_read
from handlers.places import narrow, places_of
from handlers.wording import (
    action_ref,
    author_name,
    bullet,
    deadline_phrase,
    is_overdue,
    name_list,
    status_word,
    update_summary,
)
from storage.models import Action, DeadlineProposal, StatusUpdate
from storage.people import people_by_id
from storage.register import action_by_ref
from storage.summaries import action_with_history, open_proposals
from words.catalogue import t
from words.dates import long_date, moment
from words.numbers import format_number


def _find_action(ctx: Ctx, args: str, usage: str) -> Action | None:
    """The action ``args`` names in the person's programmes, or None after saying why."""
    places = places_of(ctx)
    if places is None:
        return None
    chosen, ref = narrow(args, places)
    if not ref:
        ctx.tell(usage)
        return None
    found = [
        a for m in chosen if (a := action_by_ref(ctx.session, m.programme_id, ref)) is not None
    ]
    if not found:
        ctx.tell("commands.unknown_action", ref=ref)
        return None
    if len(found) > 1:
        keys = ", ".join(a.programme.key for a in found)
        ctx.tell(
            "commands.which_programme", ref=ref, programmes=keys, example=found[0].programme.key
        )
        return None
    return found[0]


def action_details(ctx: Ctx, args: str) -> None:
    """'actie <n>': an action's details and full history, and any proposed deadline."""
    found = _find_action(ctx, args, "commands.details.usage")
    if found is None:
        return
    refusal = may_read(ctx.session, ctx.person, found.programme_id)
    if refusal is not None:
        ctx.tell(refusal)
        return
    action = action_with_history(ctx.session, found.id)
    if action is None:  # deleted between the two reads
        ctx.tell("commands.unknown_action", ref=args.strip())
        return
    lines = _details(action, ctx)
    proposal = open_proposals(ctx.session, [action.id]).get(action.id)
    if proposal is not None:
        lines.append(_proposal_line(ctx, proposal))
    lines.append(t("commands.details.history", ctx.lang))
    if not action.updates:
        lines.append(t("commands.details.no_history", ctx.lang))
    lines.extend(bullet(_history_line(u, ctx)) for u in action.updates)
    ctx.say("\n".join(lines))


def _details(action: Action, ctx: Ctx) -> list[str]:
    lang = ctx.lang
    lines = [
        action_ref(action, lang),
        t(
            "commands.details.theme",
            lang,
            theme=action.theme.name,
            programme=action.programme.name,
            track=action.track.name if action.track else "-",
        ),
        t("commands.details.owners", lang, owners=name_list(action.owners), n=len(action.owners)),
        t(
            "commands.details.deadline",
            lang,
            deadline=deadline_phrase(action, lang),
            overdue=t("commands.overdue_mark", lang) if is_overdue(action, ctx.today) else "",
        ),
        t("commands.details.status", lang, status=status_word(action.status, lang)),
    ]
    if action.description:
        lines.append(action.description)
    if action.kpi_target is not None:
        current = action.kpi_current if action.kpi_current is not None else 0
        lines.append(
            t(
                "commands.details.kpi",
                lang,
                current=format_number(current, lang),
                target=format_number(action.kpi_target, lang),
                unit=action.kpi_unit,
            )
        )
    return lines


def _proposal_line(ctx: Ctx, proposal: DeadlineProposal) -> str:
    proposer = proposal.proposed_by
    people = people_by_id(ctx.session, [proposer] if proposer is not None else [])
    name = people[proposer].name if proposer in people else t("commands.author.unknown", ctx.lang)
    return t(
        "commands.details.proposal",
        ctx.lang,
        text=proposal.text,
        date=long_date(proposal.due, ctx.lang),
        name=name,
    )


def _history_line(update: StatusUpdate, ctx: Ctx) -> str:
    lang = ctx.lang
    edited = t("commands.history.edited", lang) if update.edited_at is not None else ""
    line = t(
        "commands.history.line",
        lang,
        when=moment(update.created_at, ctx.zone, lang),
        author=author_name(update, lang),
        what=update_summary(update, lang),
        edited=edited,
    )
    if update.withdrawn_at is None:
        return line
    # Withdrawn updates count nowhere else, but the history keeps them, saying so.
    by = update.withdrawn_by
    return line + t(
        "commands.history.withdrawn",
        lang,
        name=by.name if by is not None else t("commands.author.unknown", lang),
        when=moment(update.withdrawn_at, ctx.zone, lang),
    )
