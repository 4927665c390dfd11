"""Parser for Danish municipal committee minutes (referat) exported as text or PDF.

Plain Python, no Django: the meetings app maps the result onto its models.

Two layouts are read by `parse_minutes`:

* whole minutes: title block ("Referat", council, committee, "Mødet den ..." and place),
  table of contents ("Indholdsfortegnelse" with "Åben"/"Lukket"), meeting block
  ("Tid", "Sted", "Afbud", "Til stede", "Øvrige deltagere", "Øvrige oplysninger") and the
  agenda items ("Punkt N.");
* a fragment: text that starts at an item ("Punkt 6.") with no title block. The result is
  a `Minutes` with `is_fragment=True`, empty meeting fields and the item(s) found.

Every structural line is matched on its "plain" form (Markdown `#`, `**` and wrapping `*`
removed), so the Markdown-ish export and text extracted from a PDF, where those markers
are lost, go through the same code. Secretaries read the errors, so messages are in Danish.

Public API: parse_minutes, parse_minutes_pdf, extract_pdf_text, compare_texts,
MinutesParseError, Minutes, AgendaItem, Attendee, TocEntry.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from ..pdftext import PdfBounds, PdfUnreadable, extract_text
from .compare import compare_texts
from .parse import parse_minutes
from .types import AgendaItem, Attendee, Minutes, MinutesParseError, TocEntry

DEFAULT_PDF_BOUNDS = PdfBounds()

__all__ = [
    "AgendaItem",
    "Attendee",
    "Minutes",
    "MinutesParseError",
    "TocEntry",
    "compare_texts",
    "extract_pdf_text",
    "parse_minutes",
    "parse_minutes_pdf",
]


# --- entry points ---------------------------------------------------------------------------


def extract_pdf_text(source: str | os.PathLike[str] | BinaryIO | bytes, bounds: PdfBounds = DEFAULT_PDF_BOUNDS) -> str:
    """Text of a PDF (path, binary file object or bytes), pages joined by newlines.

    The text is read within `bounds` (pages, characters, seconds); minutes whose text cannot be
    read in full are refused, since part of the text would import part of the meeting.
    """
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    elif hasattr(source, "read"):
        data = source.read()
    else:
        data = Path(source).read_bytes()
    try:
        result = extract_text(data, bounds)
    except PdfUnreadable as exc:
        raise MinutesParseError(f"PDF-filen kan ikke læses ({exc})") from exc
    if not result.is_complete:
        raise MinutesParseError(
            f"PDF-filens tekst kunne ikke læses helt ({result.describe_stop()}), og et delvist referat "
            "importeres ikke; del PDF-filen op, eller importér referatet som tekst (.txt eller .md)"
        )
    return "\n".join(result.pages)


def parse_minutes_pdf(
    source: str | os.PathLike[str] | BinaryIO | bytes, bounds: PdfBounds = DEFAULT_PDF_BOUNDS
) -> Minutes:
    text = extract_pdf_text(source, bounds)
    if not text.strip():
        raise MinutesParseError("PDF-filen indeholder ingen tekst (er den scannet som billede?)")
    return parse_minutes(text)
