"""PDF text is read within bounds of pages, characters and seconds; active content is noticed."""

import pytest

from meetings import pdftext
from meetings.pdftext import PdfBounds
from meetings.tests import samples

# Low enough to keep the tests fast, high enough for a busy machine to start the child process.
SECONDS = 2
# A time bound no busy machine reaches, for the tests where another bound must stop the reading.
# The bounds are asserted by the reason reading stopped, never by the clock (CI machines are shared).
GENEROUS_SECONDS = 60


def test_ordinary_pdf_is_read_in_full():
    result = pdftext.extract_text(samples.pdf_with_pages(["Punkt 1", "Punkt 2"]), PdfBounds())

    assert result.pages == ("Punkt 1", "Punkt 2")
    assert result.page_count == 2
    assert result.is_complete
    assert not result.has_active_content


def test_attacker_pdf_stops_at_the_character_bound():
    bounds = PdfBounds(max_chars=500_000, seconds=GENEROUS_SECONDS)

    result = pdftext.extract_text(samples.attacker_pdf(), bounds)

    assert result.stopped_by == pdftext.CHARS
    assert sum(len(page) for page in result.pages) == 500_000
    assert result.pages[0].startswith("FrikommuneFrikommune")
    assert result.describe_stop() == "teksten er længere end 500000 tegn"


def test_pdf_slower_than_the_time_bound_is_stopped_and_keeps_the_pages_read():
    slow = samples.attacker_pdf(pages=30, shared_stream=False)  # no two pages can be read as one

    result = pdftext.extract_text(slow, PdfBounds(max_chars=10**9, seconds=SECONDS))

    assert result.stopped_by == pdftext.TIME
    assert len(result.pages) < 30
    assert all(page == result.pages[0] for page in result.pages)
    assert not result.is_complete
    assert result.describe_stop() == "det tog over 2 sekunder at læse den"


def test_pages_beyond_the_page_bound_are_not_read():
    result = pdftext.extract_text(samples.pdf_with_pages(["a", "b", "c"]), PdfBounds(max_pages=2))

    assert result.pages == ("a", "b")
    assert result.page_count == 3
    assert result.stopped_by == pdftext.PAGES
    assert result.describe_stop() == "filen har 3 sider, og der læses højst 2"


def test_text_beyond_the_character_bound_is_cut_at_the_bound():
    result = pdftext.extract_text(samples.pdf_with_pages(["abc", "def"]), PdfBounds(max_chars=4))

    assert "".join(result.pages) == "abcd"
    assert result.stopped_by == pdftext.CHARS


def test_file_that_is_no_pdf_inside_is_unreadable():
    with pytest.raises(pdftext.PdfUnreadable):
        pdftext.extract_text(b"%PDF-1.4\nnot really a pdf", PdfBounds())


@pytest.mark.parametrize(
    "catalog_extra",
    [
        b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >> ",
        b"/Names << /JavaScript << /Names [(x) << /S /JavaScript /JS (app.alert(1)) >>] >> >> ",
        b"/OpenActio#6E [3 0 R /Fit] ",  # a name may spell a character as #xx
    ],
    ids=["open action", "document script", "escaped name"],
)
def test_pdf_with_script_or_open_action_is_flagged(catalog_extra):
    content = samples.pdf_with_text("Bilag", catalog_extra=catalog_extra)

    result = pdftext.extract_text(content, PdfBounds())

    assert result.has_active_content
    assert result.pages == ("Bilag",)


def test_open_action_inside_a_compressed_object_stream_is_flagged():
    content = samples.pdf_with_compressed_catalog("Bilag", b"/OpenAction [3 0 R /Fit] ")
    assert not pdftext.has_active_content(content)  # not in the bytes as written

    assert pdftext.extract_text(content, PdfBounds()).has_active_content


def test_pdf_without_script_or_open_action_is_not_flagged():
    content = samples.pdf_with_compressed_catalog("Bilag", b"/PageMode /UseNone ")

    assert not pdftext.extract_text(content, PdfBounds()).has_active_content
