"""Plain-text tables for the terminal."""

from __future__ import annotations

from collections.abc import Sequence


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], max_width: Sequence[int] | None = None
) -> str:
    """Columns padded to their widest cell (cut at ``max_width``), a rule under the header."""
    limits = list(max_width) if max_width is not None else [200] * len(headers)
    cells = [[_cut(str(c).replace("\n", " "), limits[i]) for i, c in enumerate(r)] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)
