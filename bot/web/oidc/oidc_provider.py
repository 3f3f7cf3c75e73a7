"""The OpenID provider as Voortgang talks to it: its discovery document and signing keys,
fetched and kept for a while; a code exchanged for tokens; the ID token checked.

Authlib does the protocol's parts: the provider's metadata is checked with its
``OpenIDProviderMetadata``, the client authenticates at the token endpoint with its
``ClientAuth``, the token request's body is its ``prepare_token_request`` and the ID token's
claims are checked by its ``CodeIDToken``; the signature is checked by joserfc, Authlib's own
JOSE library, against the keys the provider publishes. httpx carries the requests, with a
timeout and never following a redirect.

Two of Authlib's defaults are not enough here, so they are set explicitly (see ``verify``): its
claims check compares ``aud`` with the client id only when told to, and it accepts whatever
signing algorithms the provider's metadata lists. Here ``iss``, ``aud``, ``exp``, ``iat`` and
``sub`` are required and compared, the nonce must be the one sent, and only asymmetric
algorithms count: a key the client knows (the secret, an HMAC) proves nothing about the
provider.
"""

from __future__ import annotations

import asyncio
import json
import logging
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any, Final, cast
from urllib.parse import urlsplit

import httpx
from authlib.oauth2.auth import ClientAuth
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri, prepare_token_request
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from authlib.oidc.core import CodeIDToken
from authlib.oidc.discovery import OpenIDProviderMetadata
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet

from config.oidc_settings import OidcSettings
from config.settings import LOOPBACK_HOSTS
from words import logtext
from words.clock import Clock
from words.errors import VoortgangError

# The discovery document and the keys are kept this long; a token signed with a key not among
# them fetches the keys again at once (a provider rolling its keys), but at most once in
# AGAIN, so tokens with made-up key ids cannot make every request a fetch.
KEEP: Final = timedelta(hours=24)
AGAIN: Final = timedelta(minutes=5)
# Clocks differ a little between the provider and this server.
LEEWAY: Final = timedelta(seconds=60)
TIMEOUT: Final = httpx.Timeout(10.0)
MAX_DOCUMENT: Final = 1024 * 1024  # a discovery document or key set is a few kilobytes
SCOPE: Final = "openid email profile"
# The discovery document's fields that Authlib checks (present, https, RS256 among the
# algorithms, and so on).
REQUIRED: Final = (
    "issuer",
    "authorization_endpoint",
    "token_endpoint",
    "jwks_uri",
    "response_types_supported",
    "subject_types_supported",
    "id_token_signing_alg_values_supported",
)
# Signatures only the provider can make: never an HMAC, whose key is the client's secret.
ASYMMETRIC: Final = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)
log = logging.getLogger(__name__)


class ProviderError(VoortgangError):
    """The sign-in could not be completed with the provider; ``reason`` is for the log only
    (a short code, never personal data)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UnreachableError(ProviderError):
    """The provider did not answer, or not as a provider should (its documents, its keys)."""


class GrantRefusedError(ProviderError):
    """The provider's token endpoint said no (``invalid_grant``: a code used twice or expired);
    ``reason`` is the OAuth error code it gave."""


class TokenRejectedError(ProviderError):
    """The ID token failed a check: signature, issuer, audience, expiry or nonce."""


@dataclass(frozen=True, slots=True)
class Metadata:
    """What Voortgang uses of the provider's discovery document."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    algorithms: tuple[str, ...]
    auth_method: str  # client_secret_basic or client_secret_post


