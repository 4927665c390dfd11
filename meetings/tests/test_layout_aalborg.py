"""Aalborg's layout: the seed minutes read through the layouts agree with parse_minutes field by field."""

import dataclasses
from datetime import date, time

import pytest

from meetings.minutes import parse_minutes
from meetings.minutes.layouts import aalborg, parse_any, recognise_all
from meetings.minutes.layouts.base import plain_lines
from meetings.tests.seed_minutes import WHOLE

# Awkward: an item without a decision, a title over two lines in the table of contents, a closed item.
AWKWARD = """# Referat

Aalborg Byråd

**Ældre- og Handicapudvalget**

Mødet den 04.03.2025 kl. 13.00 - 15.00

Plejecenter Solhaven, mødesalen

## Indholdsfortegnelse

### Åben

1\tGodkendelse af dagsorden\t1
2\tOrientering om nye aftaler med
private leverandører\t2

### Lukket

3\tPersonalesag

## Ældre- og Handicapudvalget

- Tid** Tirsdag 4. marts 2025, kl. 13.00
- Sted** Plejecenter Solhaven, mødesalen
- Afbud** Lone Berg
- Til stede** Per Holm, Grethe Lauridsen

**Punkt 1.**

**Godkendelse af dagsorden**

*Beslutning:*

*Godkendt.*

**Punkt 2.**

**Orientering om nye aftaler med private leverandører**

2025-000417

Forvaltningen orienterer om aftalerne.
"""


def test_the_seed_is_read_by_aalborg_and_agrees_with_parse_minutes_field_by_field():
    if not WHOLE.exists():
        pytest.skip("seed minutes not found")
    text = WHOLE.read_text(encoding="utf-8")
    layout, recognition = recognise_all(plain_lines(text))[0]
    assert layout is aalborg and recognition.score == 1.0
    via_layouts = parse_any(text)
    direct = parse_minutes(text)
    assert via_layouts.layout == aalborg.LABEL
    for f in dataclasses.fields(direct):
        if f.name != "layout":
            assert getattr(via_layouts, f.name) == getattr(direct, f.name), f.name


def test_awkward_aalborg_minutes():
    m = parse_any(AWKWARD)
    assert m.layout == aalborg.LABEL
    assert (m.committee, m.date, m.start_time, m.end_time) == (
        "Ældre- og Handicapudvalget",
        date(2025, 3, 4),
        time(13, 0),
        time(15, 0),
    )
    assert (m.present, m.apologies) == (["Per Holm", "Grethe Lauridsen"], ["Lone Berg"])
    assert [(i.number, i.title, i.is_closed) for i in m.items] == [
        (1, "Godkendelse af dagsorden", False),
        (2, "Orientering om nye aftaler med private leverandører", False),
        (3, "Personalesag", True),
    ]
    assert m.item(2).case_number == "2025-000417"
    assert m.item(2).decision == ""
    assert "Punkt 2 ('Orientering om nye aftaler med private leverandører') har ingen beslutning" in m.warnings
