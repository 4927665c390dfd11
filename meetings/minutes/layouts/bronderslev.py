"""Brønderslev web minutes (2018–2021): "<Udvalg> - Referat", "Dato:", "Lokale:", "Tidspunkt:".

Items are headed "N. Titel", with Resume, "Sagsforløb: <udvalg>", Sagsfremstilling, optional
sections (Personale, Økonomi), Beslutning and the navigation link "Til toppen", which is dropped.
Absence is recorded as item 1, "Fraværende": its decision names the absent members.
"""

from __future__ import annotations

import re

from ..text import _plain
from ..types import Minutes
from .base import Recognition, score
from .sections import SectionLayout

NAME = "bronderslev"
LABEL = "Brønderslev (webreferat: '<Udvalg> - Referat', Dato/Lokale/Tidspunkt, 'Til toppen')"

_TITLE = re.compile(r"(?P<committee>.+?)\s+[-–]\s+Referat", re.IGNORECASE)
LAYOUT = SectionLayout(
    label=LABEL,
    drop_line=re.compile(r"Til toppen", re.IGNORECASE),
    committee_line=_TITLE,
    absence_item=re.compile(r"Fraværende\.?", re.IGNORECASE),
    # The web page's table of contents repeats the item headings; the items themselves are read.
    toc_start=re.compile(r"Indholdsfortegnelse", re.IGNORECASE),
)


def recognise(lines: list[str]) -> Recognition:
    head = [_plain(line) for line in lines[:60]]
    plains = (_plain(line) for line in lines)
    return score(
        [
            (any(_TITLE.fullmatch(p) for p in head), "overskriften '<Udvalg> - Referat' mangler"),
            (any(re.fullmatch(r"Dato:.*", p) for p in head), "linjen 'Dato:' mangler"),
            (any(re.fullmatch(r"Lokale:.*", p) for p in head), "linjen 'Lokale:' mangler"),
            (any(re.fullmatch(r"Tidspunkt:.*", p) for p in head), "linjen 'Tidspunkt:' mangler"),
            (
                any(p.casefold() in ("til toppen", "sagsforløb") or p.startswith("Sagsforløb:") for p in plains),
                "der er hverken 'Sagsforløb:' eller 'Til toppen' i punkterne",
            ),
        ]
    )


_GLUED_TOC = re.compile(r"(?P<toc>Indholdsfortegnelse)\s*(?P<first>\d+\.\s.*)", re.IGNORECASE)


def parse(lines: list[str]) -> Minutes:
    # Text copied from the page glues the first heading to the contents link: "Indholdsfortegnelse1. Fraværende".
    out: list[str] = []
    for line in lines:
        m = _GLUED_TOC.fullmatch(line.strip())
        out.extend([m["toc"], "", m["first"]] if m else [line])
    return LAYOUT.parse(out)
