"""Programme files for the tests: the smallest valid one, and writing a text to a file."""

from __future__ import annotations

from pathlib import Path

# One party, track, theme and action, a sponsor and an owner: the tests change one line of it
# to reach the case they need.
MINIMAL = """\
programme:
  key: mini
  name: Mini
parties:
  - {key: emmen, name: Gemeente Emmen}
tracks:
  - {key: samen-doen, name: Samen doen}
themes:
  - {key: wonen, name: Wonen, sponsor: anna}
people:
  - {key: anna, name: Anna Bakker, party: emmen, role: opdrachtgever, email: A.Bakker@Emmen.example}
  - {key: bert, name: Bert Smit, party: emmen}
actions:
  - key: W-1
    theme: wonen
    track: samen-doen
    title: Woningmarktonderzoek uitzetten
    owners: bert
    deadline: voor de zomer van 2027
    status: op schema
"""


def write(tmp_path: Path, text: str, name: str = "mini.yaml") -> Path:
    """``text`` as a file called ``name`` in ``tmp_path``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
