"""Minutes with the meeting on one line: two documents written in that structure (one awkward)."""

from datetime import date, time

from meetings.minutes.layouts import oneline, parse_any, recognise_all
from meetings.minutes.layouts.base import plain_lines

ORDINARY = """Referat Sundhedsudvalget onsdag den 8. maj 2024 kl. 15.00 - 17.00
Mødelokale Fjorden, Sundhedshuset

1. Godkendelse af dagsorden
Beslutningskompetence
Sundhedsudvalget
Beslutning
Godkendt.

2. Forebyggelsespakke om rygning
Sagsnr. 24/1187
Sagsfremstilling
Sundhedsstyrelsens anbefalinger om røgfri miljøer skal indarbejdes i kommunens plan.
Indstilling
Direktøren indstiller, at planen sendes i høring.
Beslutningskompetence
Sundhedsudvalget
Beslutning
Sendt i høring.
Bilag
Udkast til plan for røgfri miljøer
"""

AWKWARD = """Dagsorden/Referat Miljøudvalget tirsdag den 10. september 2024 kl. 9.00
Rådhuset, mødelokale 1

1. Status på vandløbsrestaurering i
den nordlige del af kommunen
Sagsfremstilling
To strækninger er færdige, den tredje venter på lodsejernes svar.
Side 2
Beslutningskompetence
Miljøudvalget

2. Lukket punkt: Erstatning til lodsejer
Sagsfremstilling
Fortroligt.
Beslutning
Godkendt.
"""


def test_recognised_as_one_line_meeting():
    for text in (ORDINARY, AWKWARD):
        layout, recognition = recognise_all(plain_lines(text))[0]
        assert layout is oneline and recognition.score == 1.0


def test_ordinary_minutes_field_by_field():
    m = parse_any(ORDINARY)
    assert m.layout == oneline.LABEL
    assert (m.committee, m.date, m.start_time, m.end_time, m.place) == (
        "Sundhedsudvalget",
        date(2024, 5, 8),
        time(15, 0),
        time(17, 0),
        "Mødelokale Fjorden, Sundhedshuset",
    )
    assert m.present == [] and m.apologies == []  # the layout gives no attendance
    two = m.item(2)
    assert (two.title, two.case_number) == ("Forebyggelsespakke om rygning", "24/1187")
    assert two.proposal == "Direktøren indstiller, at planen sendes i høring."
    assert two.decision == "Sendt i høring."
    assert two.case_description == (
        "Sundhedsstyrelsens anbefalinger om røgfri miljøer skal indarbejdes i kommunens plan.\n\n"
        "**Beslutningskompetence**\n\nSundhedsudvalget"
    )
    assert two.attachments == ["Udkast til plan for røgfri miljøer"]
    assert m.item(1).decision == "Godkendt."
    assert m.warnings == [] and m.unplaced == []


def test_awkward_minutes():
    m = parse_any(AWKWARD)
    assert (m.committee, m.date, m.start_time, m.end_time, m.place) == (
        "Miljøudvalget",
        date(2024, 9, 10),
        time(9, 0),
        None,
        "Rådhuset, mødelokale 1",
    )
    one = m.item(1)
    assert one.title == "Status på vandløbsrestaurering i den nordlige del af kommunen"
    assert one.decision == ""  # "Beslutningskompetence" is not the decision
    assert "Side 2" not in one.case_description
    assert m.item(2).is_closed and m.item(2).title == "Erstatning til lodsejer"
    assert m.warnings == [
        "Punkt 1 ('Status på vandløbsrestaurering i den nordlige del af kommunen') har ingen beslutning",
        "Punkt 2 er lukket; teksten i referatet er udeladt",
    ]
