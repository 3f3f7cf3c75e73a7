"""The Teams app package: the zip a Teams admin uploads to add Voortgang to a tenant.

A package holds exactly three files at its root: ``manifest.json`` (app manifest schema v1.17),
``color.png`` (192x192, the full-colour icon) and ``outline.png`` (32x32, white on transparent).
The manifest is a template in ``config/teams/manifest.json``; ``manifest`` fills its
``{{placeholders}}`` with the app's Entra client id, its version and the developer's details.
Values are put into the parsed JSON, never into its text, so no value can break the file.

The icons are committed PNGs, so that what ships is what was reviewed; ``draw_color_icon`` and
``draw_outline_icon`` redraw them (a test checks the committed files show exactly that) and
``write_icons`` writes them anew after a change to the drawing.

The zip is deterministic: fixed timestamps, file order and attributes, so building the same
package twice gives the same bytes and a changed package is a real change.
"""

from __future__ import annotations

import io
import json
import math
import re
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

from PIL import Image, ImageDraw

from words.catalogue import t
from words.errors import VoortgangError

TEAMS_DIR: Final = Path(__file__).resolve().parents[2] / "config" / "teams"
MANIFEST_FILE: Final = "manifest.json"
COLOR_ICON: Final = "color.png"
OUTLINE_ICON: Final = "outline.png"
PACKAGE_FILES: Final = (MANIFEST_FILE, COLOR_ICON, OUTLINE_ICON)

DEFAULT_VERSION: Final = "1.0.0"
DEFAULT_NAME: Final = "Voortgang"
DEFAULT_DEVELOPER: Final = "Voortgang"
# The project's placeholder address, as in the Slack manifest: an admin passes the real ones.
DEFAULT_WEBSITE: Final = "https://voortgang.example.org"
DEFAULT_PRIVACY: Final = "https://voortgang.example.org/privacy"
DEFAULT_TERMS: Final = "https://voortgang.example.org/voorwaarden"

# Limits of the v1.17 schema that a value given on the command line can break.
MAX_NAME: Final = 30
MAX_DEVELOPER_NAME: Final = 32
MAX_URL: Final = 2048
MAX_VERSION: Final = 256

ACCENT: Final = (0x1D, 0x4F, 0x73)  # the manifest's accentColor, as in the Slack manifest
COLOR_SIZE: Final = 192
OUTLINE_SIZE: Final = 32
# Draw this many times larger and scale down: smooth edges without a drawing library.
OVERSAMPLE: Final = 8

# A zip entry's time cannot be before 1980; any fixed time makes the bytes repeatable.
ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)
UNIX: Final = 3  # zip "created on" system; Python would pick 0 on Windows
FILE_MODE: Final = 0o100644

GUID: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
NIL_GUID: Final = "00000000-0000-0000-0000-000000000000"
# Teams' own pattern: three numbers without leading zeros, nothing after them.
SEMVER: Final = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
HOST: Final = re.compile(
    r"(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?"
)
PLACEHOLDER: Final = re.compile(r"\{\{(\w+)\}\}")


class TeamsPackageError(VoortgangError, ValueError):
    """A value the package cannot be built with. ``reason`` names the value: ``client_id``,
    ``version``, ``name``, ``developer_name``, ``url`` or ``domain``. ``str(error)`` is the
    Dutch message; ``message(lang)`` gives it in another language."""

    def __init__(self, reason: str, value: str) -> None:
        self.reason = reason
        self.value = value
        super().__init__(self.message())

    def message(self, lang: str | None = None) -> str:
        return t(
            f"cli.teams_package.error.{self.reason}",
            lang,
            value=self.value,
            max_name=MAX_NAME,
            max_developer=MAX_DEVELOPER_NAME,
        )


# -- checks ------------------------------------------------------------------------------------


