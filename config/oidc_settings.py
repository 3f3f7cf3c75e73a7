"""Sign-in by OpenID Connect: the provider and this app's registration with it.

Read from the environment by ``config.settings`` (VOORTGANG_OIDC_*), used by ``bot.web.oidc``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final
from urllib.parse import urlsplit

# Entra ID's addresses for any tenant: their documents name no issuer of their own
# (".../{tenantid}/v2.0"), and taking any tenant's word would let another organisation's
# administrators vouch for an address of this one.
ANY_TENANT: Final = frozenset({"common", "organizations", "consumers"})


@dataclass(frozen=True, slots=True)
class OidcSettings:
    """An organisation's own provider (Entra ID, Keycloak, ...), when VOORTGANG_OIDC_ISSUER,
    VOORTGANG_OIDC_CLIENT_ID and VOORTGANG_OIDC_CLIENT_SECRET are set."""

    # As the provider names itself in its discovery document and its ID tokens; that document
    # is at {issuer}/.well-known/openid-configuration. For Entra ID one tenant's issuer,
    # https://login.microsoftonline.com/<tenant id>/v2.0: see bot.web.oidc.
    issuer: str
    client_id: str
    client_secret: str = field(repr=False)
    name: str | None = None  # the sign-in button's label ("Microsoft"); None: a general one

    @property
    def discovery_url(self) -> str:
        # OpenID Connect Discovery 1.0, section 4: a trailing "/" of the issuer is dropped first.
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


def issuer_problem(issuer: str) -> str | None:
    """What makes ``issuer`` unusable beyond not being https, or None."""
    parsed = urlsplit(issuer)
    if parsed.query or parsed.fragment:
        return "an issuer has no ? or #"
    first = parsed.path.strip("/").split("/")[0]
    if parsed.hostname == "login.microsoftonline.com" and first.lower() in ANY_TENANT:
        return f"Entra ID's {first!r} takes any tenant; use the tenant's own issuer"
    return None
