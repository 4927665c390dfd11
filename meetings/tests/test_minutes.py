"""Tests of meetings.minutes on the whole seed minutes: header, items, attendance (no Django, no database)."""

import datetime

import pytest

from meetings.minutes import (
    AgendaItem,
    Attendee,
    parse_minutes,
)

from .seed_minutes import ABSENT, ITEM_6, WHOLE, seeds_present

if not seeds_present():
    pytest.skip(
        f"seed minutes not found at {WHOLE.parent} (shared/ must sit beside the repository)", allow_module_level=True
    )

WHOLE_TEXT = WHOLE.read_text(encoding="utf-8")
ITEM_6_TEXT = ITEM_6.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def minutes():
    return parse_minutes(WHOLE_TEXT)


# --- whole minutes --------------------------------------------------------------------------


def test_header_gives_council_committee_date_times_and_place(minutes):
    assert minutes.is_fragment is False
    assert minutes.council == "Aalborg Byråd"
    assert minutes.committee == "Beskæftigelsesudvalget"
    assert minutes.date == datetime.date(2018, 1, 23)
    assert minutes.start_time == datetime.time(8, 30)
    assert minutes.end_time == datetime.time(11, 30)
    assert minutes.place == "Rådssalen, Jobhuset, Vestre Havnepromenade 15, Aalborg"
    assert minutes.weekday_line == "Tirsdag 23. januar 2018, kl. 08.30"
    assert minutes.other_information == ""


def test_items_come_in_held_order_with_closed_items_last(minutes):
    assert len(minutes.items) == 12
    assert [i.number for i in minutes.items] == [1, 2, 3, 4, 5, 6, 8, 7, 9, 12, 10, 11]
    assert [i.position for i in minutes.items] == list(range(1, 13))


def test_closed_items_have_toc_title_only(minutes):
    for number, title, position in [
        (10, "Orientering fra rådmand og direktør - lukket", 11),
        (11, "Eventuelt - lukket", 12),
    ]:
        assert minutes.item(number) == AgendaItem(
            number=number, position=position, title=title, toc_title=title, is_closed=True
        )
    assert not any(i.is_closed for i in minutes.items[:10])


@pytest.mark.parametrize(
    "number, case_number",
    [
        (1, ""),
        (2, "2017-065859"),
        (3, "2017-065859"),
        (4, "2017-032501"),
        (5, "2017-018056"),
        (6, "2017-064898"),
        (7, "2018-003653"),
        (8, ""),
        (9, ""),
        (12, ""),
    ],
)
def test_case_numbers(minutes, number, case_number):
    assert minutes.item(number).case_number == case_number


def test_decisions_are_italic_paragraphs_without_asterisks(minutes):
    assert minutes.item(1).decision == f"Godkendt.\n\n{ABSENT}"
    assert minutes.item(3).decision.startswith("Til orientering.")
    assert minutes.item(8).decision == "Intet."
    assert minutes.item(12).decision == "Godkendt."
    second = minutes.item(2).decision.split("\n\n")[1]
    assert second == "Som næstformand for Beskæftigelsesudvalget er valgt Daniel Borup (V)."
    assert not any("*" in i.decision for i in minutes.items)


def test_proposal_kinds_and_text(minutes):
    kinds = {i.number: i.proposal_kind for i in minutes.items}
    assert kinds == {
        1: "",
        2: "indstiller",
        3: "fremsender",
        4: "indstiller",
        5: "indstiller",
        6: "fremsender",
        8: "",
        7: "fremsender",
        9: "",
        12: "",
        10: "",
        11: "",
    }
    assert minutes.item(4).proposal == (
        "Familie- og Beskæftigelsesforvaltningen indstiller, at Beskæftigelsesudvalget godkender forretningsordenen."
    )
    # Item 7's proposal runs over two paragraphs up to "Beslutning:".
    assert minutes.item(7).proposal == (
        "Familie og Beskæftigelsesforvaltningen fremsender til Beskæftigelsesudvalgets orientering\n\n"
        "at Beskæftigelsesudvalget får en generel orientering om Job- og Ydelsesafdelingen, "
        "samt en mere specifik orientering om Jobhuset."
    )


def test_unlabelled_text_is_kept_apart_from_proposal(minutes):
    first = minutes.item(1)
    assert first.proposal == ""
    assert first.text.startswith("Mødet holdes i Rådssalen, Jobhuset, Vestre Havnepromenade 15, 9000 Aalborg.")
    assert "**Program for mødet**" in first.text
    assert first.text.endswith("- Rundvisning i Jobhuset.")
    assert all(i.text == "" for i in minutes.items if i.number != 1)


@pytest.mark.parametrize(
    "number, attachments",
    [
        (1, []),
        (2, []),
        (3, ["Aalborg Kommunes styrelsesvedtægt pr. 01.01.2018"]),
        (4, ["Forretningsorden - Beskæftigelsesudvalget pr. 01.01.2018.docx"]),
        (5, ["Udkast til mødeplan i Beskæftigelsesudvalget 2018.docx"]),
        (6, ["Kort oversigt over Aalborg-forsøg"]),
        (7, ["23.01.2018 BSU-intro til Job- og Ydelsesafdelingen", "Lokal intro til nye politiske udvalg - Jobhuset"]),
        (8, []),
    ],
)
def test_attachment_titles(minutes, number, attachments):
    assert minutes.item(number).attachments == attachments


