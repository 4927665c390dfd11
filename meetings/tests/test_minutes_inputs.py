"""Tests of meetings.minutes on other inputs: a single item, comparison, bad input, plain text and PDF."""

import subprocess
import sys
from pathlib import Path

import pytest

from meetings.minutes import (
    Attendee,
    MinutesParseError,
    compare_texts,
    extract_pdf_text,
    parse_minutes,
    parse_minutes_pdf,
)

from .seed_minutes import ABSENT, ITEM_6, WHOLE, line_of, seeds_present, without_markdown

if not seeds_present():
    pytest.skip(
        f"seed minutes not found at {WHOLE.parent} (shared/ must sit beside the repository)", allow_module_level=True
    )

WHOLE_TEXT = WHOLE.read_text(encoding="utf-8")
ITEM_6_TEXT = ITEM_6.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def minutes():
    return parse_minutes(WHOLE_TEXT)


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

    # A generous time bound, so that the character bound stops the reading even on a busy machine.
    with pytest.raises(MinutesParseError) as refusal:
        parse_minutes_pdf(samples.attacker_pdf(), PdfBounds(seconds=120))

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
