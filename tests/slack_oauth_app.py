"""The Slack OAuth app the install tests play: its client credentials, where Slack's approval
page would be, and the "Add to Slack" link read off the install page."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "oauth-client-secret"
AUTHORIZE_URL = "https://slack.test/oauth/v2/authorize"  # never opened: the tests play Slack


def authorize_link(html: str) -> dict[str, list[str]]:
    """The query of the "Add to Slack" link on the install page."""
    found = re.search(r'<a href="([^"]+)"', html)
    assert found is not None, html
    link = unescape(found.group(1))
    assert link.startswith(AUTHORIZE_URL), link
    return parse_qs(urlsplit(link).query)