def check_client_id(text: str) -> str:
    """The Entra application (client) id in ``text``, in the lower case Teams shows it."""
    value = text.strip().lower()
    if GUID.fullmatch(value) is None or value == NIL_GUID:
        raise TeamsPackageError("client_id", text)
    return value


def check_version(text: str) -> str:
    if len(text) > MAX_VERSION or SEMVER.fullmatch(text) is None:
        raise TeamsPackageError("version", text)
    return text


def _check_name(text: str, limit: int, reason: str) -> str:
    value = text.strip()
    if not value or len(value) > limit:
        raise TeamsPackageError(reason, text)
    return value


def check_url(text: str) -> str:
    """An https address: Teams refuses the developer's links otherwise."""
    try:
        parts = urlsplit(text)
    except ValueError as err:  # such as an unclosed "[" of an IPv6 address
        raise TeamsPackageError("url", text) from err
    spaced = any(c.isspace() for c in text)
    if spaced or len(text) > MAX_URL or parts.scheme != "https" or not parts.hostname:
        raise TeamsPackageError("url", text)
    return text


def check_domain(text: str) -> str:
    """A host name as validDomains takes it: no scheme, port or path; "*." may lead."""
    value = text.strip().lower()
    if len(value) > MAX_URL or HOST.fullmatch(value) is None:
        raise TeamsPackageError("domain", text)
    return value


# -- manifest ----------------------------------------------------------------------------------


def template(folder: Path = TEAMS_DIR) -> dict[str, Any]:
    """The manifest template, placeholders and all."""
    data: dict[str, Any] = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    return data


def _fill(node: Any, values: Mapping[str, str]) -> Any:
    if isinstance(node, str):
        return PLACEHOLDER.sub(lambda found: values[found.group(1)], node)
    if isinstance(node, list):
        return [_fill(item, values) for item in node]
    if isinstance(node, dict):
        return {key: _fill(item, values) for key, item in node.items()}
    return node


def manifest(
    client_id: str,
    *,
    version: str = DEFAULT_VERSION,
    name: str = DEFAULT_NAME,
    developer_name: str = DEFAULT_DEVELOPER,
    website_url: str = DEFAULT_WEBSITE,
    privacy_url: str = DEFAULT_PRIVACY,
    terms_url: str = DEFAULT_TERMS,
    domain: str | None = None,
    folder: Path = TEAMS_DIR,
) -> dict[str, Any]:
    """The app manifest for the bot registered as ``client_id``. The bot's own domain
    (``validDomains``) is the website's host unless ``domain`` names another."""
    website = check_url(website_url)
    host = urlsplit(website).hostname
    values = {
        "client_id": check_client_id(client_id),
        "version": check_version(version),
        "name": _check_name(name, MAX_NAME, "name"),
        "developer_name": _check_name(developer_name, MAX_DEVELOPER_NAME, "developer_name"),
        "website_url": website,
        "privacy_url": check_url(privacy_url),
        "terms_url": check_url(terms_url),
        "domain": check_domain(domain if domain is not None else str(host)),
    }
    filled: dict[str, Any] = _fill(template(folder), values)
    return filled


def manifest_bytes(data: Mapping[str, Any]) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


# -- icons -------------------------------------------------------------------------------------

Point = tuple[float, float]


def _ring(draw: ImageDraw.ImageDraw, centre: Point, radius: float, width: float) -> None:
    """Three quarters of a ring from twelve o'clock clockwise, with round ends: progress."""
    cx, cy = centre
    box = (cx - radius, cy - radius, cx + radius, cy + radius)
    start, end = -90.0, 180.0
    draw.arc(box, start, end, fill=255, width=round(width))
    middle = radius - width / 2
    for angle in (start, end):
        rad = math.radians(angle)
        _dot(draw, (cx + middle * math.cos(rad), cy + middle * math.sin(rad)), width)


def _dot(draw: ImageDraw.ImageDraw, at: Point, width: float) -> None:
    x, y = at
    half = width / 2
    draw.ellipse((x - half, y - half, x + half, y + half), fill=255)


