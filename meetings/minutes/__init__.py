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

Other municipalities' layouts are read through `meetings.minutes.layouts.parse_any`, which picks
the layout that fits (this module's parsing is the Aalborg layout); `html` and `docx` turn a saved
minutes page and a Word file into text for it.

Public API: parse_minutes, parse_minutes_pdf, extract_pdf_text, compare_texts,
MinutesParseError, Minutes, AgendaItem, Attendee, TocEntry.

Modules, each importing only those listed before it: `types` (the dataclasses and the error),
`text` (line helpers), `header` (title block, table of contents, meeting block, attendance),
`items` (agenda items), `parse` (`parse_minutes`), `pdf` (PDF entry points), `compare`.
"""

from .compare import compare_texts
from .parse import parse_minutes
from .pdf import extract_pdf_text, parse_minutes_pdf
from .types import AgendaItem, Attendee, Minutes, MinutesParseError, TocEntry

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
