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

import difflib
import os
import re
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import BinaryIO

from ..pdftext import PdfBounds, PdfUnreadable, extract_text
from .text import (
    DANISH_MONTHS,
    DANISH_WEEKDAYS,
    _block,
    _join_da,
    _parse_clock,
    _parse_numeric_date,
    _plain,
    _plain_paragraphs,
    _same_words,
    _split_names,
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


# All of these are matched (fullmatch) against the plain form of a line, see _plain().
_ITEM_HEADER = re.compile(r"Punkt\b\s*(?P<num>[^\s.]*)\s*\.?", re.IGNORECASE)
_CASE_NUMBER = re.compile(r"(?:Sagsnr\.?:?\s*)?(?P<num>\d{4}-\d{6})", re.IGNORECASE)
_DECISION = re.compile(r"Beslutning\s*(?::\s*(?P<rest>.*))?", re.IGNORECASE)
_DESCRIPTION = re.compile(r"Sagsbeskrivelse\s*:?", re.IGNORECASE)
_ATTACHMENTS = re.compile(r"Bilag\s*:\s*(?P<title>.*)", re.IGNORECASE)
_PROPOSAL = re.compile(r"(?P<who>[A-ZÆØÅ][^.:;!?]{0,150}?)\s+(?P<kind>indstiller|fremsender)\b.*", re.DOTALL)
_TITLE = re.compile(r"Referat", re.IGNORECASE)
_TOC = re.compile(r"Indholdsfortegnelse", re.IGNORECASE)
_COUNCIL = re.compile(r".*\b(?:byråd|kommunalbestyrelse(?:n)?)", re.IGNORECASE)
_MEETING_HEAD = re.compile(
    r"Mødet\s+den\s+(?P<date>\S+?)(?:\s+kl\.?\s*(?P<start>\S+?)(?:\s*[-–]\s*(?P<end>\S+))?)?", re.IGNORECASE
)
_MEETING_LINE = re.compile(
    r"(?:[-•]\s*)?(?P<label>Til stede|Tid|Sted|Afbud|Øvrige deltagere|Øvrige oplysninger)\b\s*:?\s*(?P<value>.*)",
    re.IGNORECASE,
)
_WEEKDAY_LINE = re.compile(
    r"(?P<weekday>[^\W\d_]+)\s+(?P<day>\d{1,2})\.\s*(?P<month>[^\W\d_]+)\s+(?P<year>\d{4})"
    r"(?:\s*,?\s*kl\.?\s*(?P<start>\d{1,2}[.:]\d{2})(?:\s*[-–]\s*(?P<end>\d{1,2}[.:]\d{2}))?)?\.?"
)
_TOC_ENTRY = re.compile(r"(?P<num>\d{1,4})(?:\t+|\s+)(?P<rest>\S.*)")
_OTHERS_CLAUSE = re.compile(r"(?:\b(?:under|ved|til)\s+punkt\s+(?P<item>\d+)\s+)?\bdeltager\s+", re.IGNORECASE)
_PREPOSITIONS = {"af", "for", "i", "fra", "på", "ved"}


def _attendee(text: str, only_item: int | None) -> Attendee:
    roles = []
    m = re.fullmatch(r"(?P<body>.*?)\s*\((?P<role>[^)]*)\)", text)
    if m:
        text, suffix_role = m["body"], m["role"].strip()
    else:
        suffix_role = ""
    tokens = text.split()
    # A role written before the name starts in lower case: "leder af Jobhuset Tinna Kjær Poulsen".
    # After a trailing preposition the next (capitalised) word still belongs to the role.
    i = 0
    while i < len(tokens) - 1 and tokens[i][0].islower():
        i += 1
    if 0 < i < len(tokens) - 1 and tokens[i - 1] in _PREPOSITIONS:
        i += 1
    if i:
        roles.append(" ".join(tokens[:i]))
    if suffix_role:
        roles.append(suffix_role)
    return Attendee(name=" ".join(tokens[i:]), role=", ".join(roles), only_item=only_item)


def _parse_others(text: str) -> list[Attendee]:
    """People in the "Øvrige deltagere" sentence(s); "Under punkt 7 deltager ..." limits to item 7."""
    clauses = list(_OTHERS_CLAUSE.finditer(text))
    if not clauses:
        return [_attendee(name, None) for name in _split_names(text)]
    people = []
    for clause, following in zip(clauses, [*clauses[1:], None], strict=True):
        chunk = text[clause.end() : following.start() if following else len(text)]
        only_item = int(clause["item"]) if clause["item"] else None
        people.extend(_attendee(name, only_item) for name in _split_names(chunk))
    return people


# --- header: title block, table of contents, meeting block -------------------------------


@dataclass
class _Header:
    is_minutes: bool = False
    council: str = ""
    committee: str = ""
    date: date | None = None
    start_time: time | None = None
    end_time: time | None = None
    place: str = ""
    weekday_line: str = ""
    present: list[str] = field(default_factory=list)
    apologies: list[str] = field(default_factory=list)
    others: list[Attendee] = field(default_factory=list)
    others_text: str = ""
    other_information: str = ""
    toc: list[TocEntry] = field(default_factory=list)
    has_toc: bool = False
    warnings: list[str] = field(default_factory=list)


def _first_index(lines: list[str], start: int, stop: int, pattern: re.Pattern[str]) -> int | None:
    for idx in range(start, stop):
        if pattern.fullmatch(_plain(lines[idx])):
            return idx
    return None


def _next_nonblank(lines: list[str], start: int, stop: int) -> int | None:
    for idx in range(start, stop):
        if lines[idx].strip():
            return idx
    return None


def _parse_header(lines: list[str], stop: int) -> _Header:
    h = _Header()
    title_idx = _first_index(lines, 0, stop, _TITLE)
    toc_idx = _first_index(lines, 0, stop, _TOC)
    h.is_minutes = title_idx is not None or toc_idx is not None
    if not h.is_minutes:
        return h

    head_idx = _first_index(lines, 0, stop, _MEETING_HEAD)
    if head_idx is None:
        raise MinutesParseError(
            "mødelinjen ('Mødet den DD.MM.ÅÅÅÅ kl. TT.MM - TT.MM') mangler i referatets hoved",
            line=(title_idx or 0) + 1,
        )
    m = _MEETING_HEAD.fullmatch(_plain(lines[head_idx]))
    h.date = _parse_numeric_date(m["date"], head_idx + 1)
    h.start_time = _parse_clock(m["start"], head_idx + 1) if m["start"] else None
    h.end_time = _parse_clock(m["end"], head_idx + 1) if m["end"] else None

    block_start = title_idx + 1 if title_idx is not None and title_idx < head_idx else 0
    councils = [idx for idx in range(block_start, head_idx) if _COUNCIL.fullmatch(_plain(lines[idx]))]
    if councils:
        # The logo line repeats the council in capitals ("AALBORG BYRÅD"); prefer the normal spelling.
        names = [_plain(lines[idx]) for idx in councils]
        h.council = next((n for n in names if not n.isupper()), names[0].title())
        committee_idx = _next_nonblank(lines, councils[-1] + 1, head_idx)
        if committee_idx is not None:
            h.committee = _plain(lines[committee_idx])
    place_idx = _next_nonblank(lines, head_idx + 1, stop)
    if place_idx is not None and not (
        _TOC.fullmatch(_plain(lines[place_idx])) or _MEETING_LINE.fullmatch(_plain(lines[place_idx]))
    ):
        h.place = _plain(lines[place_idx])

    meeting_start = (place_idx + 1) if place_idx is not None else head_idx + 1
    if toc_idx is not None:
        h.has_toc = True
        h.toc, meeting_start = _parse_toc(lines, toc_idx + 1, stop, h.committee)
    _parse_meeting_block(lines, meeting_start, stop, h)
    return h


def _parse_toc(lines: list[str], start: int, stop: int, committee: str) -> tuple[list[TocEntry], int]:
    section = ""
    raw_entries: list[tuple[int, list[str], bool, int]] = []  # number, text parts, closed, line
    end = stop
    for idx in range(start, stop):
        raw, plain = lines[idx], _plain(lines[idx])
        if not plain:
            continue
        if plain.casefold() in ("åben", "åbne punkter"):
            section = "open"
            continue
        if plain.casefold() in ("lukket", "lukkede punkter"):
            section = "closed"
            continue
        entry = _TOC_ENTRY.fullmatch(plain)
        if entry and section:
            raw_entries.append((int(entry["num"]), [entry["rest"]], section == "closed", idx + 1))
        elif raw.lstrip().startswith("#") or plain == committee or _MEETING_LINE.fullmatch(plain):
            end = idx
            break
        elif raw_entries:
            raw_entries[-1][1].append(plain)  # a title wrapped onto the next line (PDF)

    toc, seen = [], {}
    for number, parts, closed, line in raw_entries:
        if number in seen:
            raise MinutesParseError(
                f"punkt {number} står to gange i indholdsfortegnelsen (første gang i linje {seen[number]})",
                line=line,
                item=number,
            )
        seen[number] = line
        text, page = " ".join(parts), None
        if "\t" in text:
            title, _, tail = text.rpartition("\t")
            if tail.strip().isdigit():
                text, page = title, int(tail)
        elif not closed:
            # Without tabs (PDF) the page is the trailing number; only open items have pages.
            m = re.fullmatch(r"(?P<title>.*\S)\s+(?P<page>\d{1,4})", text)
            if m:
                text, page = m["title"], int(m["page"])
        toc.append(TocEntry(number=number, title=" ".join(text.split()), page=page, is_closed=closed))
    return toc, end


def _parse_meeting_block(lines: list[str], start: int, stop: int, h: _Header) -> None:
    values: dict[str, list[str]] = {}
    value_line: dict[str, int] = {}
    label = ""
    for idx in range(start, stop):
        plain = _plain(lines[idx])
        if not plain:
            continue
        m = _MEETING_LINE.fullmatch(plain)
        if m:
            label = m["label"].casefold()
            values[label] = [m["value"]] if m["value"] else []
            value_line[label] = idx + 1
        elif label:
            values[label].append(plain)  # a value wrapped onto the next line (PDF)

    def value(key: str) -> str:
        return " ".join(" ".join(values.get(key, [])).split())

    h.apologies = _split_names(value("afbud"))
    h.present = _split_names(value("til stede"))
    h.others_text = value("øvrige deltagere")
    h.others = _parse_others(h.others_text) if h.others_text else []
    h.other_information = value("øvrige oplysninger")
    sted = value("sted")
    if sted and h.place and not _same_words(sted, h.place):
        h.warnings.append(f"Stedet i mødeblokken ('{sted}') afviger fra referatets hoved ('{h.place}')")
    h.place = h.place or sted
    h.weekday_line = value("tid")
    if h.weekday_line:
        _check_weekday_line(h, value_line["tid"])


def _check_weekday_line(h: _Header, line: int) -> None:
    """Compare "Tirsdag 23. januar 2018, kl. 08.30" with the header; differences become warnings."""
    m = _WEEKDAY_LINE.fullmatch(h.weekday_line)
    if not m:
        h.warnings.append(f"Tidslinjen '{h.weekday_line}' (linje {line}) kunne ikke læses")
        return
    month = DANISH_MONTHS.get(m["month"].casefold())
    try:
        if month is None:
            raise ValueError(m["month"])
        when = date(int(m["year"]), month, int(m["day"]))
    except ValueError:
        raise MinutesParseError(f"datoen '{m['day']}. {m['month']} {m['year']}' kan ikke læses", line=line) from None
    weekday = DANISH_WEEKDAYS[when.weekday()]
    if m["weekday"].casefold() != weekday:
        h.warnings.append(f"Tidslinjen siger '{m['weekday']}', men {when:%d.%m.%Y} er en {weekday}")
    if h.date and when != h.date:
        h.warnings.append(f"Tidslinjen ({when:%d.%m.%Y}) afviger fra mødedatoen ({h.date:%d.%m.%Y})")
    if m["start"] and h.start_time and _parse_clock(m["start"], line) != h.start_time:
        h.warnings.append(f"Tidslinjen (kl. {m['start']}) afviger fra mødets starttidspunkt (kl. {h.start_time:%H.%M})")


# --- agenda items ---------------------------------------------------------------------------


@dataclass
class _Draft:
    number: int
    line: int
    title: str = ""
    case_number: str = ""
    proposal_kind: str = ""
    state: str = "title"  # title -> intro -> decision -> description / attachments
    text: list[str] = field(default_factory=list)
    proposal: list[str] = field(default_factory=list)
    decision: list[str] = field(default_factory=list)
    description: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    inline_attachments: list[str] = field(default_factory=list)


def _is_structural(plain: str) -> bool:
    return bool(
        _ITEM_HEADER.fullmatch(plain)
        or _DECISION.fullmatch(plain)
        or _DESCRIPTION.fullmatch(plain)
        or _ATTACHMENTS.fullmatch(plain)
    )


def _no_title(draft: _Draft) -> MinutesParseError:
    return MinutesParseError(
        "punktet har ingen titel; filen ser ud til at være afkortet", line=draft.line, item=draft.number
    )


def _feed(d: _Draft, raw: str, plain: str) -> None:
    if d.state == "title":
        if not plain:
            return
        if _is_structural(plain) or _CASE_NUMBER.fullmatch(plain):
            raise _no_title(d)
        d.title = plain
        d.state = "intro"
        return

    attachment = _ATTACHMENTS.fullmatch(plain)
    if attachment:
        title = attachment["title"].strip()
        if d.state == "attachments":
            if title:
                d.attachments.append(title)
            return
        if not title:
            d.state = "attachments"
            return
        # An inline "Bilag: <title>" line is part of the author's text (item 6 ends its case
        # description with one): it stays in that text and only counts as an attachment when
        # the "Bilag:" block does not already list it, so each attachment is reported once.
        d.inline_attachments.append(title)
    elif _DESCRIPTION.fullmatch(plain):
        d.state = "description"
        return

    if d.state == "intro":
        decision = _DECISION.fullmatch(plain)
        if decision:
            d.state = "decision"
            if decision["rest"]:
                d.decision.append(decision["rest"])
        elif not plain and not d.proposal:
            d.text.append(raw)
        elif not d.case_number and not d.proposal and not _block(d.text) and _CASE_NUMBER.fullmatch(plain):
            d.case_number = _CASE_NUMBER.fullmatch(plain)["num"]
        elif d.proposal:
            d.proposal.append(raw)
        elif m := _PROPOSAL.fullmatch(plain):
            d.proposal_kind = m["kind"]
            d.proposal.append(raw)
        else:
            d.text.append(raw)
    elif d.state == "decision":
        d.decision.append(raw)
    elif d.state == "description":
        d.description.append(raw)
    elif plain:  # attachments
        d.attachments.append(plain)


def _parse_items(lines: list[str], start: int) -> list[_Draft]:
    drafts: list[_Draft] = []
    seen: dict[int, int] = {}
    for idx in range(start, len(lines)):
        raw = lines[idx]
        plain = _plain(raw)
        header = _ITEM_HEADER.fullmatch(plain)
        if header:
            if not header["num"].isdigit():
                raise MinutesParseError(f"punktoverskriften '{raw.strip()}' mangler et nummer", line=idx + 1)
            number = int(header["num"])
            if number in seen:
                raise MinutesParseError(
                    f"punktet optræder to gange (første gang i linje {seen[number]})", line=idx + 1, item=number
                )
            if drafts and not drafts[-1].title:
                raise _no_title(drafts[-1])
            seen[number] = idx + 1
            drafts.append(_Draft(number=number, line=idx + 1))
        elif drafts:
            _feed(drafts[-1], raw, plain)
    if drafts and not drafts[-1].title:
        raise _no_title(drafts[-1])
    return drafts


def _finish(d: _Draft, position: int, toc: TocEntry | None) -> AgendaItem:
    attachments = list(d.attachments)
    attachments += [t for t in dict.fromkeys(d.inline_attachments) if t not in attachments]
    return AgendaItem(
        number=d.number,
        position=position,
        title=d.title,
        toc_title=toc.title if toc else "",
        page=toc.page if toc else None,
        case_number=d.case_number,
        proposal=_plain_paragraphs(d.proposal),
        proposal_kind=d.proposal_kind,
        text=_block(d.text),
        decision=_plain_paragraphs(d.decision),
        case_description=_block(d.description),
        attachments=attachments,
    )


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


# --- comparing two source texts ---------------------------------------------------------------

_COMPARED_FIELDS = (
    ("title", "titel"),
    ("case_number", "sagsnummer"),
    ("proposal", "indstilling"),
    ("text", "tekst"),
    ("decision", "beslutning"),
    ("case_description", "sagsbeskrivelse"),
)


def _words(text: str) -> list[str]:
    # Markdown markers are ignored so a Markdown export and a PDF text compare equal.
    words = (token.replace("*", "").lstrip("#") for token in text.split())
    return [w for w in words if w]


def _word_diff(a: str, b: str, where: str) -> list[str]:
    wa, wb = _words(a), _words(b)
    if wa == wb:
        return []
    if not wa or not wb:
        return [f"{where}: tom i {'første' if not wa else 'anden'} tekst"]
    out = []
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old, new = " ".join(wa[i1:i2]) or "–", " ".join(wb[j1:j2]) or "–"
        context = " ".join(wa[max(0, i1 - 3) : i1])
        out.append(f"{where}: '{old}' ≠ '{new}'" + (f" (efter '{context}')" if context else ""))
    return out


def compare_texts(a: Minutes, b: Minutes) -> list[str]:
    """Word-level differences between items with the same number in two parsed texts."""
    others = {item.number: item for item in b.items}
    out: list[str] = []
    for item in a.items:
        other = others.get(item.number)
        if other is None:
            continue
        for attr, label in _COMPARED_FIELDS:
            out += _word_diff(getattr(item, attr), getattr(other, attr), f"Punkt {item.number}, {label}")
        if item.attachments != other.attachments:
            out.append(f"Punkt {item.number}, bilag: {item.attachments} ≠ {other.attachments}")
    return out
