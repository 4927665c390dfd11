"""Uploads are checked by content, capped in size, and their facts and text are read."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings import files
from meetings.tests import samples


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_pdf_with_text_is_accepted_with_its_text_size_and_checksum():
    content = samples.pdf_with_text("Frikommuneforsoeg i Nordjylland")

    facts = files.inspect_upload(upload("referat.pdf", content))

    assert facts.mime_type == files.PDF
    assert facts.size == len(content)
    assert facts.sha512 == hashlib.sha512(content).hexdigest()
    assert "Frikommuneforsoeg i Nordjylland" in facts.extracted_text


def test_blank_pdf_written_by_pypdf_is_accepted_with_no_text():
    facts = files.inspect_upload(upload("tom-side.pdf", samples.blank_pdf()))

    assert facts.mime_type == files.PDF
    assert facts.extracted_text == ""


@pytest.mark.parametrize(
    ("name", "content", "mime_type"),
    [
        ("bilag.docx", samples.ooxml("docx"), files.DOCX),
        ("bilag.xlsx", samples.ooxml("xlsx"), files.XLSX),
        ("bilag.pptx", samples.ooxml("pptx"), files.PPTX),
        ("bilag.odt", samples.odt(), files.ODT),
        ("BILAG.DOCX", samples.ooxml("docx"), files.DOCX),
    ],
)
def test_office_documents_are_told_apart_by_their_container(name, content, mime_type):
    assert files.inspect_upload(upload(name, content)).mime_type == mime_type


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("referat.pdf", samples.HTML, "unknown_type"),
        ("bilag.docx", samples.plain_zip(), "unknown_type"),
        (
            "makro.docx",
            samples.ooxml("docx", "application/vnd.ms-word.document.macroEnabled.main+xml"),
            "unknown_type",
        ),
        ("bilag.docx", samples.pdf_with_text("x"), "extension_mismatch"),
        ("bilag.pdf", samples.ooxml("xlsx"), "extension_mismatch"),
        ("ødelagt.pdf", b"%PDF-1.4\nnot really a pdf", "broken_pdf"),
        ("tom.pdf", b"", "empty"),
        ("zip.docx", b"PK\x03\x04 truncated", "unknown_type"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(name, content, code):
    with pytest.raises(ValidationError) as refusal:
        files.inspect_upload(upload(name, content))

    assert refusal.value.code == code


def test_file_above_the_size_setting_is_refused(settings):
    settings.MAX_UPLOAD_SIZE = 100
    content = samples.pdf_with_text("x" * 200)

    with pytest.raises(ValidationError) as refusal:
        files.inspect_upload(upload("stor.pdf", content))

    assert refusal.value.code == "too_large"
    assert "100" in refusal.value.messages[0]


def test_minutes_must_be_a_pdf():
    with pytest.raises(ValidationError) as refusal:
        files.inspect_upload(upload("referat.docx", samples.ooxml("docx")), allowed_types={files.PDF})

    assert refusal.value.code == "wrong_type"


# --- PDF text within bounds -------------------------------------------------------------------


def test_pdf_whose_text_is_too_long_is_accepted_with_the_text_read_and_a_warning(settings):
    settings.PDF_MAX_TEXT_CHARS = 100_000

    facts = files.inspect_upload(upload("bilag.pdf", samples.attacker_pdf()))

    assert facts.extracted_text == "Frikommune" * 10_000
    assert facts.warnings == (
        "Filen er gemt, men teksten kunne ikke læses helt (teksten er længere end 100000 tegn), "
        "så den er kun delvist søgbar.",
    )


def test_pdf_slower_than_the_time_setting_is_accepted_with_a_warning(settings):
    settings.PDF_EXTRACT_SECONDS = 2

    facts = files.inspect_upload(upload("bilag.pdf", samples.attacker_pdf(pages=30, shared_stream=False)))

    assert facts.mime_type == files.PDF
    assert "det tog over 2 sekunder at læse den" in facts.warnings[0]


def test_pdf_with_more_pages_than_the_setting_is_accepted_with_the_first_pages(settings):
    settings.PDF_MAX_PAGES = 2

    facts = files.inspect_upload(upload("bilag.pdf", samples.pdf_with_pages(["en", "to", "tre"])))

    assert facts.extracted_text == "en\n\nto"
    assert "den har 3 sider, og der læses højst 2" in facts.warnings[0]


def test_pdf_read_in_full_gives_no_warning():
    facts = files.inspect_upload(upload("bilag.pdf", samples.pdf_with_pages(["en", "to"])))

    assert facts.extracted_text == "en\n\nto"
    assert facts.warnings == ()
    assert not facts.has_active_content


def test_pdf_with_an_open_action_is_accepted_flagged_and_warned_about():
    content = samples.pdf_with_text("Bilag", catalog_extra=b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >> ")

    facts = files.inspect_upload(upload("bilag.pdf", content))

    assert facts.has_active_content
    assert facts.extracted_text == "Bilag"
    assert "JavaScript" in facts.warnings[0]


def test_pdf_text_is_stored_without_the_nul_characters_postgresql_refuses():
    facts = files.inspect_upload(upload("bilag.pdf", samples.pdf_with_text(r"Friko\000mmune")))

    assert facts.extracted_text == "Frikommune"
