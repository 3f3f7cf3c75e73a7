"""Sign-in by OpenID Connect, the authorization code flow with PKCE: ``begin`` sends the
browser to the provider with a fresh state, nonce and code verifier (kept in a signed cookie),
``finish`` checks what the browser brings back and, when all is well, says whose verified email
address the provider vouched for. Finding the person and starting the session is the pages'
work (``oidc_pages``).

A provider's answer is used once: ``finish`` remembers the states it has seen until their
cookies expire, so the same answer brought back again (a reload, a copied address with its
cookie) is refused before the code goes anywhere. That memory is this process's; across
processes the provider's own rule covers it, a code is exchanged once (Entra ID: AADSTS54005).
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final
from urllib.parse import urlsplit

from authlib.common.security import generate_token

from bot.web.core.signing import Signer
from bot.web.oidc.oidc_cookie import LIFETIME, CookieError, Pending, seal, unseal
from bot.web.oidc.oidc_provider import (
    GrantRefusedError,
    Provider,
    TokenRejectedError,
    UnreachableError,
    error_code,
)
from config.oidc_settings import OidcSettings
from words import logtext
from words.clock import Clock

BACK_PATH: Final = "/inloggen/oidc/terug"  # registered with the provider as the redirect URI
START_PATH: Final = "/inloggen/oidc"
HOME: Final = "/"
MAX_SEEN: Final = 10_000  # answers remembered at once: far above sign-ins in ten minutes
MAX_NEXT: Final = 500
MAX_EMAIL: Final = 320
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Begun:
    """Where to send the browser, and the cookie to set on the way."""

    location: str
    cookie: str


@dataclass(frozen=True, slots=True)
class Verified:
    """The provider vouched for ``email`` (lower case) through ``claim``."""

    email: str
    claim: str
    next_path: str


@dataclass(frozen=True, slots=True)
class Refusal:
    """No sign-in: ``reason`` names the catalogue's text (web.oidc.<reason>); ``code`` is the
    provider's error code when it gave one, ``email`` the address nobody in Voortgang has."""

    reason: str
    status: int
    code: str = ""
    email: str = ""


class OidcFlow:
    def __init__(
        self,
        settings: OidcSettings,
        public_url: str,
        clock: Clock,
        signer: Signer,
        provider: Provider | None = None,
    ) -> None:
        self.settings = settings
        self.redirect_uri = public_url.rstrip("/") + BACK_PATH
        self.clock = clock
        self.signer = signer
        self.provider = provider if provider is not None else Provider(settings, clock)
        self._seen: dict[str, datetime] = {}

    async def begin(self, next_path: str | None, lang: str) -> Begun | Refusal:
        """A fresh sign-in; a Refusal only when the provider cannot be reached."""
        pending = Pending(
            state=generate_token(32),
            nonce=generate_token(32),
            # RFC 7636: 43 to 128 characters of its unreserved set, which generate_token uses.
            verifier=generate_token(64),
            expires_at=self.clock.now() + LIFETIME,
            next_path=local_path(next_path),
        )
        try:
            location = await self.provider.authorization_url(
                redirect_uri=self.redirect_uri,
                state=pending.state,
                nonce=pending.nonce,
                verifier=pending.verifier,
                lang=lang,
            )
        except UnreachableError as err:
            return _refused("unavailable", 502, err.reason)
        return Begun(location, seal(pending, self.signer))

    async def finish(self, query: Mapping[str, str], cookie: str | None) -> Verified | Refusal:
        """The provider's answer (the query of the address it sent the browser back to),
        checked against the cookie ``begin`` set."""
        pending = self._pending(query, cookie)
        if isinstance(pending, Refusal):
            return pending
        code = _code_in(query, self.settings.issuer)
        if isinstance(code, Refusal):
            return code
        claims = await self._claims(code, pending)
        if isinstance(claims, Refusal):
            return claims
        found = verified_email(claims, self.settings.issuer)
        if found is None:
            return _refused("no_email", 403, "no verified email")
        email, claim = found
        log.info(logtext.OIDC_SIGNED_IN, claim)
        return Verified(email, claim, pending.next_path)

    def _pending(self, query: Mapping[str, str], cookie: str | None) -> Pending | Refusal:
        """The sign-in this answer belongs to: begun in this browser, not too long ago, and
        answered for the first time."""
        now = self.clock.now()
        try:
            pending = unseal(cookie, self.signer, now)
        except CookieError as err:
            return _refused("expired", 400, err.reason)
        # As bytes: compare_digest refuses text that is not ASCII, which a forged answer may be.
        if not hmac.compare_digest(query.get("state", "").encode(), pending.state.encode()):
            return _refused("expired", 400, "state differs")
        if not self._first_time(pending, now):
            return _refused("used", 400, "answer brought back again")
        return pending

    async def _claims(self, code: str, pending: Pending) -> dict[str, Any] | Refusal:
        """The code exchanged, and the claims of the ID token that came with it, checked."""
        try:
            tokens = await self.provider.exchange(
                code=code, redirect_uri=self.redirect_uri, verifier=pending.verifier
            )
            access = tokens.get("access_token")
            return await self.provider.verify(
                tokens["id_token"],
                nonce=pending.nonce,
                access_token=access if isinstance(access, str) else None,
            )
        except GrantRefusedError as err:
            return _refused("provider_error", 400, err.reason, code=err.reason)
        except UnreachableError as err:
            return _refused("unavailable", 502, err.reason)
        except TokenRejectedError as err:
            return _refused("bad_token", 403, err.reason)

    def _first_time(self, pending: Pending, now: datetime) -> bool:
        """True the first time an answer to this sign-in comes back, remembered until its
        cookie has expired anyway."""
        for state in [s for s, until in self._seen.items() if until <= now]:
            del self._seen[state]
        if pending.state in self._seen:
            return False
        if len(self._seen) >= MAX_SEEN:  # the oldest first: it expires soonest anyway
            del self._seen[next(iter(self._seen))]
        self._seen[pending.state] = pending.expires_at
        return True


