"""Catalogue texts: the letter as a document (chart, page numbers) and its PDF conversion."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    # {page} and {pages} become Word's PAGE and NUMPAGES fields in the footer.
    "document.page_of": {"nl": "Pagina {page} van {pages}", "en": "Page {page} of {pages}"},
    "document.pdf_missing": {
        "nl": "Voor een PDF is LibreOffice nodig, maar het programma soffice is niet gevonden.",
        "en": "A PDF needs LibreOffice, but its soffice program was not found.",
    },
    "document.pdf_not_runnable": {
        "nl": "Voor een PDF is LibreOffice nodig, maar ‘{program}’ is geen programma dat "
        "Voortgang kan starten.",
        "en": "A PDF needs LibreOffice, but ‘{program}’ is not a program Voortgang can run.",
    },
    "document.pdf_how": {
        "nl": "Installeer LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; "
        "macOS en Windows: via libreoffice.org) of zet VOORTGANG_SOFFICE op het programma "
        "soffice. Gebruik intussen --format docx.",
        "en": "Install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; "
        "macOS and Windows: from libreoffice.org) or set VOORTGANG_SOFFICE to the soffice "
        "program. Meanwhile, use --format docx.",
    },
    "document.pdf_failed": {
        "nl": "LibreOffice kon de brief niet naar PDF omzetten (afsluitcode {code}): {detail}",
        "en": "LibreOffice could not convert the letter to PDF (exit code {code}): {detail}",
    },
    "document.pdf_no_output": {
        "nl": "LibreOffice is klaar, maar heeft geen PDF geschreven: {detail}",
        "en": "LibreOffice finished but wrote no PDF: {detail}",
    },
    "document.pdf_timeout": {
        "nl": "LibreOffice was na {seconds} seconden nog niet klaar met de PDF en is gestopt. "
        "Probeer het opnieuw, of gebruik --format docx.",
        "en": "LibreOffice had not finished the PDF after {seconds} seconds and was stopped. "
        "Try again, or use --format docx.",
    },
    "document.no_detail": {"nl": "geen melding", "en": "no message"},
}
