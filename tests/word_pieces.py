"""Pieces of a letter for the Word writer's tests: every kind of piece, hostile text in them,
and a chart picture."""

from __future__ import annotations

from io import BytesIO

from PIL import Image

from bot.letter.pieces import (
    Cell,
    Chart,
    Heading,
    Item,
    Para,
    Piece,
    Run,
    Signature,
    Signatures,
    Signer,
    Table,
)
from bot.letter.wordml import DocumentMeta

HOSTILE = '<w:p>]]><script>alert(1)</script> & "q" \x01\x0b einde'


def _png() -> bytes:
    out = BytesIO()
    Image.new("RGB", (800, 400), "navy").save(out, "PNG")
    return out.getvalue()


PNG = _png()
META = DocumentMeta("nl", "Voortgangsbrief Q4", "Kenmerk BOCE/VB · voortgangsbrief 3")


def sample_pieces() -> tuple[Piece, ...]:
    signer = Signer("de burgemeester,", "E. Kremer")
    return (
        Para.of("Kenmerk BOCE/VB", "reference"),
        Para.of("Voortgangsbrief vierde kwartaal", "subject"),
        Heading(1, "Samen doen"),
        Heading(2, "Omgevingswet"),
        Para((Run("OW-01 Werkprocessen", bold=True),), keep_with_next=True),
        Para((Run("Eigen woorden: "), Run(HOSTILE, italic=True)), "quote"),
        Para.of("Afgerond op 3 november.", "note"),
        Para.of("Zonder nieuws: OW-02.", "quiet"),
        Item.of("eerste punt"),
        Para.of("Statussen", "caption"),
        Chart("Staafdiagram: 3 op schema, 1 risico"),
        Heading(1, "Bijlage", new_page=True),
        Table(
            ("Actie", "Status", "Partijen"),
            tuple(
                (Cell(f"OW-{n:02d}"), Cell("risico", fill="FFC000"), Cell("Emmen, Coevorden"))
                for n in range(1, 41)
            ),
            (0.2, 0.3, 0.5),
            caption="Alle acties",
        ),
        Signatures(
            tuple(Signature(f"college van partij {n},", (signer,)) for n in range(1, 5)), True
        ),
    )
