"""config/slack_manifest.yaml: what a workspace admin pastes must give the app what it uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.slack.app import COMMAND
from bot.slack.wiring import EVENTS_PATH

MANIFEST = Path(__file__).resolve().parents[3] / "config" / "slack_manifest.yaml"


def manifest() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return data


def test_the_slash_command_events_and_interactivity_point_at_the_one_endpoint() -> None:
    data = manifest()
    [command] = data["features"]["slash_commands"]
    assert command["command"] == COMMAND
    settings = data["settings"]
    urls = [command["url"], settings["event_subscriptions"]["request_url"]]
    urls.append(settings["interactivity"]["request_url"])
    assert all(url.endswith(EVENTS_PATH) for url in urls)
    assert settings["interactivity"]["is_enabled"] is True


def test_the_events_and_scopes_the_adapter_relies_on() -> None:
    data = manifest()
    events = set(data["settings"]["event_subscriptions"]["bot_events"])
    assert {"message.im", "app_home_opened", "app_mention", "message.channels"} <= events
    scopes = set(data["oauth_config"]["scopes"]["bot"])
    needed = {"chat:write", "im:write", "im:history", "commands", "files:write"}
    assert needed | {"users:read", "users:read.email", "channels:read"} <= scopes
    assert data["features"]["app_home"]["home_tab_enabled"] is True
