"""Aalborg (the seed minutes): "Referat", council and committee, "Mødet den ...", "Punkt N." items.

The parsing itself is `meetings.minutes.parse_minutes`, unchanged; this module only says how
well a text fits it.
"""

from __future__ import annotations

import dataclasses
import re

from ..header import _MEETING_HEAD, _TITLE, _TOC
from ..items import _ITEM_HEADER
from ..parse import parse_minutes
from ..text import _plain
from ..types import Minutes
from .base import Recognition

NAME = "aalborg"
LABEL = "Aalborg (Referat, Mødet den …, Punkt N.)"
_PUNKT = re.compile(r"Punkt\s*\d+\s*\.?", re.IGNORECASE)


def recognise(lines: list[str]) -> Recognition:
    has_items = has_title = has_head = has_toc = False
    for line in lines:
        plain = _plain(line)
        if not plain or len(plain) > 120:
            continue
        has_items = has_items or bool(_PUNKT.fullmatch(plain) or _ITEM_HEADER.fullmatch(plain))
        has_title = has_title or bool(_TITLE.fullmatch(plain))
        has_head = has_head or bool(_MEETING_HEAD.fullmatch(plain))
        has_toc = has_toc or bool(_TOC.fullmatch(plain))
    if has_items:
        return Recognition(1.0 if has_head else 0.8, "" if has_head else "mødelinjen 'Mødet den …' mangler")
    if has_title and has_head:
        # Minutes whose items are missing (a truncated file): the parser says what is wrong.
        return Recognition(0.7, "der er ingen punkter ('Punkt 1.')")
    if has_title or has_head:
        return Recognition(0.3, "der er ingen punkter ('Punkt 1.')")
    return Recognition(0.0, "der er hverken en overskrift 'Referat' eller punkter ('Punkt 1.')")


def parse(lines: list[str]) -> Minutes:
    return dataclasses.replace(parse_minutes("\n".join(lines)), layout=LABEL)