def _check(draw: ImageDraw.ImageDraw, points: Sequence[Point], width: float) -> None:
    draw.line(list(points), fill=255, width=round(width), joint="curve")
    for point in (points[0], points[-1]):
        _dot(draw, point, width)


def _mark(size: int, unit: float) -> Image.Image:
    """The white mark (a progress ring around a check) as a coverage mask of ``size`` pixels;
    ``unit`` is the mark's scale, so both icons share one drawing."""
    big = size * OVERSAMPLE
    mask = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(mask)
    scale = unit * OVERSAMPLE
    centre = big / 2

    def at(x: float, y: float) -> Point:
        return (centre + x * scale, centre + y * scale)

    _ring(draw, (centre, centre), 1.0 * scale, 0.22 * scale)
    _check(draw, [at(-0.40, 0.02), at(-0.10, 0.32), at(0.42, -0.30)], 0.24 * scale)
    return mask.resize((size, size), Image.Resampling.LANCZOS)


def draw_color_icon() -> Image.Image:
    """192x192: a rounded square in the accent colour, the white mark inside Teams' safe
    area (the middle 120 pixels)."""
    big = COLOR_SIZE * OVERSAMPLE
    shape = Image.new("L", (big, big), 0)
    radius = 36 * OVERSAMPLE
    ImageDraw.Draw(shape).rounded_rectangle((0, 0, big - 1, big - 1), radius=radius, fill=255)
    background = Image.new("RGBA", (COLOR_SIZE, COLOR_SIZE), (*ACCENT, 255))
    background.putalpha(shape.resize((COLOR_SIZE, COLOR_SIZE), Image.Resampling.LANCZOS))
    white = Image.new("RGBA", (COLOR_SIZE, COLOR_SIZE), (255, 255, 255, 255))
    return Image.composite(white, background, _mark(COLOR_SIZE, 54.0))


def draw_outline_icon() -> Image.Image:
    """32x32: the mark alone. Every pixel is white; only its opacity varies, as Teams asks."""
    icon = Image.new("RGBA", (OUTLINE_SIZE, OUTLINE_SIZE), (255, 255, 255, 0))
    icon.putalpha(_mark(OUTLINE_SIZE, 13.5))
    return icon


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def write_icons(folder: Path = TEAMS_DIR) -> None:
    """Redraw the committed icons (after a change to the drawing above)."""
    (folder / COLOR_ICON).write_bytes(png(draw_color_icon()))
    (folder / OUTLINE_ICON).write_bytes(png(draw_outline_icon()))


# -- package -----------------------------------------------------------------------------------


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = UNIX
    info.external_attr = FILE_MODE << 16
    return info


def build_package(
    client_id: str,
    *,
    version: str = DEFAULT_VERSION,
    name: str = DEFAULT_NAME,
    developer_name: str = DEFAULT_DEVELOPER,
    website_url: str = DEFAULT_WEBSITE,
    privacy_url: str = DEFAULT_PRIVACY,
    terms_url: str = DEFAULT_TERMS,
    domain: str | None = None,
    folder: Path = TEAMS_DIR,
) -> bytes:
    """The app package (zip bytes) for the bot registered as ``client_id``; see ``manifest``.
    Raises ``TeamsPackageError`` for a value Teams would refuse."""
    data = manifest(
        client_id,
        version=version,
        name=name,
        developer_name=developer_name,
        website_url=website_url,
        privacy_url=privacy_url,
        terms_url=terms_url,
        domain=domain,
        folder=folder,
    )
    contents = {
        MANIFEST_FILE: manifest_bytes(data),
        COLOR_ICON: (folder / COLOR_ICON).read_bytes(),
        OUTLINE_ICON: (folder / OUTLINE_ICON).read_bytes(),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for file in PACKAGE_FILES:
            archive.writestr(_entry(file), contents[file])
    return out.getvalue()
