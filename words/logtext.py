"""Every log message of Voortgang, in one place.

Logs are read by whoever runs the bot, not by the people in the programme, so they are in
English and stay out of the catalogue. Texts use ``logging``'s %-style placeholders: pass the
values as arguments (``log.info(logtext.SENT, key, ref)``), so nothing is formatted for a
level that is switched off. Texts also stored with a row (an outbox error) are small functions.
"""

from __future__ import annotations

from typing import Final
from urllib.parse import urlsplit

# bot.engine.sender: one line per outcome of a message.
SENT: Final = "outbox %s: delivered as %s"
RECONCILED: Final = "outbox %s: was already delivered as %s; marked sent without sending again"
RETRYING: Final = "outbox %s: attempt %d failed (%s); next try at %s"
FAILED: Final = "outbox %s: given up: %s"
CLAIM_LOST: Final = "outbox %s: claim was taken over by another sender; its state is left alone"
RELEASED: Final = "outbox %s and after: %d claimed message(s) handed back untried"
CLAIMED: Final = "sender %s claimed %d message(s), %d of them ambiguous"
PAUSED: Final = "sender %s: platform paused until %s"
STOPPED: Final = "sender %s stopped"
DELIVERY_BUG: Final = "outbox %s: the port failed unexpectedly; tried again later"

# bot.engine.leader: who runs the clock.
LEADER_ACQUIRED: Final = "leadership %r acquired by this process"
LEADER_STANDBY: Final = "leadership %r held elsewhere; standing by, asking every %g s"
LEADER_RELEASED: Final = "leadership %r released"
LEADER_LOST: Final = "leadership %r lost: its database connection broke (%s)"


# bot.run.clock_process and bot.engine.clock_jobs: the clock process.
CLOCK_STANDBY: Final = "clock: another clock process leads; standing by"
CLOCK_LEADING: Final = "clock: this process leads; starting the schedule"
TICK: Final = "tick: %d ping message(s) queued, %d reminder(s), %d escalation(s)"
DIGEST: Final = "digest of programme %s: %d message(s) queued"
# handlers.checkins.schedule: a stored check-in rule that planning does not expand.
RULE_SKIPPED: Final = "programme %s: check-in rule %r skipped: %s"

# bot.engine.handle: events from the chat platforms.
DUPLICATE_EVENT: Final = "%s event %s was handled before; ignored"
EVENT_RETRY: Final = "event row %s: a concurrent write conflicted; handling it once more"
EVENT_FAILED: Final = "event row %s: handling failed: %s"
EVENT_NO_APOLOGY: Final = "event row %s: no apology could be queued; the failure is recorded"
EVENT_SET_ASIDE: Final = "event row %s: set aside after %d failed attempts (voortgang set-aside)"
# bot.engine.worker and bot.engine.supervisor: the clock process's threads.
WORKER_DATABASE: Final = "%s: the database is not available (%s); trying again in %g s"
WORKER_FAILED: Final = "%s: a round failed; going on in %g s"
SENDER_ROUND_FAILED: Final = "sender %s: a round failed (%s); going on in %g s"
JOBS_NOT_RELEASED: Final = (
    "stopping: the job under way could not be handed back (%s); its lease ends it"
)
CHORE_FAILED: Final = "%s: the chore between sends failed; tried again next time"
CLOCK_SIGNAL: Final = "clock: %s received; stopping (claims handed back, work in flight finished)"
CATCH_UP_FAILED: Final = "clock: catching up missed digests failed; the weekly ones go on"
CLOCK_STOPPED: Final = "clock: stopped"
THREAD_DIED: Final = "thread %s ended by an error:\n%s"
THREAD_RESTARTED: Final = "thread %s ended unexpectedly; started again (restart %d)"
HEARTBEAT_FAILED: Final = "%s: its heartbeat could not be written: %s"