class Provider:
    """One provider, its documents kept between sign-ins (one instance per web process)."""

    def __init__(self, settings: OidcSettings, clock: Clock) -> None:
        self.settings = settings
        self.clock = clock
        self._metadata: Metadata | None = None
        self._metadata_at: datetime | None = None
        self._keys: KeySet | None = None
        self._again_at: datetime | None = None  # when an unknown key id last fetched them
        self._lock = asyncio.Lock()

    async def authorization_url(
        self, *, redirect_uri: str, state: str, nonce: str, verifier: str, lang: str
    ) -> str:
        """Where the browser goes to sign in: the code flow with PKCE (S256)."""
        metadata = await self.metadata()
        url: str = prepare_grant_uri(
            metadata.authorization_endpoint,
            self.settings.client_id,
            "code",
            redirect_uri=redirect_uri,
            scope=SCOPE,
            state=state,
            nonce=nonce,
            code_challenge=create_s256_code_challenge(verifier),
            code_challenge_method="S256",
            ui_locales=lang,
        )
        return url

    async def exchange(self, *, code: str, redirect_uri: str, verifier: str) -> dict[str, Any]:
        """The code and the PKCE verifier traded for the token response (with ``id_token``)."""
        metadata = await self.metadata()
        body = prepare_token_request(
            "authorization_code", code=code, redirect_uri=redirect_uri, code_verifier=verifier
        )
        auth = ClientAuth(
            self.settings.client_id, self.settings.client_secret, metadata.auth_method
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
        }
        url, headers, body = auth.prepare("POST", metadata.token_endpoint, headers, body)
        try:
            async with _client() as client:
                response = await client.post(url, content=body, headers=headers)
        except httpx.HTTPError as err:
            raise UnreachableError(f"token endpoint: {type(err).__name__}") from err
        answer = _json_object(response)
        if response.status_code in {400, 401} and answer is not None:
            error = answer.get("error")
            raise GrantRefusedError(
                error_code(error) if isinstance(error, str) else "no_error_code"
            )
        if response.status_code != 200 or answer is None:
            raise UnreachableError(f"token endpoint: HTTP {response.status_code}")
        if not isinstance(answer.get("id_token"), str):
            raise UnreachableError("token endpoint: no id_token")
        if str(answer.get("token_type", "")).lower() != "bearer":
            raise UnreachableError("token endpoint: token_type is not Bearer")
        return answer

    async def verify(
        self, id_token: str, *, nonce: str, access_token: str | None
    ) -> dict[str, Any]:
        """The ID token's claims, once its signature and claims have passed every check."""
        metadata = await self.metadata()
        keys = await self._key_set(metadata, again=False)
        try:
            try:
                token = jwt.decode(id_token, keys, algorithms=list(metadata.algorithms))
            except InvalidKeyIdError:
                # Perhaps a key the provider has rolled in since the keys were fetched.
                keys = await self._key_set(metadata, again=True)
                token = jwt.decode(id_token, keys, algorithms=list(metadata.algorithms))
            params: dict[str, Any] = {"nonce": nonce, "client_id": self.settings.client_id}
            if access_token is not None:
                params["access_token"] = access_token  # at_hash is checked when it is there
            claims = CodeIDToken(
                token.claims,
                token.header,
                {
                    "iss": {"essential": True, "value": metadata.issuer},
                    "aud": {"essential": True, "value": self.settings.client_id},
                    "sub": {"essential": True},
                    "exp": {"essential": True},
                    "iat": {"essential": True},
                    "nonce": {"essential": True, "value": nonce},
                },
                params,
            )
            now = self.clock.now()
            claims.validate(now=int(now.timestamp()), leeway=int(LEEWAY.total_seconds()))
        except (JoseError, ValueError) as err:
            raise TokenRejectedError(_rejection(err)) from err
        return dict(claims)

    async def metadata(self) -> Metadata:
        """The discovery document, fetched once a KEEP (under a lock: one fetch at a time).
        When fetching it again fails, the one kept serves, tried again AGAIN later: the
        provider's documents change seldom, and its other addresses may well still answer."""
        async with self._lock:
            now = self.clock.now()
            kept = self._metadata
            if (
                kept is not None
                and self._metadata_at is not None
                and now - self._metadata_at < KEEP
            ):
                return kept
            try:
                fresh = await self._discover()
            except UnreachableError as err:
                if kept is None:
                    raise
                log.warning(logtext.OIDC_STALE, err.reason)
                # Tried again in a few minutes, not at every request of every sign-in.
                self._metadata_at = now - KEEP + AGAIN
                return kept
            self._metadata, self._metadata_at = fresh, now
            self._keys = None  # new metadata, perhaps new keys
            return fresh

    async def _discover(self) -> Metadata:
        document = await _fetch_json(self.settings.discovery_url, "discovery")
        metadata = OpenIDProviderMetadata(document)
        try:
            # What the code flow uses, checked one by one: the whole of validate() also wants
            # token_endpoint_auth_signing_alg_values_supported beside private_key_jwt, which
            # Entra ID's document lists without it, so every Entra ID tenant would fail.
            for check in REQUIRED:
                getattr(metadata, f"validate_{check}")()
        except ValueError as err:
            raise UnreachableError(f"discovery: {err}") from err
        issuer = str(document["issuer"])
        # Discovery 1.0, section 4.3: the document is the configured issuer's own. Entra ID's
        # "common" and "organizations" documents name no issuer of their own
        # (".../{tenantid}/v2.0"), so they stop here instead of at every token.
        if issuer.rstrip("/") != self.settings.issuer.rstrip("/"):
            raise UnreachableError("discovery: its issuer is not VOORTGANG_OIDC_ISSUER")
        endpoints = {
            name: str(document[name])
            for name in ("authorization_endpoint", "token_endpoint", "jwks_uri")
        }
        for name, url in endpoints.items():
            # Authlib allows http wherever AUTHLIB_INSECURE_TRANSPORT is set; this does not.
            if not _secure(url):
                raise UnreachableError(f"discovery: {name} is not https")
        offered = document["id_token_signing_alg_values_supported"]
        algorithms = tuple(a for a in offered if a in ASYMMETRIC)
        if not algorithms:  # never reached past the check above, which wants RS256 listed
            raise UnreachableError("discovery: no asymmetric signing algorithm")
        return Metadata(
            issuer=issuer,
            algorithms=algorithms,
            auth_method=_auth_method(document.get("token_endpoint_auth_methods_supported")),
            **endpoints,
        )

    async def _key_set(self, metadata: Metadata, *, again: bool) -> KeySet:
        async with self._lock:
            now = self.clock.now()
            lately = self._again_at is not None and now - self._again_at < AGAIN
            if self._keys is not None and (not again or lately):
                return self._keys
            if again:
                self._again_at = now
            document = await _fetch_json(metadata.jwks_uri, "keys")
            listed = document.get("keys")
            # Only signing keys: a key set may also hold keys to encrypt to the provider.
            signing = [
                key
                for key in (listed if isinstance(listed, list) else [])
                if isinstance(key, dict) and key.get("use", "sig") == "sig"
            ]
            try:
                self._keys = KeySet.import_key_set({"keys": signing})
            except (JoseError, ValueError) as err:
                raise UnreachableError(f"keys: {type(err).__name__}") from err
            log.info(logtext.OIDC_KEYS, len(signing))
            return self._keys


