"""One importer, a layout per minutes system: each layout recognises itself and reads the text.

A layout is a module with NAME, LABEL, `recognise(lines) -> Recognition` and
`parse(lines) -> Minutes`, listed in LAYOUTS. `parse_any` asks every layout how well the text fits
(a score from 0 to 1 and, below a full match, a complaint saying what is missing) and lets the best
one read it; on a tie the one listed first wins, so the generic layout comes last.

* score >= FULL_MATCH: the layout reads the text;
* HALF_MATCH <= score < FULL_MATCH: it reads the text, and a warning says what did not fit, so
  the preview shows it and nothing is saved until the secretary confirms;
* below HALF_MATCH for every layout: the text is refused with the closest layout's complaint.

Adding a municipality: see docs/import.md ("Adding a municipality's layout").
"""

from __future__ import annotations

import dataclasses
import logging
from types import ModuleType

from ..types import Minutes, MinutesParseError
from . import aalborg, bronderslev, facts, generic, hjoerring, oneline
from .base import FULL_MATCH, HALF_MATCH, Recognition, plain_lines

LAYOUTS: list[ModuleType] = [aalborg, bronderslev, hjoerring, oneline, facts, generic]

logger = logging.getLogger(__name__)

__all__ = ["FULL_MATCH", "HALF_MATCH", "LAYOUTS", "Recognition", "parse_any", "recognise_all"]


def recognise_all(lines: list[str]) -> list[tuple[ModuleType, Recognition]]:
    """Every layout with its recognition, best first (ties keep the order of LAYOUTS)."""
    found = [(layout, layout.recognise(lines)) for layout in LAYOUTS]
    return sorted(found, key=lambda pair: -pair[1].score)


def parse_any(text: str) -> Minutes:
    """Minutes read by the layout that fits the text best; MinutesParseError when none fits."""
    lines = plain_lines(text)
    ranked = recognise_all(lines)
    layout, recognition = ranked[0]
    if recognition.score < HALF_MATCH:
        if recognition.score == 0:
            # Nothing fits at all: the reason of the first layout, as the import has always said.
            raise MinutesParseError(f"teksten ligner ikke et referat: {LAYOUTS[0].recognise(lines).complaint}")
        raise MinutesParseError(
            "teksten ligner ikke et referat i nogen af de kendte opsætninger; "
            f"nærmest er {layout.LABEL}: {recognition.complaint}"
        )
    try:
        minutes = layout.parse(lines)
    except MinutesParseError:
        raise
    except Exception:  # noqa: BLE001 — a layout's bug must reach the secretary as a message, not a 500
        logger.exception("Layout %s failed on a text it recognised", layout.NAME)
        raise MinutesParseError(
            f"teksten blev genkendt som {layout.LABEL}, men kunne ikke læses; send filen til netværkets koordinator"
        ) from None
    if recognition.score < FULL_MATCH:
        warning = f"Teksten passer kun delvist til opsætningen {layout.LABEL}: {recognition.complaint}"
        minutes = dataclasses.replace(minutes, warnings=[warning, *minutes.warnings])
    return minutes
