"""The Teams SDK for Python (``microsoft-teams-apps``), imported in one place.

Importing the SDK warns about a preview feature (HTML widgets) that Voortgang does not use;
that one warning is silenced here, so the web process's log and the tests' output stay about
Voortgang. Everything else the SDK says is left as it is.
"""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    warnings.filterwarnings(
        "ignore", message="HtmlWidgetSecurityPolicy is in preview", category=FutureWarning
    )
    from microsoft_teams.api.activities import MessageActivity
    from microsoft_teams.api.auth.cloud_environment import PUBLIC, CloudEnvironment, with_overrides
    from microsoft_teams.apps import ActivityContext, App, FastAPIAdapter
    from microsoft_teams.apps.auth import TokenValidator

__all__ = [
    "PUBLIC",
    "ActivityContext",
    "App",
    "CloudEnvironment",
    "FastAPIAdapter",
    "MessageActivity",
    "TokenValidator",
    "with_overrides",
]
