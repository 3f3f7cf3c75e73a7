"""Who is signed in: the viewer of a request, read from the session cookie.

The cookie is ``__Host-`` prefixed (Secure, path /, no domain: no other site or subdomain can
set or read it), HttpOnly (no script reads it) and SameSite=Lax (another site's form posts go
without it; a link from a mail client still arrives signed in). Its value is the session's
random token, signed; the database keeps only the token's hash.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storage.web_sessions import Signed
from words.catalogue import Language, language
from words.domain import Role

SESSION_COOKIE: Final = "__Host-voortgang"
# Before signing in (the sign-in forms): a random value, signed, that the form repeats.
FORM_COOKIE: Final = "__Host-voortgang-form"
CSRF_FIELD: Final = "csrf"


@dataclass(frozen=True, slots=True)
class Place:
    """A programme the viewer belongs to, with their role in it."""

    programme_id: int
    key: str
    name: str
    role: Role


@dataclass(frozen=True, slots=True)
class Viewer:
    person_id: int
    name: str
    lang: Language
    zone: ZoneInfo
    csrf: str
    session_id: int
    method: str  # "link", "oidc", "local"
    operator: bool  # may put set-aside events and jobs back in line
    places: tuple[Place, ...] = ()

    def place(self, programme_id: int) -> Place | None:
        return next((p for p in self.places if p.programme_id == programme_id), None)


def viewer_of(
    signed: Signed,
    places: tuple[Place, ...],
    default_lang: str,
    default_zone: ZoneInfo,
    operators: tuple[str, ...],
) -> Viewer:
    zone = default_zone
    if signed.timezone:
        try:
            zone = ZoneInfo(signed.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            zone = default_zone  # a zone this machine does not know: the deployment's
    lang: Language = language(signed.language if signed.language else default_lang)
    email = (signed.email or "").lower()
    return Viewer(
        person_id=signed.person_id,
        name=signed.name,
        lang=lang,
        zone=zone,
        csrf=signed.csrf,
        session_id=signed.session_id,
        method=signed.method,
        operator=bool(email) and email in operators,
        places=places,
    )
