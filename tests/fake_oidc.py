"""A fake OpenID provider on a loopback port, shaped like one Entra ID tenant (v2.0 endpoints):
for the tests of sign-in by OpenID Connect (bot.web.oidc).

It serves what a real client uses, with Entra ID's paths and payloads::

    /<tenant>/v2.0/.well-known/openid-configuration    the discovery document
    /<tenant>/discovery/v2.0/keys                      the signing keys (JWKS, with x5c)
    /<tenant>/oauth2/v2.0/authorize                    redirects back with code and state
    /<tenant>/oauth2/v2.0/token                        the code (once, with its PKCE verifier)
                                                       for an RS256-signed ID token

and refuses what Entra ID refuses: an unknown client or redirect address, a missing PKCE
challenge, a code used twice (AADSTS54005), a verifier that does not fit its challenge
(AADSTS501481), a wrong client secret (AADSTS7000215). Who signs in is the test's choice::

    with FakeProvider(clock) as provider:
        provider.user = provider.person("rob.jansen@emmen.nl", name="Rob Jansen")
        ... follow the authorize address: provider.answer(url) is where it sends the browser

The ID token is signed with PyJWT, not with the library under test. ``provider.forge`` changes
the next ID token (another key, audience, nonce, expiry); ``provider.deny`` makes the next
authorize answer an error. Every request is counted by path (``provider.hits``).
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import threading
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from typing import Any, Final
from urllib.parse import parse_qsl, urlencode, urlsplit

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from jwt.algorithms import RSAAlgorithm

from tests.loopback import LoopbackServer
from words.clock import Clock

TENANT: Final = "9188040d-6c67-4c5b-b112-36a304b66dad"
CLIENT_ID: Final = "6cb04018-a3f5-46a7-b995-940c78f5aef3"
CLIENT_SECRET: Final = "Qx8Q~fake.secret_-value"  # Entra ID's secrets look like this
KEY_ID: Final = "L1KfKFI_jnXbwWc22xZxw1sUHH0"
# Making an RSA key takes a noticeable moment: the provider's key and a forger's, once.
KEY: Final = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY: Final = rsa.generate_private_key(public_exponent=65537, key_size=2048)
Body = dict[str, Any]
CLAIMS_SUPPORTED: Final = [
    *("sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name"),
    *("msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username"),
    *("name", "tid", "ver", "at_hash", "c_hash", "email"),
]


def _certificate(key: rsa.RSAPrivateKey) -> x509.Certificate:
    """The self-signed certificate Entra ID publishes beside each key (``x5c``)."""
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "accounts.accesscontrol.fake")])
    start = datetime(2026, 1, 1, tzinfo=UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=5 * 365))
        .sign(key, hashes.SHA256())
    )


def public_jwk(key: rsa.RSAPrivateKey, kid: str, issuer: str) -> Body:
    """A key as Entra ID lists it in its JWKS."""
    der = _certificate(key).public_bytes(serialization.Encoding.DER)
    thumbprint = base64.urlsafe_b64encode(hashlib.sha1(der).digest()).rstrip(b"=").decode()  # noqa: S324 - x5t is SHA-1 by definition (RFC 7517)
    jwk: Body = RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
    return {
        "kty": "RSA",
        "use": "sig",
        "kid": kid,
        "x5t": thumbprint,
        "n": jwk["n"],
        "e": jwk["e"],
        "x5c": [base64.b64encode(der).decode()],
        "cloud_instance_name": "microsoftonline.com",
        "issuer": issuer,
    }


@dataclass
class Forgery:
    """What the next ID token does differently: a test's attack or a provider's mistake."""

    key: rsa.RSAPrivateKey | None = None  # sign with another key
    kid: str | None = None  # under another key id
    claims: Body = field(default_factory=dict)  # claims changed (aud, nonce, exp, iss...)
    leave_out: tuple[str, ...] = ()


@dataclass
class Grant:
    """A code handed out by /authorize, waiting to be exchanged once."""

    redirect_uri: str
    challenge: str
    nonce: str | None
    user: Body
    used: bool = False


class FakeProvider(LoopbackServer):
    what = "the fake OpenID provider"

    def __init__(self, clock: Clock, *, tenant: str = TENANT) -> None:
        super().__init__()
        self.clock = clock
        self.tenant = tenant
        self.client_id = CLIENT_ID
        self.client_secret = CLIENT_SECRET
        self.redirect_uris: set[str] = set()  # registered with the app; empty: any
        self.user: Body = {}
        self.forge: Forgery | None = None
        self.deny: str | None = None  # the error of the next authorize answer
        self.extra_keys: list[Body] = []  # listed beside the provider's own key
        self.discovery: Body = {}  # changes to the discovery document
        self.grants: dict[str, Grant] = {}
        self.hits: Counter[str] = Counter()
        self.authorize_queries: list[dict[str, str]] = []
        self.token_requests: list[tuple[dict[str, str], str]] = []  # form, Authorization
        self._lock = threading.Lock()

    # --- addresses ------------------------------------------------------------------------

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def issuer(self) -> str:
        return f"{self.base}/{self.tenant}/v2.0"

    def person(self, email: str | None, *, name: str = "Rob Jansen", **claims: Any) -> Body:
        """The claims Entra ID puts in the ID token of a member of the tenant; ``email=None``:
        an account without a mailbox (no ``email`` claim), ``claims`` add or change others."""
        upn = email if email is not None else "rob.jansen@emmen.onmicrosoft.com"
        body: Body = {
            "name": name,
            "oid": str(uuid.uuid4()),
            "preferred_username": upn,
            "sub": base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode(),
            "tid": self.tenant,
            "ver": "2.0",
            "aio": "AWQAm/8bAAAA" + uuid.uuid4().hex,
            "rh": "0.AXkA" + uuid.uuid4().hex,
            "uti": uuid.uuid4().hex[:22],
            "sid": str(uuid.uuid4()),
        }
        if email is not None:
            body["email"] = email
        return body | claims

    def document(self) -> Body:
        login = f"{self.base}/{self.tenant}"
        document: Body = {
            "token_endpoint": f"{login}/oauth2/v2.0/token",
            "token_endpoint_auth_methods_supported": [
                "client_secret_post",
                "private_key_jwt",
                "client_secret_basic",
            ],
            "jwks_uri": f"{login}/discovery/v2.0/keys",
            "response_modes_supported": ["query", "fragment", "form_post"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
            "issuer": self.issuer,
            "request_uri_parameter_supported": False,
            "userinfo_endpoint": f"{self.base}/oidc/userinfo",
            "authorization_endpoint": f"{login}/oauth2/v2.0/authorize",
            "device_authorization_endpoint": f"{login}/oauth2/v2.0/devicecode",
            "http_logout_supported": True,
            "frontchannel_logout_supported": True,
            "end_session_endpoint": f"{login}/oauth2/v2.0/logout",
            "claims_supported": CLAIMS_SUPPORTED,
            "kerberos_endpoint": f"{login}/kerberos",
            "tenant_region_scope": "EU",
            "cloud_instance_name": "microsoftonline.com",
            "cloud_graph_host_name": "graph.windows.net",
            "msgraph_host": "graph.microsoft.com",
            "rbac_url": "https://pas.windows.net",
        }
        return document | self.discovery

    def keys(self) -> Body:
        return {"keys": [public_jwk(KEY, KEY_ID, self.issuer), *self.extra_keys]}

    # --- the browser's side ---------------------------------------------------------------

    def answer(self, authorize_url: str) -> str:
        """Where /authorize sends the browser: what a person who signs in there sees last."""
        parts = urlsplit(authorize_url)
        connection = http.client.HTTPConnection(parts.netloc, timeout=10)
        try:
            connection.request("GET", f"{parts.path}?{parts.query}")
            response = connection.getresponse()
            assert response.status == 302, response.read()
            return str(response.getheader("Location"))
        finally:
            connection.close()

    # --- the provider -------------------------------------------------------------------

    def handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake.serve(self, {})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                form = dict(parse_qsl(self.rfile.read(length).decode()))
                fake.serve(self, form)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - base's name
                """Quiet: the requests are counted instead."""

        return Handler

    def serve(self, request: BaseHTTPRequestHandler, form: dict[str, str]) -> None:
        parts = urlsplit(request.path)
        path = parts.path
        with self._lock:
            self.hits[path.rpartition("/")[2]] += 1
        prefix = f"/{self.tenant}"
        if path == f"{prefix}/v2.0/.well-known/openid-configuration":
            _json(request, 200, self.document())
        elif path == f"{prefix}/discovery/v2.0/keys":
            _json(request, 200, self.keys())
        elif path == f"{prefix}/oauth2/v2.0/authorize":
            self._authorize(request, dict(parse_qsl(parts.query)))
        elif path == f"{prefix}/oauth2/v2.0/token" and request.command == "POST":
            self._token(request, form)
        else:
            _json(request, 404, {"error": "not_found"})

    def _authorize(self, request: BaseHTTPRequestHandler, query: dict[str, str]) -> None:
        with self._lock:
            self.authorize_queries.append(query)
        redirect = query.get("redirect_uri", "")
        if query.get("client_id") != self.client_id:
            _json(request, 400, _entra_error("unauthorized_client", 700016))
            return
        if self.redirect_uris and redirect not in self.redirect_uris:
            _json(request, 400, _entra_error("invalid_request", 50011))
            return
        back: dict[str, str]
        if self.deny is not None:
            back = {
                "error": self.deny,
                # Entra ID's descriptions can name the person; the app must not show or log them.
                "error_description": "AADSTS50105: The signed in user 'rob.jansen@emmen.nl' is "
                "not assigned to a role for the application.",
            }
            self.deny = None
        elif (
            query.get("response_type") != "code"
            or "openid" not in query.get("scope", "").split()
            or query.get("code_challenge_method") != "S256"
            or not query.get("code_challenge")
        ):
            back = {"error": "invalid_request", "error_description": "AADSTS9002325: PKCE"}
        else:
            code = "1.AXkA" + base64.urlsafe_b64encode(uuid.uuid4().bytes * 4).decode()
            with self._lock:
                self.grants[code] = Grant(
                    redirect, query["code_challenge"], query.get("nonce"), dict(self.user)
                )
            back = {"code": code}
        if "state" in query:
            back["state"] = query["state"]
        back["session_state"] = str(uuid.uuid4())
        request.send_response(302)
        request.send_header("Location", f"{redirect}?{urlencode(back)}")
        request.send_header("Content-Length", "0")
        request.end_headers()

    def _token(self, request: BaseHTTPRequestHandler, form: dict[str, str]) -> None:
        authorization = request.headers.get("Authorization", "")
        with self._lock:
            self.token_requests.append((form, authorization))
            grant = self.grants.get(form.get("code", ""))
            fresh = grant is not None and not grant.used
            if grant is not None:
                grant.used = True
        if _client(authorization, form) != (self.client_id, self.client_secret):
            _json(request, 401, _entra_error("invalid_client", 7000215))
        elif form.get("grant_type") != "authorization_code" or grant is None:
            _json(request, 400, _entra_error("invalid_grant", 9002313))
        elif not fresh:
            _json(request, 400, _entra_error("invalid_grant", 54005))
        elif form.get("redirect_uri") != grant.redirect_uri:
            _json(request, 400, _entra_error("invalid_grant", 500112))
        elif _s256(form.get("code_verifier", "")) != grant.challenge:
            _json(request, 400, _entra_error("invalid_grant", 501481))
        else:
            access = "eyJ0eXAiOiJKV1QiLCJub25jZSI6Imdy" + uuid.uuid4().hex  # Graph's: opaque
            _json(
                request,
                200,
                {
                    "token_type": "Bearer",
                    "scope": "openid profile email User.Read",
                    "expires_in": 4437,
                    "ext_expires_in": 4437,
                    "access_token": access,
                    "id_token": self.id_token(grant),
                },
            )

    def id_token(self, grant: Grant) -> str:
        now = int(self.clock.now().timestamp())
        body: Body = {
            "aud": self.client_id,
            "iss": self.issuer,
            "iat": now,
            "nbf": now,
            "exp": now + 3600,
            **grant.user,
        }
        if grant.nonce is not None:
            body["nonce"] = grant.nonce
        forge, self.forge = self.forge or Forgery(), None
        body |= forge.claims
        for name in forge.leave_out:
            body.pop(name, None)
        key = KEY if forge.key is None else forge.key
        kid = KEY_ID if forge.kid is None else forge.kid
        return jwt.encode(body, key, algorithm="RS256", headers={"kid": kid, "typ": "JWT"})


def _client(authorization: str, form: Mapping[str, str]) -> tuple[str, str]:
    """The client's id and secret, from HTTP Basic (client_secret_basic) or the form."""
    if authorization.startswith("Basic "):
        user, _, password = base64.b64decode(authorization[6:]).decode().partition(":")
        return user, password
    return form.get("client_id", ""), form.get("client_secret", "")


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _entra_error(error: str, code: int) -> Body:
    return {
        "error": error,
        "error_description": f"AADSTS{code}: the fake provider's refusal.",
        "error_codes": [code],
        "timestamp": "2026-12-07 10:00:00Z",
        "trace_id": str(uuid.uuid4()),
        "correlation_id": str(uuid.uuid4()),
    }


def _json(request: BaseHTTPRequestHandler, status: int, body: Body) -> None:
    data = json.dumps(body).encode()
    request.send_response(status)
    request.send_header("Content-Type", "application/json; charset=utf-8")
    request.send_header("Content-Length", str(len(data)))
    request.end_headers()
    request.wfile.write(data)
