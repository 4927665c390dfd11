"""Generic layout: numbered item headings and the section names Danish minutes share.

Catches minutes no municipality layout claims: items headed "N. Titel" (or "Punkt N Titel",
"Pkt. N Titel") followed by Resume/Resumé, Indstilling, Sagsfremstilling/Sagsbeskrivelse,
Beslutning and Bilag; meeting facts from labelled header lines (Dato/Mødedato, Tid/Tidspunkt,
Sted/Mødested/Lokale, Fraværende/Afbud, Til stede/Deltagere).
"""

from __future__ import annotations

import re

from ..text import _plain
from ..types import Minutes
from .base import Recognition, score
from .sections import SECTION, SectionLayout, is_decision

NAME = "generic"
LABEL = "Generel (nummererede punkter med Resume, Indstilling, Sagsfremstilling, Beslutning)"

LAYOUT = SectionLayout(
    label=LABEL,
    case_number=re.compile(r"(?:Sagsnr\.?|Sagsid\.?|J\.?\s*nr\.?)\s*:?\s*(?P<num>\S+)", re.IGNORECASE),
    toc_start=re.compile(r"Indholdsfortegnelse|Dagsorden|Følgende sager behandles:?", re.IGNORECASE),
    drop_line=re.compile(r"Side\s+\d+(?:\s+af\s+\d+)?\.?", re.IGNORECASE),
    committee_line=re.compile(r"Referat\s+(?:fra|af)\s+(?:mødet?\s+i\s+)?(?P<committee>.+)", re.IGNORECASE),
)
_DATE_LABEL = re.compile(r"(?:Dato|Mødedato|Mødet den)\b.*", re.IGNORECASE)


def recognise(lines: list[str]) -> Recognition:
    first = LAYOUT.first_item(lines)
    decisions = sum(1 for line in lines if (m := SECTION.fullmatch(_plain(line))) and is_decision(m["name"]))
    has_date = any(_DATE_LABEL.fullmatch(_plain(line)) for line in lines[: (first if first is not None else 200)])
    found = score(
        [
            (
                first is not None,
                "der er ingen nummererede punkter efterfulgt af et afsnit (fx '1. Titel' og 'Sagsfremstilling')",
            ),
            (decisions > 0, "der er ingen afsnit 'Beslutning'"),
            (has_date, "mødedatoen ('Dato:' eller 'Mødedato:') mangler før første punkt"),
        ]
    )
    # Without items there is nothing to import, whatever else fits.
    return found if first is not None else Recognition(min(found.score, 0.3), found.complaint)


def parse(lines: list[str]) -> Minutes:
    return LAYOUT.parse(lines)
