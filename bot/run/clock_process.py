"""The clock process's wiring: the register once the database answers, the chat workers of
the platform that is configured (or the plain ones), and the job queue while this process
leads (bot.engine.jobqueue)."""

from __future__ import annotations

import logging
import threading
from contextlib import nullcontext

from bot.engine import clock_jobs as jobs
from bot.engine.channels import Channel, ClockWorkers
from bot.engine.jobqueue import lead
from bot.engine.opening import Register
from bot.engine.routing import configured_platforms
from bot.engine.startup import SignalStop, start_process, stop_on_signals
from bot.engine.supervisor import ChatWorkers, PlainWorkers
from config.settings import Settings
from words import logtext
from words.clock import Clock, SystemClock
from words.domain import Source

log = logging.getLogger(__name__)


def serve(settings: Settings) -> int:
    """``voortgang clock``: wait for the database, then run until a signal says stop."""
    register = start_process(settings)
    if register is None:
        return 0  # stopped while waiting for the database, as asked
    run_clock(register, settings, SystemClock())
    return 0


def run_clock(
    register: Register,
    settings: Settings,
    clock: Clock,
    stop: threading.Event | None = None,
) -> None:
    """Stand by until this process leads, then block running the jobs until stopped.

    Every clock process, leading or standing by, also handles the chat events the web process
    stored and delivers the outbox to the chat platform: both are safe to run in several.
    SIGTERM or SIGINT (a deploy, Ctrl-C), or ``stop`` when given, ends it within seconds: the
    schedule stops, the sender hands back what it claimed but did not send, the workers end.
    """
    with nullcontext(stop) if stop is not None else stop_on_signals() as stopping:
        workers = _chat_workers(register, settings, clock)
        workers.start()
        try:
            lead(register, settings, clock, stopping)
        finally:
            if isinstance(stopping, SignalStop) and stopping.signal_name:
                log.info(logtext.CLOCK_SIGNAL, stopping.signal_name)
            stopping.set()
            workers.stop()
            log.info(logtext.CLOCK_STOPPED)


def _chat_workers(register: Register, settings: Settings, clock: Clock) -> ChatWorkers:
    """One inbox worker, job runner and sender over every channel the settings configure;
    each platform's SDK is imported only when it is."""
    channels: list[Channel] = []
    # In the order routing names them, which the people page shows as where people are reached.
    for platform in configured_platforms(settings):
        if platform is Source.SLACK:
            from bot.slack.wiring import SlackChannel  # noqa: PLC0415 - only with Slack configured

            channels.append(SlackChannel(register, clock, settings))
        elif platform is Source.TEAMS:
            from bot.teams.wiring import TeamsChannel  # noqa: PLC0415 - only with Teams configured

            channels.append(TeamsChannel(register, clock, settings))
        elif platform is Source.EMAIL:
            from bot.email.wiring import EmailChannel  # noqa: PLC0415 - only with email configured

            channels.append(EmailChannel(register, clock, settings))
    if channels:
        return ClockWorkers(register, clock, settings, channels)
    return PlainWorkers(register, clock, settings, jobs.holder_name())
