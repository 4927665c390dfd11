"""Minutes from a PDF: its text, read within bounds by `meetings.pdftext`, then parsed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from ..pdftext import PdfBounds, PdfUnreadable, extract_text
from .parse import parse_minutes
from .types import Minutes, MinutesParseError

DEFAULT_PDF_BOUNDS = PdfBounds()


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
