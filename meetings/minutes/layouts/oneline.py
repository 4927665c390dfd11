"""Minutes that write the meeting on one line: "Referat <Udvalg> <ugedag> den <dato> kl. <tid>".

The line after it is the place. Items are headed "N. Titel" (or "Punkt N Titel") with
Sagsfremstilling, Indstilling, Beslutning, Beslutningskompetence and Bilag.
"""

from __future__ import annotations

import re

from ..text import DANISH_WEEKDAYS, _plain
from ..types import Minutes
from .base import Recognition, score
from .sections import SECTION, SectionLayout

NAME = "oneline"
LABEL = "Mødet på én linje ('Dagsorden/Referat <Udvalg> <ugedag> den <dato> kl. <tid>')"

MEETING_LINE = re.compile(
    r"(?:Dagsorden\s*/\s*Referat|Referat|Dagsorden)\s+(?:fra\s+|for\s+)?(?P<committee>.+?)\s+"
    r"(?:" + "|".join(DANISH_WEEKDAYS) + r")\s+den\s+(?P<date>.+?)"
    r"(?:\s*,?\s+kl\.?\s*(?P<time>\d{1,2}[.:]\d{2}(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?))?\.?",
    re.IGNORECASE,
)
LAYOUT = SectionLayout(
    label=LABEL,
    meeting_line=MEETING_LINE,
    place_after_meeting_line=True,
    case_number=re.compile(r"(?:Sagsnr\.?|Sags\s*nr\.?)\s*:?\s*(?P<num>\S+)", re.IGNORECASE),
    toc_start=re.compile(r"Indholdsfortegnelse|Dagsorden|Åbne punkter", re.IGNORECASE),
    drop_line=re.compile(r"Side\s+\d+(?:\s+af\s+\d+)?\.?", re.IGNORECASE),
)


def recognise(lines: list[str]) -> Recognition:
    head = [_plain(line) for line in lines[:40]]
    names = {m["name"].casefold() for line in lines if (m := SECTION.fullmatch(_plain(line)))}
    return score(
        [
            (
                any(MEETING_LINE.fullmatch(p) for p in head),
                "mødelinjen ('Referat <Udvalg> <ugedag> den <dato> kl. <tid>') mangler",
            ),
            (LAYOUT.first_item(lines) is not None, "der er ingen nummererede punkter efterfulgt af et afsnit"),
            ("beslutningskompetence" in names, "der er ingen afsnit 'Beslutningskompetence'"),
        ]
    )


def parse(lines: list[str]) -> Minutes:
    return LAYOUT.parse(lines)
