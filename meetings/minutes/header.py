"""The part of minutes before the first item: title block, table of contents, meeting block, attendance."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time

from .text import (
    DANISH_MONTHS,
    DANISH_WEEKDAYS,
    _parse_clock,
    _parse_numeric_date,
    _plain,
    _same_words,
    _split_names,
)
from .types import Attendee, MinutesParseError, TocEntry

# All of these are matched (fullmatch) against the plain form of a line, see text._plain().
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