def test_inline_bilag_line_stays_in_case_description_and_counts_once(minutes):
    item = minutes.item(6)
    assert item.case_description.endswith("\n\nBilag: Kort oversigt over Aalborg-forsøg")
    assert item.attachments == ["Kort oversigt over Aalborg-forsøg"]


def test_attendance_and_apologies(minutes):
    assert minutes.apologies == ["Kristoffer Hjort Storm", "Anne Honoré Østergaard"]
    assert minutes.present == [
        "Daniel Borup",
        "Mai-Britt Iversen",
        "Christina Halkjær",
        "Tobias Bøgeskov",
        "Bjarne Sørensen",
    ]


def test_other_participants_with_roles_and_item_limit(minutes):
    assert minutes.others_text.startswith("Udover udvalgets medlemmer deltager Arne Lund Kristensen")
    assert minutes.others_text.endswith("Under punkt 7 deltager leder af Jobhuset Tinna Kjær Poulsen.")
    assert minutes.others == [
        Attendee("Arne Lund Kristensen"),
        Attendee("Jesper Dahlgaard"),
        Attendee("Arne Bilgram"),
        Attendee("Birgitte Welling", role="ref."),
        Attendee("Tinna Kjær Poulsen", role="leder af Jobhuset", only_item=7),
    ]


def test_case_description_keeps_markdown(minutes):
    description = minutes.item(6).case_description
    assert description.startswith("I perioden 2012-2015 blev i alt 9 kommuner udvalgt")
    assert "### Runde 2" in description
    assert "\n2. Psykologbehandling i jobcenterindsatsen - Jammerbugt, Thisted og Vesthimmerland\n" in description
    assert "1. Mikrolån til forskellige målgrupper - **Aalborg**" in description
    assert "## Vidensdeling" in description
    assert description == description.strip() and "\n\n\n" not in description


def test_case_description_heading_variants(minutes):
    # "## Sagsbeskrivelse" (item 2), "**Sagsbeskrivelse**" (3), "### Sagsbeskrivelse" (4).
    assert minutes.item(2).case_description.startswith("Beskæftigelsesudvalget konstituerer sig.")
    assert minutes.item(3).case_description == "Aalborg Kommunes styrelsesvedtægt vedhæftet til orientering."
    assert minutes.item(4).case_description.endswith(
        "Forretningsordenen skal behandles over to møder før den er endelig godkendt."
    )
    assert minutes.item(8).case_description == ""


def test_toc_titles_pages_and_title_warning(minutes):
    assert [(e.number, e.page, e.is_closed) for e in minutes.toc][:3] == [(1, 1, False), (2, 2, False), (3, 4, False)]
    assert minutes.item(12).page == 23
    item_4 = minutes.item(4)
    assert item_4.toc_title == "Godkendelse af forretningsorden for Beskæftigelsesudvalget - 1. behandling"
    assert item_4.title == "Godkendelse af forretningsordenen for Beskæftigelsesudvalget - 1. behandling"
    assert minutes.warnings == [
        (
            "Punkt 4: titlen i indholdsfortegnelsen ('Godkendelse af forretningsorden for Beskæftigelsesudvalget"
            " - 1. behandling') afviger fra titlen i teksten ('Godkendelse af forretningsordenen for"
            " Beskæftigelsesudvalget - 1. behandling')"
        )
    ]


def test_weekday_line_that_disagrees_with_header_is_a_warning():
    text = WHOLE_TEXT.replace("Tirsdag 23. januar 2018", "Onsdag 24. januar 2018")
    warnings = parse_minutes(text).warnings
    assert len(warnings) == 2  # the date (the weekday fits it) and the item-4 title
    assert warnings[0] == "Tidslinjen (24.01.2018) afviger fra mødedatoen (23.01.2018)"
    wrong_weekday = WHOLE_TEXT.replace("Tirsdag 23. januar", "Fredag 23. januar")
    assert "Tidslinjen siger 'Fredag', men 23.01.2018 er en tirsdag" in parse_minutes(wrong_weekday).warnings


def test_windows_line_endings_parse_the_same(minutes):
    assert parse_minutes(WHOLE_TEXT.replace("\n", "\r\n")) == minutes


def test_body_of_closed_item_is_dropped_with_warning():
    text = WHOLE_TEXT + (
        "\n\n**Punkt 10.**\n\n**Orientering fra rådmand og direktør - lukket**\n\n*Beslutning:*\n\n*Hemmeligt.*\n"
    )
    result = parse_minutes(text)
    assert result.item(10).decision == "" and result.item(10).is_closed
    assert "Punkt 10 er lukket i indholdsfortegnelsen; teksten i referatet er udeladt" in result.warnings
