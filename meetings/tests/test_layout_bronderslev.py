"""Brønderslev web minutes: two documents written in that structure (the second one awkward)."""

from datetime import date, time

from meetings.minutes.layouts import bronderslev, parse_any, recognise_all
from meetings.minutes.layouts.base import plain_lines

ORDINARY = """Kultur- og Fritidsudvalget - Referat

Dato: 14. marts 2019
Lokale: Mødelokale 3, Rådhuset
Tidspunkt: Kl. 16:30

Indholdsfortegnelse
1. Fraværende
2. Bemærkninger til dagsordenen
3. Tilskud til foreningernes sommerlejre
4. Orientering om bibliotekernes åbningstider

1. Fraværende

Resume

Sagsforløb: KFU

Beslutning

Jonas Vestergaard og Lise Kragh.

Til toppen

2. Bemærkninger til dagsordenen

Resume

Sagsforløb: KFU

Sagsfremstilling

Udvalgets medlemmer kan nævne forhold ved dagsordenen, før punkterne behandles.

Beslutning

Ingen bemærkninger.

Jonas Vestergaard og Lise Kragh var fraværende.

Til toppen

3. Tilskud til foreningernes sommerlejre

Resume

Sagsforløb: KFU/ØK

Fritidsafdelingen lægger op til, at en pulje på 150.000 kr. fordeles mellem de foreninger, der har søgt.

Sagsfremstilling

Elleve foreninger har inden fristen sendt en ansøgning. Fordelingen fremgår af oversigten.

Økonomi

Puljen holdes inden for udvalgets ramme for 2019.

Beslutning

Fordelingen blev godkendt.

Bilag

Oversigt over ansøgninger 2019
Retningslinjer for sommerlejrpuljen

Til toppen

4. Orientering om bibliotekernes åbningstider

Resume

Sagsforløb: KFU

Udvalget orienteres om de nye åbningstider i filialerne.

Sagsfremstilling

Fra 1. maj har filialerne selvbetjening om aftenen.

Personale

Ændringen kræver ikke flere timer.

Beslutning

Taget til efterretning.

Til toppen
"""

# Awkward: a header line the layout does not know, absence written as a sentence, a title over
# two lines, an item without "Sagsfremstilling", one without "Beslutning", and a closed item.
AWKWARD = """Teknik- og Miljøudvalget - Referat

Dato: 2. oktober 2020
Lokale: Virtuelt møde
Tidspunkt: Kl. 08:15
Mødet blev ledet af næstformanden.

Indholdsfortegnelse

1. Fraværende

Resume

Sagsforløb: TMU

Sagsfremstilling

Der var ingen meldte afbud ved mødets start.

Beslutning

Godkendt.

Til toppen

2. Forslag til ny trafikplan for midtbyen med
ensrettede gader og flere cykelstier

Resume

Sagsforløb: TMU/ØK/BY

Planen samler de ønsker, der kom frem ved borgermødet i foråret.

Beslutning

Udvalget anbefaler planen over for Økonomiudvalget.

Til toppen

3. Vintervedligeholdelse af fortove

Resume

Sagsforløb: TMU

Sagsfremstilling

Borgerne har spurgt, hvem der rydder sne på fortove ved kommunens ejendomme.

Til toppen

4. Lukket punkt: Køb af ejendom til vejudvidelse

Resume

Sagsforløb: TMU

Sagsfremstilling

Forhandlingerne med ejeren er fortrolige.

Beslutning

Godkendt.

Til toppen
"""


def test_recognised_as_bronderslev():
    for text in (ORDINARY, AWKWARD):
        layout, recognition = recognise_all(plain_lines(text))[0]
        assert layout is bronderslev
        assert recognition.score == 1.0