def _code_in(query: Mapping[str, str], issuer: str) -> str | Refusal:
    """The authorization code in the provider's answer, or why there is none."""
    # RFC 9207: a provider that names itself in its answer (Entra ID does not, Keycloak does)
    # must name the one this sign-in went to.
    if "iss" in query and query["iss"].rstrip("/") != issuer.rstrip("/"):
        return _refused("bad_token", 403, "iss of the answer")
    if "error" in query:
        code = error_code(query["error"])
        reason = "denied" if code == "access_denied" else "provider_error"
        return _refused(reason, 400, code, code=code)
    code = query.get("code", "")
    return code if code else _refused("provider_error", 400, "no_code")


def verified_email(claims: Mapping[str, Any], issuer: str) -> tuple[str, str] | None:
    """The email address the provider vouches for, and the claim it came from; None when it
    vouches for none.

    ``email`` counts unless ``email_verified`` says false (OpenID Connect Core 5.1; Keycloak and
    Google send it): a provider that lets people type any address says so there. Entra ID sends
    no ``email_verified``: its ``email`` is the mail attribute the tenant's administrators set,
    and with ``xms_edov`` (when the app asks for it) it says whether the tenant owns that
    domain; false refuses too. Only one tenant's issuer is accepted (see oidc_provider), so
    another tenant cannot claim an address of this organisation's domain.

    Without ``email`` (Entra ID sends it only for accounts with a mailbox, and only with the
    optional claim configured), Entra ID's ``upn``, then ``preferred_username``: a user
    principal name is an address in one of the tenant's verified domains, which most
    organisations make the same as the mail address. Only for Entra ID tokens of the configured
    tenant (``tid`` in the issuer's path): elsewhere ``preferred_username`` is a name people may
    choose themselves (Keycloak), not an address anyone checked.
    """
    email = claims.get("email")
    if isinstance(email, str) and email.strip():
        if _false(claims.get("email_verified")) or _false(claims.get("xms_edov")):
            return None
        return _address(email, "email")
    tenant = claims.get("tid")
    if not isinstance(tenant, str) or not tenant or tenant not in urlsplit(issuer).path.split("/"):
        return None
    for claim in ("upn", "preferred_username"):
        value = claims.get(claim)
        if isinstance(value, str) and value.strip():
            return _address(value, claim)
    return None


def local_path(value: str | None) -> str:
    """Where to go after signing in: a path on this site, or the start page. Never another
    site: ``//host``, ``/\\host`` and ``https://host`` all lead away."""
    if (
        value is None
        or not value.startswith("/")
        or value.startswith("//")
        or len(value) > MAX_NEXT
        or any(c.isspace() or not c.isprintable() or c == "\\" for c in value)
    ):
        return HOME
    return value


def _address(value: str, claim: str) -> tuple[str, str] | None:
    address = value.strip().lower()
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain or len(address) > MAX_EMAIL or " " in address:
        return None
    return address, claim


def _false(value: object) -> bool:
    # Some providers send the booleans as text ("false").
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


def _refused(reason: str, status: int, why: str, *, code: str = "") -> Refusal:
    log.info(logtext.OIDC_REFUSED, reason, why)
    return Refusal(reason, status, code=code)
