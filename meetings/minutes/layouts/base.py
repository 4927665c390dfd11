"""What every layout shares: how it recognises itself, and the readers for dates, times and names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from ..text import DANISH_MONTHS, _plain, _split_names
from ..types import MinutesParseError

# A layout that scores this much reads the text; between HALF and FULL it reads it with a warning.
FULL_MATCH = 0.7
HALF_MATCH = 0.4


@dataclass(frozen=True)
class Recognition:
    """How well a text fits a layout: a score from 0 to 1 and, below a full match, what is missing."""

    score: float
    complaint: str = ""


def plain_lines(text: str) -> list[str]:
    """The text's lines, without a byte order mark and with any line ending."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def score(found: list[tuple[bool, str]]) -> Recognition:
    """A score from (present, Danish description of what is missing) marks, equally weighted."""
    if not found:
        return Recognition(0.0, "")
    missing = [what for present, what in found if not present]
    return Recognition(round(1 - len(missing) / len(found), 2), "; ".join(missing))


_NUMERIC_DATE = re.compile(r"(?P<day>\d{1,2})[.\-/](?P<month>\d{1,2})[.\-/](?P<year>\d{4})")
_WORD_DATE = re.compile(r"(?P<day>\d{1,2})\.?\s*(?P<month>[^\W\d_]+)\s+(?P<year>\d{4})")
_CLOCK = re.compile(r"(?:kl\.?\s*)?(?P<hour>\d{1,2})[.:](?P<minute>\d{2})", re.IGNORECASE)


def read_date(value: str, line: int) -> date | None:
    """A date written "29. januar 2020", "29-01-2020" or "29.01.2020", with or without a weekday.

    Returns None when the value holds no date at all; raises MinutesParseError for one that
    looks like a date but is not one (31.02.2020).
    """
    m = _NUMERIC_DATE.search(value)
    if m:
        day, month, year = int(m["day"]), int(m["month"]), int(m["year"])
    else:
        m = _WORD_DATE.search(value)
        if not m or m["month"].casefold() not in DANISH_MONTHS:
            return None
        day, month, year = int(m["day"]), DANISH_MONTHS[m["month"].casefold()], int(m["year"])
    try:
        return date(year, month, day)
    except ValueError:
        raise MinutesParseError(f"datoen '{m.group(0)}' kan ikke læses", line=line) from None


def read_clocks(value: str, line: int) -> list[time]:
    """The clock times in a value ("Kl. 19:00", "kl. 14.30 - 16.00"), in order."""
    out = []
    for m in _CLOCK.finditer(value):
        try:
            out.append(time(int(m["hour"]), int(m["minute"])))
        except ValueError:
            raise MinutesParseError(f"klokkeslættet '{m.group(0)}' kan ikke læses", line=line) from None
    return out


_NAME = re.compile(r"[A-ZÆØÅ][\w.'-]*(?:\s+(?:[A-ZÆØÅ][\w.'-]*|von|van|de))*")
_NONE = {"ingen", "ingen.", "-", "–", ""}
_NAME_LEAD = re.compile(r"^(?:der\s+er\s+)?(?:afbud\s+fra|fraværende:?)\s+", re.IGNORECASE)


def read_names(value: str) -> list[str] | None:
    """Names in "Anna Holm, Bo Lund og Carl Ibsen" (also after "Afbud fra"); [] for "Ingen".

    A name is two to five capitalised words, so "Godkendt." is not read as one.

    Returns None when the value is not a plain list of names (a sentence, say): the caller then
    leaves the attendance empty rather than guessing.
    """
    value = " ".join(value.split())
    if value.casefold() in _NONE:
        return []
    value = _NAME_LEAD.sub("", value)
    names = _split_names(value)
    if names and all(_NAME.fullmatch(n) and 2 <= len(n.split()) <= 5 for n in names):
        return names
    return None


def first_plain(lines: list[str], limit: int = 80) -> list[tuple[int, str]]:
    """(index, plain text) of the first `limit` non-blank lines."""
    out = []
    for idx, line in enumerate(lines):
        plain = _plain(line)
        if plain:
            out.append((idx, plain))
            if len(out) >= limit:
                break
    return out
