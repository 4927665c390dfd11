"""The engine the section layouts share: a header of labelled lines, then numbered items with named sections.

A layout is a `SectionLayout` configured with what differs between systems: the header labels,
how an item heading looks, which lines to drop (running page headers, "Til toppen"), where the
case or journal number stands, and whether absence is recorded as an item. The sections Danish
minutes share are mapped onto the fields of `AgendaItem`:

* Resume/Resumé, and text before the first section          -> text
* Indstilling                                              -> proposal
* Sagsfremstilling/Sagsbeskrivelse                         -> case_description
* Beslutning (also "Beslutning i <udvalg> den <dato>")      -> decision
* Bilag                                                    -> attachments, one a line
* other known sections (Økonomi, Personale, Sagsforløb ...) -> case_description, under their name

A section that is not in the text stays empty; nothing is filled in from elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time

from ..text import _block, _plain
from ..types import AgendaItem, Minutes, MinutesParseError
from .base import read_clocks, read_date, read_names

SECTION = re.compile(
    r"(?P<name>Resume|Resumé|Sagsforløb|Sagsfremstilling|Sagsbeskrivelse|Indstilling|"
    r"Beslutning(?:\s+i\s+.{1,80}?\s+den\s+\d{1,2}[.\-/]\d{1,2}[.\-/]\d{4})?|Bilag|Økonomi|Personale|"
    r"Beslutningskompetence|Lovgrundlag|Baggrund|Høring|Økonomiske konsekvenser|Forventet sagsgang|"
    r"Anledning|Vurdering|Kommunikation|Retsgrundlag|Historik|Tidsplan)"
    r"\s*(?::\s*(?P<rest>.*))?",
    re.IGNORECASE,
)


def is_decision(name: str) -> bool:
    """Whether a section name (from SECTION) is the decision: "Beslutning", "Beslutning i <udvalg> den …"."""
    name = name.casefold()
    return name == "beslutning" or name.startswith("beslutning i")


_FIELD = {
    "resume": "text",
    "resumé": "text",
    "indstilling": "proposal",
    "sagsfremstilling": "case_description",
    "sagsbeskrivelse": "case_description",
    "bilag": "attachments",
}
_CLOSED_TITLE = re.compile(
    r"(?:Lukket\s+(?:punkt|sag)\s*[:\-–]\s*(?P<a>.+))|(?:(?P<b>.+?)\s*(?:\(lukket(?:\s+punkt)?\)|[-–]\s*lukket))",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[-•*]\s+|\d{1,2}[.)]\s+)")
_NUMBERED = re.compile(r"(?:(?:Punkt|Pkt\.?)\s*)?(?P<num>\d{1,4})\s*[.:)]?\s+(?P<title>\S.*)", re.IGNORECASE)

# Header labels shared by the layouts, matched case-insensitively at the start of a plain line.
HEADER_LABELS = {
    "dato": "date",
    "mødedato": "date",
    "tidspunkt": "time",
    "tid": "time",
    "starttidspunkt": "start",
    "mødet påbegyndt": "start",
    "sluttidspunkt": "end",
    "mødet afsluttet": "end",
    "mødet hævet": "end",
    "sted": "place",
    "mødested": "place",
    "lokale": "place",
    "fraværende": "absent",
    "afbud": "absent",
    "til stede": "present",
    "deltagere": "present",
    "mødedeltagere": "present",
    "udvalg": "committee",
}


def _label_pattern(labels: dict[str, str]) -> re.Pattern[str]:
    names = sorted(labels, key=len, reverse=True)
    return re.compile(r"(?P<label>" + "|".join(map(re.escape, names)) + r")\s*:\s*(?P<value>.*)", re.IGNORECASE)


@dataclass
class _Item:
    number: int
    line: int
    title: str
    case_number: str = ""
    sections: dict[str, list[str]] = field(default_factory=dict)
    extra: list[tuple[str, list[str]]] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)


@dataclass
class _Header:
    committee: str = ""
    date: date | None = None
    start: time | None = None
    end: time | None = None
    place: str = ""
    present: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    toc: dict[int, str] = field(default_factory=dict)
    closed_toc: dict[int, str] = field(default_factory=dict)


@dataclass
class SectionLayout:
    """A layout read by the shared engine; the fields are what differs between systems."""

    label: str
    item_heading: re.Pattern[str] = _NUMBERED
    drop_line: re.Pattern[str] | None = None  # running page headers, navigation
    case_number: re.Pattern[str] | None = None  # a line of its own holding the case/journal number
    case_before_heading: bool = False  # the number stands on the line before the item heading
    absence_item: re.Pattern[str] | None = None  # title of the item that records who was absent
    committee_line: re.Pattern[str] | None = None  # header line naming the committee (group "committee")
    meeting_line: re.Pattern[str] | None = None  # one line with committee, date and time (groups of those names)
    place_after_meeting_line: bool = False  # the unlabelled line after the meeting line is the place
    toc_start: re.Pattern[str] | None = None
    ignore_header: re.Pattern[str] | None = None  # header lines that are known and carry nothing
    labels: dict[str, str] = field(default_factory=lambda: dict(HEADER_LABELS))

    # --- finding the items -------------------------------------------------------------------

    def _heading_at(self, lines: list[str], idx: int, allow_closed: bool = False) -> re.Match[str] | None:
        """The item heading on line idx, if a section heading follows it within the title's lines.

        allow_closed: a closed item's heading ("3. Lukket punkt: …") counts without sections; only once
        an item has been found, so the table of contents' lines are not taken for items.
        """
        plain = _plain(lines[idx])
        m = self.item_heading.fullmatch(plain)
        if not m or SECTION.fullmatch(plain) or m["title"][0].islower():  # "1. at ..." is a list
            return None
        if allow_closed and _CLOSED_TITLE.fullmatch(m["title"]):  # a closed item has no sections to follow it
            return m
        seen = 0
        for j in range(idx + 1, min(len(lines), idx + 12)):
            nxt = _plain(lines[j])
            if not nxt:
                continue
            if SECTION.fullmatch(nxt):
                return m
            if self.case_number and self.case_number.fullmatch(nxt):
                continue
            seen += 1
            if seen > 2 or self.item_heading.fullmatch(nxt):
                return None
        return None

    def item_starts(self, lines: list[str]) -> list[int]:
        """Item headings in order. A numbered line counts only if its number is higher than the
        item before's: "1. At planen godkendes" in an item's proposal is a list, not item 1 again."""
        starts, last = [], 0
        for idx in range(len(lines)):
            m = self._heading_at(lines, idx, allow_closed=bool(starts))
            if m and int(m["num"]) > last:
                starts.append(idx)
                last = int(m["num"])
        return starts

    def first_item(self, lines: list[str]) -> int | None:
        """The index of the first item heading, or None: what recognising a text needs."""
        return next((idx for idx in range(len(lines)) if self._heading_at(lines, idx)), None)

    # --- the whole text ------------------------------------------------------------------------

    def parse(self, text_lines: list[str]) -> Minutes:
        # Dropped lines (running page headers) become blank for finding items, and are skipped
        # inside an item, so a paragraph broken by a page header joins up again.
        dropped = {i for i, line in enumerate(text_lines) if self.drop_line and self.drop_line.fullmatch(_plain(line))}
        lines = ["" if i in dropped else line for i, line in enumerate(text_lines)]
        starts = self.item_starts(lines)
        first = starts[0] if starts else len(lines)
        header_end = first
        if self.case_before_heading and starts:
            header_end = self._case_line_before(lines, first) or first
        warnings: list[str] = []
        unplaced: list[str] = []
        header = self._parse_header(lines[:header_end], warnings, unplaced)
        items = self._parse_items(lines, starts, dropped)
        return self._minutes(header, items, warnings, unplaced)

    def _case_line_before(self, lines: list[str], idx: int) -> int | None:
        for j in range(idx - 1, max(-1, idx - 4), -1):
            plain = _plain(lines[j])
            if not plain:
                continue
            return j if self.case_number and self.case_number.fullmatch(plain) else None
        return None

    # --- header ----------------------------------------------------------------------------------

    def _parse_header(self, lines: list[str], warnings: list[str], unplaced: list[str]) -> _Header:
        h = _Header()
        label_re = _label_pattern(self.labels)
        in_toc = expect_committee = expect_place = False
        for idx, raw in enumerate(lines):
            plain = _plain(raw)
            if not plain:
                continue
            line = idx + 1
            m = label_re.fullmatch(plain)
            if m:
                in_toc = False
                self._header_value(h, self.labels[m["label"].casefold()], m["value"].strip(), line, warnings, unplaced)
                continue
            if self.meeting_line and (m := self.meeting_line.fullmatch(plain)):
                h.committee = h.committee or " ".join(m["committee"].split())
                h.date = read_date(m["date"], line)
                clocks = read_clocks(m["time"] or "", line)
                h.start = clocks[0] if clocks else None
                h.end = clocks[1] if len(clocks) > 1 else None
                expect_place = self.place_after_meeting_line
                continue
            if expect_place:
                h.place, expect_place = plain, False
                continue
            if self.committee_line and not h.committee and (m := self.committee_line.fullmatch(plain)):
                h.committee = " ".join(m["committee"].split())
                expect_committee = not h.committee  # the title, with the committee on the next line
                continue
            if expect_committee:
                h.committee, expect_committee = plain, False
                continue
            if self.toc_start and self.toc_start.fullmatch(plain):
                in_toc = True
                continue
            if in_toc and (m := _NUMBERED.fullmatch(plain)):
                title = re.sub(r"\s+\d{1,4}$", "", m["title"]).strip()  # a trailing page number
                closed = _CLOSED_TITLE.fullmatch(title)
                if closed:
                    h.closed_toc[int(m["num"])] = (closed["a"] or closed["b"]).strip()
                else:
                    h.toc[int(m["num"])] = title
                continue
            if in_toc:
                continue  # a TOC title wrapped onto the next line; the item's own heading is used
            if self.ignore_header and self.ignore_header.fullmatch(plain):
                continue
            unplaced.append(f"Linje {line}: {plain[:120]}")
        return h

    def _header_value(self, h: _Header, key: str, value: str, line: int, warnings, unplaced) -> None:
        if re.fullmatch(r"kl\.?", value, re.IGNORECASE):
            value = ""  # "Mødet afsluttet: kl." with the time left blank
        if key == "date":
            h.date = read_date(value, line)
            if h.date is None and value:
                warnings.append(f"Datoen '{value}' (linje {line}) kunne ikke læses")
            after_kl = re.split(r"\bkl\b", value, maxsplit=1, flags=re.IGNORECASE)
            clocks = read_clocks(after_kl[1], line) if len(after_kl) > 1 else []
            if clocks:
                h.start = h.start or clocks[0]
                h.end = h.end or (clocks[1] if len(clocks) > 1 else None)
        elif key in ("time", "start", "end"):
            clocks = read_clocks(value, line)
            if key == "end":
                h.end = clocks[0] if clocks else None
            else:
                h.start = clocks[0] if clocks else None
                if key == "time" and len(clocks) > 1:
                    h.end = clocks[1]
            if not clocks and value:
                unplaced.append(f"Linje {line}: {value[:120]}")
        elif key == "place":
            h.place = value
        elif key == "committee":
            h.committee = value
        elif key in ("absent", "present"):
            names = read_names(value)
            if names is None:
                kind = "fraværende" if key == "absent" else "til stede"
                warnings.append(f"Listen over {kind} (linje {line}) kunne ikke læses som navne og er udeladt")
                unplaced.append(f"Linje {line}: {value[:120]}")
            elif key == "absent":
                h.absent = names
            else:
                h.present = names

    # --- items -------------------------------------------------------------------------------------

    def _parse_items(self, lines: list[str], starts: list[int], dropped: set[int]) -> list[_Item]:
        items: list[_Item] = []
        seen: dict[int, int] = {}
        for n, start in enumerate(starts):
            stop = starts[n + 1] if n + 1 < len(starts) else len(lines)
            if self.case_before_heading and n + 1 < len(starts):
                stop = self._case_line_before(lines, stop) or stop
            m = self.item_heading.fullmatch(_plain(lines[start]))
            number = int(m["num"])
            if number in seen:
                raise MinutesParseError(
                    f"punktet optræder to gange (første gang i linje {seen[number]})", line=start + 1, item=number
                )
            seen[number] = start + 1
            item = _Item(number=number, line=start + 1, title=" ".join(m["title"].split()))
            if self.case_before_heading:
                case_idx = self._case_line_before(lines, start)
                if case_idx is not None:
                    item.case_number = self._case_value(_plain(lines[case_idx]))
            self._fill(item, lines, start + 1, stop, dropped)
            items.append(item)
        return items

    def _case_value(self, plain: str) -> str:
        m = self.case_number.fullmatch(plain)
        return (m.groupdict().get("num") or plain).strip()

    def _fill(self, item: _Item, lines: list[str], start: int, stop: int, dropped: set[int]) -> None:
        current: list[str] | None = None
        title_open = True
        body: list[str] = []
        for idx in range(start, stop):
            if idx in dropped:
                continue
            raw, plain = lines[idx], _plain(lines[idx])
            section = SECTION.fullmatch(plain) if plain else None
            if section:
                title_open = False
                name = section["name"].casefold()
                key = "decision" if is_decision(name) else _FIELD.get(name)
                rest = (section["rest"] or "").strip()
                if key is None and rest:
                    # A one-line fact ("Sagsforløb: ØK/BY"): the section before it goes on.
                    item.extra.append((section["name"], [rest]))
                elif key is None:
                    current = []
                    item.extra.append((section["name"], current))
                elif key == "attachments":
                    current = None
                    if rest:
                        item.attachments.append(rest)
                    item.sections.setdefault("attachments", [])
                else:
                    current = item.sections.setdefault(key, [])
                    if rest:
                        current.append(rest)
                continue
            if title_open and plain and self.case_number and self.case_number.fullmatch(plain) and not item.case_number:
                item.case_number = self._case_value(plain)
                continue
            if title_open and plain and not body:
                item.title = f"{item.title} {' '.join(plain.split())}"  # a title over two lines
                continue
            if title_open and not plain:
                continue
            if "attachments" in item.sections and current is None:
                if plain:
                    item.attachments.append(_BULLET.sub("", plain).strip())
                continue
            (current if current is not None else body).append(raw)
        if body:
            item.sections.setdefault("text", [])[:0] = body

    # --- the result --------------------------------------------------------------------------------

    def _minutes(self, h: _Header, drafts: list[_Item], warnings: list[str], unplaced: list[str]) -> Minutes:
        items: list[AgendaItem] = []
        absent = list(h.absent)
        body_numbers = {d.number for d in drafts}
        closed_text_left_out = []
        for d in drafts:
            closed = _CLOSED_TITLE.fullmatch(d.title)
            if closed or d.number in h.closed_toc:
                title = (closed["a"] or closed["b"]).strip() if closed else d.title
                if any(_block(v) for v in d.sections.values()) or d.extra or d.attachments:
                    warnings.append(f"Punkt {d.number} er lukket; teksten i referatet er udeladt")
                    closed_text_left_out.append(d.number)
                items.append(
                    AgendaItem(number=d.number, position=len(items) + 1, title=title, toc_title=title, is_closed=True)
                )
                continue
            if self.absence_item and self.absence_item.fullmatch(d.title):
                absent = self._absence(d, absent, warnings, unplaced)
            toc_title = h.toc.get(d.number, "")
            words = toc_title.split()
            if words and d.title.split()[: len(words)] != words:  # a wrapped TOC title is a prefix
                warnings.append(
                    f"Punkt {d.number}: titlen i indholdsfortegnelsen ('{toc_title}') "
                    f"afviger fra titlen i teksten ('{d.title}')"
                )
            decision = _block(d.sections.get("decision", []))
            if not decision:
                warnings.append(f"Punkt {d.number} ('{d.title}') har ingen beslutning")
            description = [_block(d.sections.get("case_description", []))]
            for name, content in d.extra:
                if _block(content):
                    description.append(f"**{name}**\n\n{_block(content)}")
            items.append(
                AgendaItem(
                    number=d.number,
                    position=len(items) + 1,
                    title=d.title,
                    toc_title=toc_title,
                    case_number=d.case_number,
                    proposal=_block(d.sections.get("proposal", [])),
                    text=_block(d.sections.get("text", [])),
                    decision=decision,
                    case_description="\n\n".join(p for p in description if p),
                    attachments=list(dict.fromkeys(a for a in d.attachments if a)),
                )
            )
        missing = [n for n in h.toc if n not in body_numbers]
        if missing:
            warnings.append(
                "Punkt " + ", ".join(map(str, missing)) + " står i indholdsfortegnelsen, men ikke i teksten"
            )
        for number, title in h.closed_toc.items():
            if number not in body_numbers:
                items.append(
                    AgendaItem(number=number, position=len(items) + 1, title=title, toc_title=title, is_closed=True)
                )
        return Minutes(
            committee=h.committee,
            date=h.date,
            start_time=h.start,
            end_time=h.end,
            place=h.place,
            present=h.present,
            apologies=absent,
            items=items,
            warnings=warnings,
            layout=self.label,
            unplaced=unplaced,
            closed_text_left_out=closed_text_left_out,
        )

    def _absence(self, d: _Item, absent: list[str], warnings: list[str], unplaced: list[str]) -> list[str]:
        """Absence recorded as an item: its decision (or case text) names who was absent."""
        for key in ("decision", "case_description"):
            value = " ".join(_block(d.sections.get(key, [])).split())
            if not value:
                continue
            names = read_names(value)
            if names is not None:
                return absent or names
            if key == "decision" and value.casefold().rstrip(".") in ("godkendt", "taget til efterretning"):
                continue
            warnings.append(f"Punkt {d.number} ('{d.title}'): de fraværende kunne ikke læses som navne")
            unplaced.append(f"Punkt {d.number}: {value[:120]}")
            return absent
        return absent
