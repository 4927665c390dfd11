"""Hjørring PDF minutes ("Åben dagsorden"): meeting facts, a table of items, journal numbers.

The header gives "Mødedato:", "Mødet påbegyndt:", "Mødet afsluttet:", "Mødested:" and
"Fraværende:", then the table "Følgende sager behandles:" / "Pkt. Tekst Side". Every page carries a
running header ("Hjørring Kommune <dato> Side N."), which is dropped wherever it falls, also in the
middle of an item. A journal number ("00.01.00-K01-1-16") stands on the line before each item.
"""

from __future__ import annotations

import re

from ..text import _plain
from ..types import Minutes
from .base import Recognition, score
from .sections import SectionLayout

NAME = "hjoerring"
LABEL = "Hjørring (PDF 'Åben dagsorden' med journalnumre)"

JOURNAL_NUMBER = re.compile(r"(?P<num>\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d+-\d{2})")
_RUNNING_HEADER = re.compile(r"(?:.{0,80}\s)?Hjørring Kommune\b.{0,60}\bSide\s+\d+\.?|Side\s+\d+\.?", re.IGNORECASE)
_TITLE = re.compile(r"(?:Referat\s*[-–]\s*)?Åben dagsorden\s*(?P<committee>.*)", re.IGNORECASE)
LAYOUT = SectionLayout(
    label=LABEL,
    drop_line=_RUNNING_HEADER,
    case_number=JOURNAL_NUMBER,
    case_before_heading=True,
    committee_line=_TITLE,
    toc_start=re.compile(r"Følgende sager behandles:?", re.IGNORECASE),
    ignore_header=re.compile(r"Pkt\.?\s+Tekst(?:\s+Side)?", re.IGNORECASE),
)


def recognise(lines: list[str]) -> Recognition:
    head = [_plain(line) for line in lines[:80]]
    journals = sum(1 for line in lines if JOURNAL_NUMBER.fullmatch(_plain(line)))
    return score(
        [
            (any(_TITLE.fullmatch(p) for p in head), "overskriften 'Åben dagsorden' mangler"),
            (any(p.startswith("Mødedato:") for p in head), "linjen 'Mødedato:' mangler"),
            (any(p.startswith("Mødet påbegyndt:") for p in head), "linjen 'Mødet påbegyndt:' mangler"),
            (
                any(p.startswith("Følgende sager behandles") for p in head),
                "tabellen 'Følgende sager behandles' mangler",
            ),
            (journals > 0, "der er ingen journalnumre (fx '00.01.00-K01-1-16') før punkterne"),
        ]
    )


def parse(lines: list[str]) -> Minutes:
    return LAYOUT.parse(lines)