def _client() -> httpx.AsyncClient:
    # A client a request: sign-ins are few, and a client outliving an event loop is trouble.
    return httpx.AsyncClient(verify=_trusted(), timeout=TIMEOUT, follow_redirects=False)


@cache
def _trusted() -> ssl.SSLContext:
    """The system's certificate authorities, read once: reading them takes a tenth of a
    second, which each new client would otherwise spend on the event loop."""
    return ssl.create_default_context()


async def _fetch_json(url: str, what: str) -> dict[str, Any]:
    try:
        async with _client() as client:
            response = await client.get(url, headers={"Accept": "application/json"})
    except httpx.HTTPError as err:
        raise UnreachableError(f"{what}: {type(err).__name__}") from err
    if response.status_code != 200:
        raise UnreachableError(f"{what}: HTTP {response.status_code}")
    if len(response.content) > MAX_DOCUMENT:
        raise UnreachableError(f"{what}: larger than {MAX_DOCUMENT} bytes")
    document = _json_object(response)
    if document is None:
        raise UnreachableError(f"{what}: not a JSON object")
    return document


def _json_object(response: httpx.Response) -> dict[str, Any] | None:
    try:
        value = json.loads(response.content)
    except ValueError:  # json.JSONDecodeError and UnicodeDecodeError are both ValueErrors
        return None
    return cast(dict[str, Any], value) if isinstance(value, dict) else None


def _secure(url: str) -> bool:
    parsed = urlsplit(url)
    return parsed.scheme == "https" or (
        parsed.scheme == "http" and parsed.hostname in LOOPBACK_HOSTS
    )


def _auth_method(offered: object) -> str:
    """How the client proves itself at the token endpoint: client_secret_basic, which the
    specification makes the default when the provider lists nothing, else client_secret_post."""
    methods = offered if isinstance(offered, list) else ["client_secret_basic"]
    if "client_secret_basic" in methods:
        return "client_secret_basic"
    if "client_secret_post" in methods:
        return "client_secret_post"
    raise UnreachableError("discovery: neither client_secret_basic nor client_secret_post")


def error_code(value: str) -> str:
    """An OAuth error code as it may be logged and shown: letters, digits and ``_-.``, at most
    40; never the provider's description, which may name the person (AADSTS50105 does)."""
    kept = "".join(c for c in value if c.isascii() and (c.isalnum() or c in "_-."))
    return kept[:40] or "unknown"


def _rejection(err: Exception) -> str:
    """Why a token was refused, for the log: the claim's name or the kind of failure; the
    claims' values (a person's address, their id) are never part of it."""
    claim = getattr(err, "claim", None)
    if isinstance(claim, str):
        return f"{type(err).__name__}: {claim}"
    return type(err).__name__