# bot.teams: the Teams adapter.
TEAMS_KEYS_FAILED: Final = "teams: the Bot Framework's signing keys could not be fetched: %s"
TEAMS_REFUSED: Final = "teams: request refused (%s): %s"
TEAMS_MODE: Final = "teams: serving POST %s for app %s"
TEAMS_LOOKUP_FAILED: Final = "teams: looking up a member failed: %s"
TEAMS_LISTING_FAILED: Final = "teams: listing the channels of team %s failed: %s"
TEAMS_TASK_FAILED: Final = "teams: work after an acknowledgement failed: %r"
# bot.teams.app and bot.teams.files: files offered with a consent card.
TEAMS_CONSENT_STORED: Final = "teams: outbox %s: the file was %s in Teams (invoke %s)"
TEAMS_CONSENT_AGAIN: Final = "teams: outbox %s: its consent card was answered already; %s ignored"
TEAMS_CONSENT_IGNORED: Final = "teams: invoke %s answers a card of %r, not a file for %s; ignored"
TEAMS_CONSENT_NOT_STORED: Final = "teams: the answer of invoke %s could not be stored: %s"
TEAMS_FILES_STARTED: Final = "teams: files allowed in Teams are uploaded by this process"
TEAMS_FILE_SHOWN: Final = "teams: outbox %s: file uploaded to OneDrive and shown in the chat"
TEAMS_FILE_DECLINED: Final = "teams: outbox %s: file declined; its card now says so"
TEAMS_FILE_RETRYING: Final = "teams: outbox %s: attempt %d at the allowed file failed: %s"
TEAMS_FILE_FAILED: Final = "teams: outbox %s: allowed file given up: %s"
TEAMS_FILE_NOT_TOLD: Final = "teams: outbox %s: the card could not say that the file failed: %s"
TEAMS_FILES_DATABASE: Final = "teams: files: the database failed (%s); trying again in %g s"

# bot.engine.intake: storing events in the web process before they are acknowledged.
INTAKE_FAILED: Final = "%d event(s) not stored, so not acknowledged (the platform retries): %s"

# bot.web.update_pages: the update form could not reach the register (the person is told).
WEBFORM_DATABASE: Final = "update form: the database did not answer (%s); answered 503"
WEB_DATABASE: Final = "web app: the database did not answer (%s); answered 503"

# bot.web.api: the read-only API could not note a token's last use (the read goes ahead; a
# later call notes it). The database's own failure is logged by bot.web.core.site.
API_USE_NOT_NOTED: Final = "api: last use of token %d not noted; the database did not answer"


# bot.engine.startup and storage.migrating: reaching the database and its schema at start.
DATABASE_WAITING: Final = "database at %s not usable (%s); attempt %d, next in %.1f s"
DATABASE_REACHED: Final = "database answers, at attempt %d"
DATABASE_WAIT_STOPPED: Final = "stopped while waiting for the database (signal %s)"
MIGRATING: Final = "schema: migrating from %s to %s"
MIGRATION_WAITING: Final = "schema: another process holds the migration lock; waiting for it"

# Tokens stored encrypted (storage.encryption): the error names the setting, never the token.
SLACK_UNDECRYPTABLE: Final = "slack: workspace %s: %s"


# Errors stored on an outbox row (OutboxMessage.error): read by operators and the digest.
def no_identity(person_id: int, platform: str) -> str:
    return f"person {person_id} has no {platform} identity"


def not_installed(workspace: str | None) -> str:
    if workspace is None:
        return (
            "the Slack app is installed in several workspaces and this programme names none "
            "(programme.slack_workspace in its file)"
        )
    return f"the Slack app is not installed in workspace {workspace}"


def no_person() -> str:
    return "the person of this direct message no longer exists"


def parent_missing(kind: str) -> str:
    return f"the message this {kind} belongs to no longer exists"


def parent_failed(kind: str, parent_id: int) -> str:
    return f"the message this {kind} belongs to (outbox {parent_id}) was never delivered"


def teams_refused(since: str) -> str:
    return f"teams: the bot was refused this person's chat on {since} (app removed or blocked)"


def teams_file_place(kind: str) -> str:
    return (
        f"teams: a file can only be offered in a 1:1 chat; for a {kind} Teams needs it in "
        "SharePoint, which the bot cannot write to"
    )


