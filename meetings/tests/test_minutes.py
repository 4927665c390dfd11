"""Tests of meetings.minutes, the plain-Python minutes parser (no Django, no database)."""

import datetime
import re
import subprocess
import sys
from pathlib import Path

import pytest

from meetings.minutes import (
    AgendaItem,
    Attendee,
    MinutesParseError,
    compare_texts,
    extract_pdf_text,
    parse_minutes,
    parse_minutes_pdf,
)

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
WHOLE = SEEDS / "004_0476763c89c3f9a7.txt"
ITEM_6 = SEEDS / "000_43ed0633f447e672.txt"
if not WHOLE.exists():
    pytest.skip(f"seed minutes not found at {SEEDS} (shared/ must sit beside the repository)", allow_module_level=True)

WHOLE_TEXT = WHOLE.read_text(encoding="utf-8")
ITEM_6_TEXT = ITEM_6.read_text(encoding="utf-8")
ABSENT = "Anne Honoré Østergaard og Kristoffer Hjort Storm var fraværende."


@pytest.fixture(scope="module")
def minutes():
    return parse_minutes(WHOLE_TEXT)


def line_of(text: str, line: str) -> int:
    return text.split("\n").index(line) + 1


def without_markdown(text: str) -> str:
    """The seed as a PDF shows it: no asterisks, no heading hashes, no bullet before the meeting labels."""
    out = []
    for line in text.split("\n"):
        line = re.sub(r"^#{1,6}\s*", "", line.replace("*", "")).replace("\t", "  ")
        out.append(re.sub(r"^- (?=(Tid|Sted|Afbud|Til stede|Øvrige)\b)", "", line))
    return "\n".join(out)


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


# --- fragment and comparison ------------------------------------------------------------------


def test_single_item_file_is_a_fragment(minutes):
    fragment = parse_minutes(ITEM_6_TEXT)
    assert fragment.is_fragment is True
    assert fragment.date is None and fragment.committee == "" and fragment.present == [] and fragment.toc == []
    assert [i.number for i in fragment.items] == [6]
    item = fragment.item(6)
    assert item.position == 1 and item.toc_title == "" and item.page is None
    assert item.case_number == "2017-064898"
    assert item.decision == minutes.item(6).decision == f"Til orientering.\n\n{ABSENT}"
    assert item.attachments == ["Kort oversigt over Aalborg-forsøg"]
    assert fragment.warnings == []


def test_compare_texts_reports_differing_words(minutes):
    differences = compare_texts(minutes, parse_minutes(ITEM_6_TEXT))
    assert differences == [
        "Punkt 6, sagsbeskrivelse: 'økonomiaftale' ≠ 'økonomaftale' (efter 'Regeringens og KL's')",
        "Punkt 6, sagsbeskrivelse: 'samarbejdspartner,' ≠ 'samarbejdsparter,' (efter 'og øvrige relevante')",
        "Punkt 6, sagsbeskrivelse: 'Flexibilitet' ≠ 'Fleksibilitet' (efter 'og Aalborg 4.')",
        "Punkt 6, sagsbeskrivelse: 'Flexible' ≠ 'Fleksible' (efter 'og Frederikshavn/Læsø 5.')",
        "Punkt 6, sagsbeskrivelse: 'Flexibilitet' ≠ 'Fleksibilitet' (efter 'januar 2018: 1.')",
    ]


def test_compare_texts_of_same_text_is_empty(minutes):
    assert compare_texts(minutes, parse_minutes(WHOLE_TEXT)) == []


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "Hej\n\nDette er en indkøbsliste: mælk, brød.\n"])
def test_text_that_is_not_minutes(text):
    with pytest.raises(MinutesParseError) as info:
        parse_minutes(text)
    assert str(info.value) == (
        "Teksten ligner ikke et referat: der er hverken en overskrift 'Referat' eller punkter ('Punkt 1.')"
    )


def test_truncated_after_item_header_has_no_title():
    text = WHOLE_TEXT[: WHOLE_TEXT.index("**Punkt 7.**") + len("**Punkt 7.**\n\n")]
    with pytest.raises(MinutesParseError) as info:
        parse_minutes(text)
    line = line_of(WHOLE_TEXT, "**Punkt 7.**")
    assert (info.value.line, info.value.item) == (line, 7)
    assert str(info.value) == f"Linje {line}, punkt 7: punktet har ingen titel; filen ser ud til at være afkortet"


def test_truncated_mid_way_names_the_missing_items():
    text = WHOLE_TEXT[: WHOLE_TEXT.index("### Runde 2")]
    with pytest.raises(MinutesParseError) as info:
        parse_minutes(text)
    assert str(info.value) == (
        "Referatet er afkortet eller ufuldstændigt: punkt 8, 7, 9 og 12 fra indholdsfortegnelsen "
        f"mangler i teksten (teksten slutter i linje {text.count(chr(10)) + 1})"
    )


def test_item_header_without_number():
    text = WHOLE_TEXT.replace("**Punkt 9.**", "**Punkt .**")
    with pytest.raises(MinutesParseError) as info:
        parse_minutes(text)
    line = line_of(text, "**Punkt .**")
    assert str(info.value) == f"Linje {line}: punktoverskriften '**Punkt .**' mangler et nummer"