def test_ordinary_minutes_field_by_field():
    m = parse_any(ORDINARY)
    assert m.layout == bronderslev.LABEL
    assert (m.committee, m.date, m.start_time, m.end_time, m.place) == (
        "Kultur- og Fritidsudvalget",
        date(2019, 3, 14),
        time(16, 30),
        None,
        "Mødelokale 3, Rådhuset",
    )
    assert m.present == []  # the layout does not list who was present
    assert m.apologies == ["Jonas Vestergaard", "Lise Kragh"]  # from item 1, "Fraværende"
    assert [(i.number, i.position, i.title, i.is_closed) for i in m.items] == [
        (1, 1, "Fraværende", False),
        (2, 2, "Bemærkninger til dagsordenen", False),
        (3, 3, "Tilskud til foreningernes sommerlejre", False),
        (4, 4, "Orientering om bibliotekernes åbningstider", False),
    ]
    item = m.item(3)
    assert item.text == (
        "Fritidsafdelingen lægger op til, at en pulje på 150.000 kr. fordeles mellem de foreninger, der har søgt."
    )
    assert item.case_description == (
        "Elleve foreninger har inden fristen sendt en ansøgning. Fordelingen fremgår af oversigten.\n\n"
        "**Sagsforløb**\n\nKFU/ØK\n\n**Økonomi**\n\nPuljen holdes inden for udvalgets ramme for 2019."
    )
    assert item.decision == "Fordelingen blev godkendt."
    assert item.attachments == ["Oversigt over ansøgninger 2019", "Retningslinjer for sommerlejrpuljen"]
    assert "Til toppen" not in m.item(4).decision
    assert m.item(4).case_description.endswith("**Personale**\n\nÆndringen kræver ikke flere timer.")
    assert m.item(2).decision == "Ingen bemærkninger.\n\nJonas Vestergaard og Lise Kragh var fraværende."
    assert m.warnings == [] and m.unplaced == []


def test_awkward_minutes_leave_missing_sections_empty_and_say_what_they_could_not_place():
    m = parse_any(AWKWARD)
    assert (m.committee, m.date, m.start_time, m.place) == (
        "Teknik- og Miljøudvalget",
        date(2020, 10, 2),
        time(8, 15),
        "Virtuelt møde",
    )
    # "Der var ingen meldte afbud ..." is a sentence, not names: nobody is recorded absent, and it is listed.
    assert m.apologies == []
    assert m.unplaced == [
        "Linje 6: Mødet blev ledet af næstformanden.",
        "Punkt 1: Der var ingen meldte afbud ved mødets start.",
    ]
    two = m.item(2)
    assert two.title == "Forslag til ny trafikplan for midtbyen med ensrettede gader og flere cykelstier"
    assert two.case_description == "**Sagsforløb**\n\nTMU/ØK/BY"  # no "Sagsfremstilling": nothing invented
    assert two.text == "Planen samler de ønsker, der kom frem ved borgermødet i foråret."
    assert m.item(3).decision == ""  # no "Beslutning"
    closed = m.item(4)
    assert (closed.title, closed.is_closed, closed.case_description, closed.decision) == (
        "Køb af ejendom til vejudvidelse",
        True,
        "",
        "",
    )
    assert m.warnings == [
        "Punkt 1 ('Fraværende'): de fraværende kunne ikke læses som navne",
        "Punkt 3 ('Vintervedligeholdelse af fortove') har ingen beslutning",
        "Punkt 4 er lukket; teksten i referatet er udeladt",
    ]


def test_text_copied_from_the_page_with_the_first_heading_glued_to_the_contents_reads_the_same():
    copied = ORDINARY.replace(
        "Indholdsfortegnelse\n1. Fraværende\n2. Bemærkninger til dagsordenen\n3. Tilskud til foreningernes "
        "sommerlejre\n4. Orientering om bibliotekernes åbningstider\n\n1. Fraværende",
        "Indholdsfortegnelse1. Fraværende",
    )
    assert copied.count("1. Fraværende") == 1
    glued, ordinary = parse_any(copied), parse_any(ORDINARY)
    fields = ("number", "title", "text", "case_description", "decision", "attachments")
    assert [[getattr(i, f) for f in fields] for i in glued.items] == [
        [getattr(i, f) for f in fields] for i in ordinary.items
    ]
    assert glued.apologies == ["Jonas Vestergaard", "Lise Kragh"]
    assert glued.unplaced == []


CLOSED_ITEM_LAST = """Socialudvalget - Referat

Dato: 12. marts 2019
Lokale: Mødelokale 2, Rådhuset
Tidspunkt: Kl. 16:00

Indholdsfortegnelse
1. Fraværende
2. Status på et forsøg
3. Lukket punkt: Personalesag

1. Fraværende

Beslutning
Anne Hansen

Til toppen

2. Status på et forsøg

Sagsfremstilling
Forsøget er startet i januar.

Beslutning
Taget til efterretning.

Til toppen

3. Lukket punkt: Personalesag

Til toppen
"""


def test_a_closed_item_without_sections_is_an_item_not_part_of_the_decision_before_it():
    minutes = parse_any(CLOSED_ITEM_LAST)

    items = {item.number: item for item in minutes.items}
    assert items[2].decision == "Taget til efterretning."
    assert items[3].title == "Personalesag"
    assert items[3].is_closed
    assert [item.number for item in minutes.items] == [1, 2, 3]