def teams_file_size(size: int, limit: int) -> str:
    return f"teams: a file of {size} bytes cannot be offered (1 to {limit} bytes)"


def teams_upload_url(url: str) -> str:
    # Only the scheme and host: the rest of an upload URL is a credential (storage.encryption).
    try:
        parts = urlsplit(url)
        where = f"{parts.scheme}://{parts.hostname}" if parts.hostname else "no host"
    except ValueError:
        where = "unreadable"
    return f"teams upload: not an https address in SharePoint or OneDrive: {where}"


def teams_upload_failed(error: str, detail: str) -> str:
    text = f"teams upload: {error}: {detail}" if detail else f"teams upload: {error}"
    return text[:160]


def teams_no_upload_url() -> str:
    return "teams upload: the answer holds no upload URL"


def teams_file_gone(outbox_id: int) -> str:
    return f"teams upload: outbox {outbox_id} holds no file (any more)"


def retry_after(seconds: float) -> str:
    return f"platform asked to retry after {seconds:g} s"


def no_channel() -> str:
    return "the channel message names no channel"


CHANNELS_STARTED = "clock workers %s started for %s"
FELL_BACK = "outbox %s: %s cannot reach the person (%s); sent by email instead"


def no_chat_for_channel(channel: str) -> str:
    return f"no chat platform is configured for the channel {channel!r}"


def platform_off(platform: str) -> str:
    return f"{platform} is not configured in this deployment"


# bot.console.chat: the local chat.
CONSOLE_FILE_NOT_SAVED: Final = "console: could not save a file the bot handed over to %s: %s"

# bot.slack: the Slack adapter.
SLACK_TASK_FAILED: Final = "slack: handling an event after its acknowledgement failed: %r"
SLACK_HOME_FAILED: Final = "slack: could not publish the App Home of %s: %s"
SLACK_FORM_FAILED: Final = "slack: could not open the update form: %s"
SLACK_SENDER_STARTED: Final = "slack: sender %s started"
SLACK_MODE: Final = "slack: listening in %s mode"
SLACK_REFUSED: Final = "slack: request refused (%s): %s"
SLACK_LOOKUP_FAILED: Final = "slack: looking people up by email failed: %s"

# bot.engine.worker: the inbox worker in the clock process.
WORKER_STARTED: Final = "inbox worker started: handling stored chat events"
WORKER_STOPPED: Final = "inbox worker stopped"
SLACK_INSTALLED: Final = "slack: installed in workspace %s (%s)"
SLACK_REVOKED: Final = "slack: the app's tokens in workspace %s were revoked (%s)"
SLACK_NO_WORKSPACE: Final = "slack: no bot token for workspace %s: the app is not installed there"

# bot.engine.jobrunner: work done outside a chat event's transaction (letters).
JOB_DONE: Final = "job %s (%s): done in %.0f ms (reading %.0f ms, writing %.0f ms)"
JOB_FAILED: Final = "job %s (%s): attempt %d failed"
JOB_RETRY: Final = "job %s (%s): will be tried again"
JOB_SET_ASIDE: Final = "job %s (%s): set aside after %d attempt(s): %s"
JOB_CLAIM_LOST: Final = (
    "job %s (%s): its claim was taken over by another runner; result not written"
)
JOB_RUNNER_FAILED: Final = "job runner %s: could not reach the jobs; trying again shortly"
JOB_RUNNER_STARTED: Final = "job runner %s started"
JOB_RUNNER_STOPPED: Final = "job runner %s stopped"

# bot.web.oidc: sign-in by OpenID Connect. No address, name or subject of a person: the reason
# is a code ("state", "InvalidClaimError: aud", "access_denied").
OIDC_KEYS: Final = "oidc: fetched the provider's signing keys (%d)"
OIDC_STALE: Final = "oidc: the discovery document could not be fetched again (%s); kept the last"
OIDC_REFUSED: Final = "oidc: sign-in refused: %s (%s)"
OIDC_SIGNED_IN: Final = "oidc: signed in through the provider (claim %s)"
