"""Reading lines of minutes: Markdown stripping, paragraphs, Danish words, dates, clock times and names."""

from __future__ import annotations

import re
from datetime import date, time

from .types import MinutesParseError

DANISH_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "januar",
            "februar",
            "marts",
            "april",
            "maj",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "december",
        ],
        start=1,
    )
}
DANISH_WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]

_NUMERIC_DATE = re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})")
_CLOCK = re.compile(r"(?P<hour>\d{1,2})[.:](?P<minute>\d{2})")
_NAME_SEPARATOR = re.compile(r"\s*,\s*|(?<!-)\s+og\s+|\s+&\s+")


def _plain(line: str) -> str:
    """A line without Markdown markers: heading hashes, bold markers, wrapping italics."""
    s = re.sub(r"^#{1,6}\s*", "", line.strip()).replace("**", "").strip()
    if len(s) > 1 and s.startswith("*") and s.endswith("*"):
        s = s[1:-1].strip()
    return s


def _strip_emphasis(paragraph: str) -> str:
    lines = [_plain(line) if line.strip() else "" for line in paragraph.split("\n")]
    return _plain("\n".join(lines)) if len(lines) > 1 else lines[0]


def _block(lines: list[str]) -> str:
    """Lines as Markdown text: right-trimmed, runs of blank lines collapsed, ends trimmed."""
    out: list[str] = []
    for line in lines:
        line = line.rstrip()
        if line.strip():
            out.append(line)
        elif out and out[-1]:
            out.append("")
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _plain_paragraphs(lines: list[str]) -> str:
    text = _block(lines)
    return "\n\n".join(_strip_emphasis(p) for p in text.split("\n\n")) if text else ""


def _join_da(values: list[str]) -> str:
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} og {values[-1]}"


def _same_words(a: str, b: str) -> bool:
    return a.split() == b.split()


def _parse_numeric_date(value: str, line: int) -> date:
    m = _NUMERIC_DATE.fullmatch(value)
    try:
        if not m:
            raise ValueError(value)
        return date(int(m["year"]), int(m["month"]), int(m["day"]))
    except ValueError:
        raise MinutesParseError(f"datoen '{value}' kan ikke læses", line=line) from None


def _parse_clock(value: str, line: int) -> time:
    m = _CLOCK.fullmatch(value)
    try:
        if not m:
            raise ValueError(value)
        return time(int(m["hour"]), int(m["minute"]))
    except ValueError:
        raise MinutesParseError(f"klokkeslættet '{value}' kan ikke læses", line=line) from None


def _split_names(text: str) -> list[str]:
    text = text.strip().removesuffix(".").strip()
    return [name for name in _NAME_SEPARATOR.split(text) if name] if text else []
