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
from .header import _parse_header
from .items import _ITEM_HEADER, _finish, _parse_items
from .text import (
    _block,
    _join_da,
    _plain,
    _same_words,
)
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


def parse_minutes(text: str) -> Minutes:
    """Parse whole minutes, or a fragment holding item(s) only (then `is_fragment` is True).

    Raises MinutesParseError for text that is not minutes, truncated files, item headers
    without a number or title, unreadable dates and duplicate item numbers.
    """
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first_item = next((i for i, line in enumerate(lines) if _ITEM_HEADER.fullmatch(_plain(line))), len(lines))
    header = _parse_header(lines, first_item)
    drafts = _parse_items(lines, first_item)
    if not header.is_minutes and not drafts:
        raise MinutesParseError(
            "teksten ligner ikke et referat: der er hverken en overskrift 'Referat' eller punkter ('Punkt 1.')"
        )
    if header.is_minutes and not drafts and not header.toc:
        raise MinutesParseError("referatet indeholder ingen punkter; filen ser ud til at være afkortet")

    warnings = list(header.warnings)
    toc_by_number = {entry.number: entry for entry in header.toc}
    body_numbers = {d.number for d in drafts}
    missing = [str(e.number) for e in header.toc if not e.is_closed and e.number not in body_numbers]
    if missing:
        raise MinutesParseError(
            f"referatet er afkortet eller ufuldstændigt: punkt {_join_da(missing)} fra "
            f"indholdsfortegnelsen mangler i teksten (teksten slutter i linje {len(lines)})"
        )

    items: list[AgendaItem] = []
    for d in drafts:
        entry = toc_by_number.get(d.number)
        if entry and entry.is_closed:
            # Closed items show their title only; content found for one is left out, not published.
            warnings.append(f"Punkt {d.number} er lukket i indholdsfortegnelsen; teksten i referatet er udeladt")
            continue
        if header.has_toc and entry is None:
            warnings.append(f"Punkt {d.number} ('{d.title}') står ikke i indholdsfortegnelsen")
        elif entry and not _same_words(entry.title, d.title):
            warnings.append(
                f"Punkt {d.number}: titlen i indholdsfortegnelsen ('{entry.title}') "
                f"afviger fra titlen i teksten ('{d.title}')"
            )
        if not _block(d.decision):
            warnings.append(f"Punkt {d.number} ('{d.title}') har ingen beslutning")
        items.append(_finish(d, len(items) + 1, entry))

    held = [item.number for item in items if item.number in toc_by_number]
    listed = [e.number for e in header.toc if not e.is_closed and e.number in body_numbers]
    if held != listed:
        warnings.append(
            f"Rækkefølgen i indholdsfortegnelsen ({', '.join(map(str, listed))}) afviger fra "
            f"rækkefølgen i teksten ({', '.join(map(str, held))})"
        )
    for entry in header.toc:
        if entry.is_closed:
            items.append(
                AgendaItem(
                    number=entry.number,
                    position=len(items) + 1,
                    title=entry.title,
                    toc_title=entry.title,
                    is_closed=True,
                )
            )

    return Minutes(
        council=header.council,
        committee=header.committee,
        date=header.date,
        start_time=header.start_time,
        end_time=header.end_time,
        place=header.place,
        weekday_line=header.weekday_line,
        present=header.present,
        apologies=header.apologies,
        others=header.others,
        others_text=header.others_text,
        other_information=header.other_information,
        toc=header.toc,
        items=items,
        warnings=warnings,
        is_fragment=not header.is_minutes,
    )


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
