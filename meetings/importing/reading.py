"""Reading a minutes file into Minutes, and the checks that decide whether they can become a meeting."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from ..files import pdf_bounds
from ..minutes import Minutes, MinutesParseError, extract_pdf_text
from ..minutes.docx import docx_to_text, looks_like_docx
from ..minutes.html import html_to_text, looks_like_html
from ..minutes.layouts import parse_any
from ..models import Committee


def read_minutes(data: bytes) -> Minutes:
    """Parse an uploaded or read file (PDF, Word .docx, saved HTML page or UTF-8 text) with the layout that fits it."""
    return parse_any(read_minutes_text(data))


def read_minutes_text(data: bytes) -> str:
    """The text of a minutes file: from a PDF or a Word .docx (magic bytes), an HTML page, else UTF-8 text."""
    if data.lstrip()[:5] == b"%PDF-":
        text = extract_pdf_text(data, pdf_bounds())
        if not text.strip():
            raise MinutesParseError("PDF-filen indeholder ingen tekst (er den scannet som billede?)")
        return text
    if looks_like_docx(data):
        text = docx_to_text(data)
        if not text.strip():
            raise MinutesParseError("Word-filen indeholder ingen tekst")
        return text
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise MinutesParseError(
            f"filen er hverken en PDF eller UTF-8-tekst (ugyldig byte ved position {error.start})"
        ) from None
    if "\x00" in text:
        raise MinutesParseError("filen er hverken en PDF eller en tekstfil")
    if looks_like_html(text):
        text = html_to_text(text)
        if not text.strip():
            raise MinutesParseError("HTML-siden indeholder ingen tekst")
    return text


def check_item_limit(minutes: Minutes) -> None:
    """Refuse minutes with more items than settings.MINUTES_MAX_ITEMS (a Danish MinutesParseError)."""
    limit = settings.MINUTES_MAX_ITEMS
    if len(minutes.items) > limit:
        raise MinutesParseError(
            _("referatet har %(count)s punkter, men højst %(limit)s kan indlæses fra én fil")
            % {"count": len(minutes.items), "limit": limit}
        )


def check_meeting_date(minutes: Minutes) -> None:
    """Refuse minutes without a meeting date (a single item, say): a meeting cannot be made from them."""
    if minutes.is_fragment or minutes.date is None:
        raise MinutesParseError(
            "teksten har ingen mødedato (er det kun et enkelt punkt?); et møde kan ikke oprettes uden"
        )


def reading_warnings(minutes: Minutes, committee: Committee) -> list[str]:
    """The parser's warnings, and one if the minutes name another committee than the one imported into."""
    warnings = list(minutes.warnings)
    if minutes.committee and minutes.committee.casefold() != committee.name.casefold():
        warnings.append(f"Referatet er fra '{minutes.committee}', men importeres til udvalget '{committee.name}'")
    return warnings


def minutes_source_title(committee: Committee, minutes: Minutes) -> str:
    return f"Referat, {committee.name}, {committee.municipality.name} Kommune, {minutes.date:%d.%m.%Y}"
