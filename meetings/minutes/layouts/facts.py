"""Minutes with a block of meeting facts: "Mødested:", "Udvalg:", "Mødedeltagere:", "Fraværende:".

Each item carries "Sagsid.: <nummer>" under its heading, and its decision is headed
"Beslutning i <udvalg> den DD-MM-YYYY".
"""

from __future__ import annotations

import re

from ..text import _plain
from ..types import Minutes
from .base import Recognition, score
from .sections import SectionLayout

NAME = "facts"
LABEL = "Mødefakta-blok (Mødested, Udvalg, Mødedeltagere, 'Sagsid.:' og 'Beslutning i <udvalg> den …')"

CASE_ID = re.compile(r"Sagsid\.?\s*:?\s*(?P<num>\S+)", re.IGNORECASE)
_DECISION_IN = re.compile(r"Beslutning\s+i\s+.+\s+den\s+\d{1,2}[.\-/]\d{1,2}[.\-/]\d{4}", re.IGNORECASE)
LAYOUT = SectionLayout(
    label=LABEL,
    case_number=CASE_ID,
    toc_start=re.compile(r"Indholdsfortegnelse|Punkter på dagsordenen", re.IGNORECASE),
    ignore_header=re.compile(r"Referat|Dagsorden", re.IGNORECASE),
    drop_line=re.compile(r"Side\s+\d+(?:\s+af\s+\d+)?\.?", re.IGNORECASE),
)


def recognise(lines: list[str]) -> Recognition:
    head = [_plain(line) for line in lines[:60]]
    plains = [_plain(line) for line in lines]
    return score(
        [
            (any(p.startswith("Mødested:") for p in head), "linjen 'Mødested:' mangler"),
            (any(p.startswith("Udvalg:") for p in head), "linjen 'Udvalg:' mangler"),
            (any(p.startswith("Mødedeltagere:") for p in head), "linjen 'Mødedeltagere:' mangler"),
            (any(CASE_ID.fullmatch(p) for p in plains), "der er ingen 'Sagsid.:' under punkterne"),
            (any(_DECISION_IN.fullmatch(p) for p in plains), "der er ingen 'Beslutning i <udvalg> den DD-MM-ÅÅÅÅ'"),
        ]
    )


def parse(lines: list[str]) -> Minutes:
    return LAYOUT.parse(lines)
