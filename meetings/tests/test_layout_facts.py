"""Minutes with a block of meeting facts and "Sagsid.:": two documents in that structure (one awkward)."""

from datetime import date

from meetings.minutes.layouts import facts, parse_any, recognise_all
from meetings.minutes.layouts.base import plain_lines

ORDINARY = """Referat
Mødedato: 05-03-2024
Mødested: Jobcentret, mødelokale A
Udvalg: Socialudvalget
Mødedeltagere: Hanne Dall, Erik Kvist og Sofie Brink
Fraværende: Mads Holt

1. Orientering om botilbud
Sagsid.: 23/4410
Sagsfremstilling
Ventelisten til botilbud er faldet fra 14 til 9 borgere siden januar.
Indstilling
Direktøren indstiller, at orienteringen tages til efterretning.
Beslutning i Socialudvalget den 05-03-2024
Taget til efterretning.

2. Takster for aflastning 2025
Sagsid.: 24/0193
Sagsfremstilling
Taksterne beregnes efter de faktiske udgifter i 2023.
Beslutning i Socialudvalget den 05-03-2024
Godkendt.
Bilag
Takstberegning 2025
"""

AWKWARD = """Referat
Mødedato: 9. april 2024
Mødested: Rådhuset
Udvalg: Socialudvalget
Mødedeltagere: alle udvalgets medlemmer
Fraværende: Ingen

1. Nye retningslinjer for
ledsageordningen
Sagsid.: 24/0502
Sagsfremstilling
Retningslinjerne præciserer, hvornår timer kan opspares.
Side 2 af 2
Indstilling
Direktøren indstiller, at retningslinjerne godkendes.

2. Lukket punkt: Klagesag
Sagsid.: 24/0777
Beslutning i Socialudvalget den 09-04-2024
Stadfæstet.
"""


def test_recognised_as_meeting_facts():
    for text in (ORDINARY, AWKWARD):
        layout, recognition = recognise_all(plain_lines(text))[0]
        assert layout is facts and recognition.score == 1.0


def test_ordinary_minutes_field_by_field():
    m = parse_any(ORDINARY)
    assert m.layout == facts.LABEL
    assert (m.committee, m.date, m.place) == ("Socialudvalget", date(2024, 3, 5), "Jobcentret, mødelokale A")
    assert m.present == ["Hanne Dall", "Erik Kvist", "Sofie Brink"]
    assert m.apologies == ["Mads Holt"]
    assert [(i.number, i.title, i.case_number) for i in m.items] == [
        (1, "Orientering om botilbud", "23/4410"),
        (2, "Takster for aflastning 2025", "24/0193"),
    ]
    assert m.item(1).decision == "Taget til efterretning."
    assert m.item(1).proposal == "Direktøren indstiller, at orienteringen tages til efterretning."
    assert m.item(2).attachments == ["Takstberegning 2025"]
    assert m.warnings == [] and m.unplaced == []


def test_awkward_minutes():
    m = parse_any(AWKWARD)
    assert (m.date, m.apologies, m.present) == (date(2024, 4, 9), [], [])
    assert m.unplaced == ["Linje 5: alle udvalgets medlemmer"]
    one = m.item(1)
    assert (one.title, one.case_number) == ("Nye retningslinjer for ledsageordningen", "24/0502")
    assert one.case_description == "Retningslinjerne præciserer, hvornår timer kan opspares."
    assert one.decision == ""
    closed = m.item(2)
    assert (closed.title, closed.is_closed, closed.case_number, closed.decision) == ("Klagesag", True, "", "")
