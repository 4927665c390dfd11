"""The generic layout: numbered headings and shared Danish section names, on two documents (one awkward)."""

from datetime import date, time

from meetings.minutes.layouts import generic, parse_any, recognise_all
from meetings.minutes.layouts.base import plain_lines

ORDINARY = """Referat fra møde i Ældrerådet

Dato: 3. april 2024
Tid: kl. 10.00 - 12.00
Sted: Frivillighuset, Storegade 4
Til stede: Inger Bach, Poul Eriksen og Ruth Lindholm
Afbud: Svend Aage Nørgaard

Punkt 1: Godkendelse af referat fra sidste møde
Beslutning
Referatet blev godkendt uden bemærkninger.

Punkt 2: Høring om ny kvalitetsstandard for rengøring
Resumé
Kommunen har sendt en ny standard for rengøringshjælp i høring.
Indstilling
Formanden foreslår, at rådet afgiver et kort høringssvar.
Sagsbeskrivelse
Standarden ændrer intervallet for rengøring fra hver anden til hver tredje uge
for borgere, der selv kan klare lettere opgaver.
Beslutning
Rådet afgiver høringssvar. Rådet finder intervallet for langt.
Bilag
- Høringsbrev af 12. marts 2024
- Udkast til kvalitetsstandard
"""

AWKWARD = """Handicaprådet

Mødedato: 18.06.2024
Sted: Rådhuset, lokale 12
Deltagere: rådets medlemmer undtagen formanden

1. Meddelelser fra formanden og fra
forvaltningen om sommerens aktiviteter
Sagsfremstilling
Der holdes åbent hus i aktivitetscentret i uge 27.
Side 2 af 3
Der er tilmelding via centrets hjemmeside.

2. Tilgængelighed på stationen
Indstilling
Sekretariatet indstiller, at rådet skriver til banen om elevatoren.

3. Personalesag (lukket)
Sagsfremstilling
Drøftet.
Beslutning
Drøftet.
"""


def test_recognised_as_generic():
    assert recognise_all(plain_lines(ORDINARY))[0][0] is generic
    assert recognise_all(plain_lines(AWKWARD))[0][0] is generic


def test_ordinary_minutes_field_by_field():
    m = parse_any(ORDINARY)
    assert m.layout == generic.LABEL
    assert (m.committee, m.date, m.start_time, m.end_time, m.place) == (
        "Ældrerådet",
        date(2024, 4, 3),
        time(10, 0),
        time(12, 0),
        "Frivillighuset, Storegade 4",
    )
    assert m.present == ["Inger Bach", "Poul Eriksen", "Ruth Lindholm"]
    assert m.apologies == ["Svend Aage Nørgaard"]
    assert [(i.number, i.title) for i in m.items] == [
        (1, "Godkendelse af referat fra sidste møde"),
        (2, "Høring om ny kvalitetsstandard for rengøring"),
    ]
    one, two = m.items
    assert (one.text, one.proposal, one.case_description) == ("", "", "")
    assert one.decision == "Referatet blev godkendt uden bemærkninger."
    assert two.text == "Kommunen har sendt en ny standard for rengøringshjælp i høring."
    assert two.proposal == "Formanden foreslår, at rådet afgiver et kort høringssvar."
    assert two.case_description.startswith("Standarden ændrer intervallet")
    assert two.decision == "Rådet afgiver høringssvar. Rådet finder intervallet for langt."
    assert two.attachments == ["Høringsbrev af 12. marts 2024", "Udkast til kvalitetsstandard"]
    assert m.warnings == [] and m.unplaced == []


def test_awkward_minutes():
    m = parse_any(AWKWARD)
    assert (m.date, m.start_time, m.place) == (date(2024, 6, 18), None, "Rådhuset, lokale 12")
    assert m.present == []  # "rådets medlemmer undtagen formanden" names nobody: left empty, listed
    assert m.unplaced == ["Linje 1: Handicaprådet", "Linje 5: rådets medlemmer undtagen formanden"]
    one = m.item(1)
    assert one.title == "Meddelelser fra formanden og fra forvaltningen om sommerens aktiviteter"
    assert one.case_description == (
        "Der holdes åbent hus i aktivitetscentret i uge 27.\nDer er tilmelding via centrets hjemmeside."
    )
    assert m.item(2).decision == "" and m.item(2).case_description == ""
    closed = m.item(3)
    assert (closed.title, closed.is_closed, closed.decision) == ("Personalesag", True, "")
    assert m.warnings == [
        "Listen over til stede (linje 5) kunne ikke læses som navne og er udeladt",
        "Punkt 1 ('Meddelelser fra formanden og fra forvaltningen om sommerens aktiviteter') har ingen beslutning",
        "Punkt 2 ('Tilgængelighed på stationen') har ingen beslutning",
        "Punkt 3 er lukket; teksten i referatet er udeladt",
    ]


def test_a_numbered_list_in_a_proposal_is_not_taken_for_items():
    text = """Dato: 1. juli 2024

4. Plan for stierne
Indstilling
Forvaltningen indstiller,
1. At planen godkendes
2. at udgiften afholdes af puljen
Beslutning
Godkendt.

5. Eventuelt
Beslutning
Intet.
"""
    m = parse_any(text)
    assert [(i.number, i.title) for i in m.items] == [(4, "Plan for stierne"), (5, "Eventuelt")]
    assert m.item(4).proposal == "Forvaltningen indstiller,\n1. At planen godkendes\n2. at udgiften afholdes af puljen"


def test_a_date_line_with_the_time_and_a_blank_end_time():
    m = parse_any(
        "Dato: Onsdag den 3. april 2024 Kl. 10.00\nMødet afsluttet: kl.\n\n1. Eventuelt\nBeslutning\nIntet.\n"
    )
    assert (m.date, m.start_time, m.end_time) == (date(2024, 4, 3), time(10, 0), None)
    assert m.unplaced == []