def test_date_that_does_not_parse():
    text = WHOLE_TEXT.replace("Mødet den 23.01.2018", "Mødet den 31.02.2018")
    with pytest.raises(MinutesParseError) as info:
        parse_minutes(text)
    assert info.value.line == 11
    assert str(info.value) == "Linje 11: datoen '31.02.2018' kan ikke læses"


def test_weekday_line_date_that_does_not_parse():
    text = WHOLE_TEXT.replace("Tirsdag 23. januar 2018", "Tirsdag 23. janvier 2018")
    with pytest.raises(MinutesParseError, match="datoen '23. janvier 2018' kan ikke læses") as info:
        parse_minutes(text)
    assert info.value.line == line_of(text, "- Tid** Tirsdag 23. janvier 2018, kl. 08.30")


def test_duplicate_item_numbers():
    text = WHOLE_TEXT.replace("**Punkt 12.**", "**Punkt 9.**")
    with pytest.raises(MinutesParseError) as info:
        parse_minutes(text)
    lines = text.split("\n")
    first, second = [i + 1 for i, line in enumerate(lines) if line == "**Punkt 9.**"]
    assert (info.value.line, info.value.item) == (second, 9)
    assert str(info.value) == f"Linje {second}, punkt 9: punktet optræder to gange (første gang i linje {first})"


# --- text without Markdown, and PDF -------------------------------------------------------------


def assert_same_content(a, b):
    assert [i.number for i in b.items] == [i.number for i in a.items]
    for x, y in zip(a.items, b.items, strict=True):
        assert (y.title, y.toc_title, y.page, y.case_number, y.is_closed, y.proposal_kind, y.attachments) == (
            x.title,
            x.toc_title,
            x.page,
            x.case_number,
            x.is_closed,
            x.proposal_kind,
            x.attachments,
        ), x.number
    for name in (
        "council",
        "committee",
        "date",
        "start_time",
        "end_time",
        "place",
        "weekday_line",
        "present",
        "apologies",
        "others",
        "others_text",
        "toc",
        "warnings",
    ):
        assert getattr(b, name) == getattr(a, name), name
    assert compare_texts(a, b) == []


def test_text_without_markdown_markers_parses_the_same(minutes):
    assert_same_content(minutes, parse_minutes(without_markdown(WHOLE_TEXT)))


def test_pdf_round_trip(tmp_path):
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 is needed to write the test PDF")
    pytest.importorskip("pypdf")
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf = fpdf.FPDF(orientation="L", format="A4")
    if font.exists():
        source = WHOLE_TEXT
        pdf.add_font("DejaVu", fname=str(font))
        pdf.set_font("DejaVu", size=8)
    else:  # the core font is Latin-1 only; the seed's one other character is the en dash
        source = WHOLE_TEXT.replace("–", "-")
        pdf.set_font("Helvetica", size=8)
    pdf.add_page()
    for line in without_markdown(source).split("\n"):
        if line.strip():  # long lines wrap, as in a real PDF
            pdf.multi_cell(0, 4, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(2)
    path = tmp_path / "referat.pdf"
    pdf.output(str(path))

    text = extract_pdf_text(path)
    assert "Punkt 6.\n" in text and "**" not in text
    from_pdf = parse_minutes_pdf(path.read_bytes())
    assert_same_content(parse_minutes(source), from_pdf)
    assert from_pdf.item(6).case_number == "2017-064898"
    assert from_pdf.others[-1] == Attendee("Tinna Kjær Poulsen", role="leder af Jobhuset", only_item=7)


def test_broken_pdf_gives_a_parse_error():
    pytest.importorskip("pypdf")
    with pytest.raises(MinutesParseError, match="^PDF-filen kan ikke læses"):
        parse_minutes_pdf(b"%PDF-1.4\nnot really a pdf")


def test_pdf_whose_text_cannot_be_read_in_full_is_refused_not_parsed_in_part():
    from meetings.pdftext import PdfBounds
    from meetings.tests import samples

    with pytest.raises(MinutesParseError) as refusal:
        parse_minutes_pdf(samples.attacker_pdf(), PdfBounds(seconds=2))

    assert str(refusal.value) == (
        "PDF-filens tekst kunne ikke læses helt (teksten er længere end 2000000 tegn), og et delvist referat "
        "importeres ikke; del PDF-filen op, eller importér referatet som tekst (.txt eller .md)"
    )


def test_pdf_slower_than_the_time_bound_is_refused():
    from meetings.pdftext import PdfBounds
    from meetings.tests import samples

    slow = samples.attacker_pdf(pages=30, shared_stream=False)
    with pytest.raises(MinutesParseError, match=r"tog over 2 sekunder at læse den\), og et delvist referat"):
        extract_pdf_text(slow, PdfBounds(max_chars=10**9, seconds=2))


def test_parser_loads_without_django():
    # The parser is plain Python (benchmarks/ and scripts use it without settings); a fresh
    # interpreter shows what importing it pulls in, which this test process cannot.
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, meetings.minutes; print(sorted(m for m in sys.modules if 'django' in m))"],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout.strip() == "[]"
