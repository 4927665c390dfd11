"""The uploaded minutes file kept as the meeting's source document: hidden as a draft, public once published."""

import io
import os
import time
from unittest import mock

import pytest
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from meetings.admin_import import UPLOAD_FOLDER, remove_stale_uploads
from meetings.importing import MinutesFile, import_minutes, preview_minutes
from meetings.minutes import parse_minutes
from meetings.models import Document, Meeting
from meetings.tests.import_helpers import counts
from meetings.tests.seed_minutes import WHOLE

UPLOAD_URL = reverse("meetings_import_minutes")
CONFIRM_URL = reverse("meetings_import_minutes_confirm")


def minutes_pdf(decision="Godkendt."):
    """A one-item minutes PDF, as a minutes system writes it."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in [
        "Referat",
        "Aalborg Byråd",
        "Beskæftigelsesudvalget",
        "Mødet den 23.01.2018 kl. 08.30 - 11.30",
        "Punkt 1.",
        "Godkendelse af dagsorden",
        "Beslutning:",
        decision,
    ]:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.fixture
def secretary_client(make_secretary_client, committee):
    return make_secretary_client(committee)


def upload_and_confirm(client, committee, data, name="referat.pdf"):
    preview = client.post(UPLOAD_URL, {"committee": committee.pk, "file": SimpleUploadedFile(name, data)})
    assert preview.status_code == 200, preview.content.decode()[:2000]
    payload = preview.context["confirm_form"].initial["payload"]
    response = client.post(CONFIRM_URL, {"payload": payload})
    assert response.status_code == 302
    return preview


def stored_uploads():
    try:
        return default_storage.listdir(UPLOAD_FOLDER)[1]
    except FileNotFoundError:
        return []


def download_url(document):
    return reverse("meetings:document_download", args=[document.pk])


def test_imported_pdf_is_hidden_while_draft_and_downloadable_with_the_same_bytes_once_published(
    secretary_client, committee, client
):
    data = minutes_pdf()
    preview = upload_and_confirm(secretary_client, committee, data)
    assert "referat.pdf – oprettes" in preview.content.decode()

    meeting = Meeting.objects.get(committee=committee)
    source = Document.objects.get(meeting=meeting, is_import_source=True)
    assert (source.kind, source.agenda_item, source.original_name) == (Document.Kind.MINUTES, None, "referat.pdf")
    assert (source.mime_type, source.size, source.is_published) == ("application/pdf", len(data), False)
    assert "Godkendelse af dagsorden" in source.extracted_text
    assert stored_uploads() == []  # the waiting upload became the document's file

    assert client.get(download_url(source)).status_code == 404
    assert client.get(meeting.get_absolute_url()).status_code == 404

    meeting.publish()
    response = client.get(download_url(source))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == "application/pdf"
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Referatet som det blev indlæst" in page
    assert f'href="{download_url(source)}" download>referat.pdf</a>' in page
    assert "(PDF, " in page
    assert ">Dokumenter<" not in page  # the source is not listed a second time


def test_draft_page_for_the_editor_does_not_offer_the_file(secretary_client, committee):
    upload_and_confirm(secretary_client, committee, minutes_pdf())
    page = secretary_client.get(Meeting.objects.get().get_absolute_url()).content.decode()
    assert "Kladde" in page and "Referatet som det blev indlæst" not in page


def test_reimporting_the_same_file_leaves_one_unchanged_document(secretary_client, committee):
    data = minutes_pdf()
    upload_and_confirm(secretary_client, committee, data)
    source = Document.objects.get(is_import_source=True)
    before = counts()
    preview = upload_and_confirm(secretary_client, committee, data)
    assert "referat.pdf – uændret" in preview.content.decode()
    assert counts() == before
    assert Document.objects.get(is_import_source=True).file.name == source.file.name


def test_reimporting_a_changed_file_replaces_the_file_of_the_same_document(
    secretary_client, committee, client, django_capture_on_commit_callbacks
):
    upload_and_confirm(secretary_client, committee, minutes_pdf())
    first = Document.objects.get(is_import_source=True)
    Meeting.objects.get().publish()
    changed = minutes_pdf("Godkendt med en rettelse.")
    with django_capture_on_commit_callbacks(execute=True):
        preview = upload_and_confirm(secretary_client, committee, changed, name="referat-rettet.pdf")
    assert "referat-rettet.pdf – opdateres" in preview.content.decode()

    source = Document.objects.get(is_import_source=True)
    assert source.pk == first.pk and source.original_name == "referat-rettet.pdf"
    assert not default_storage.exists(first.file.name)  # the old file goes
    response = client.get(download_url(source))  # still published: the meeting is
    assert b"".join(response.streaming_content) == changed


def test_text_minutes_keep_no_file(secretary_client, committee):
    preview = upload_and_confirm(secretary_client, committee, WHOLE.read_bytes(), name="referat.md")
    assert "referat.md – gemmes ikke" in preview.content.decode()
    assert not Document.objects.filter(is_import_source=True).exists()
    assert stored_uploads() == []


def test_preview_keeps_nothing_but_the_waiting_upload(secretary_client, committee):
    before = counts()
    preview = secretary_client.post(
        UPLOAD_URL, {"committee": committee.pk, "file": SimpleUploadedFile("referat.pdf", minutes_pdf())}
    )
    assert preview.status_code == 200
    assert counts() == before
    assert len(stored_uploads()) == 1


def test_expired_waiting_uploads_are_removed(secretary_client, committee):
    name = default_storage.save(f"{UPLOAD_FOLDER}/{'a' * 32}.pdf", io.BytesIO(b"%PDF-1.4"))
    two_hours_ago = time.time() - 2 * 60 * 60
    os.utime(default_storage.path(name), (two_hours_ago, two_hours_ago))
    fresh = default_storage.save(f"{UPLOAD_FOLDER}/{'b' * 32}.pdf", io.BytesIO(b"%PDF-1.4"))
    remove_stale_uploads()
    assert stored_uploads() == [fresh.rsplit("/", 1)[1]]


def test_closed_item_rule_is_unaffected_by_the_source_file(committee):
    minutes = parse_minutes(WHOLE.read_text(encoding="utf-8"))
    source = MinutesFile(name="referat.pdf", file=File(io.BytesIO(minutes_pdf()), name="referat.pdf"))
    meeting = import_minutes(minutes=minutes, committee=committee, source_file=source).meeting
    closed_attachments = Document.objects.filter(agenda_item__meeting=meeting, agenda_item__is_closed=True)
    published, withheld = meeting.publish()
    assert withheld == closed_attachments.count()
    assert not closed_attachments.filter(is_published=True).exists()
    assert Document.objects.get(is_import_source=True).is_published
    assert Document.objects.public().filter(is_import_source=True, agenda_item__isnull=True).count() == 1


def test_minutes_that_print_a_closed_items_text_keep_their_file_withheld(committee, client):
    body = "**Punkt 10.**\n\n**Orientering - lukket**\n\n2018-000001\n\n*Beslutning:*\n\n*Hemmeligt.*\n"
    minutes = parse_minutes(WHOLE.read_text(encoding="utf-8") + "\n\n" + body)
    source = MinutesFile(name="referat.pdf", file=File(io.BytesIO(minutes_pdf()), name="referat.pdf"))
    result = import_minutes(minutes=minutes, committee=committee, source_file=source, publish=True)
    assert any("mere end titlen på et lukket punkt" in warning for warning in result.warnings)
    document = Document.objects.get(is_import_source=True)
    assert document.is_published and not document.is_file_public
    assert client.get(download_url(document)).status_code == 404
    assert "filen er ikke offentlig" in client.get(result.meeting.get_absolute_url()).content.decode()


def test_preview_writes_no_file(committee):
    minutes = parse_minutes(WHOLE.read_text(encoding="utf-8"))
    source = MinutesFile(name="referat.pdf", file=File(io.BytesIO(minutes_pdf()), name="referat.pdf"))
    result = preview_minutes(minutes=minutes, committee=committee, source_file=source)
    assert [change.action for change in result.changes_for("source_file")] == ["created"]
    assert not Document.objects.exists()
    assert stored_uploads() == [] and not default_storage.exists("documents")


def test_failed_import_removes_the_file_it_stored(committee):
    minutes = parse_minutes(WHOLE.read_text(encoding="utf-8"))
    source = MinutesFile(name="referat.pdf", file=File(io.BytesIO(minutes_pdf()), name="referat.pdf"))
    with (
        mock.patch("meetings.importing.import_items", side_effect=IntegrityError("collision")),
        pytest.raises(IntegrityError),
    ):
        import_minutes(minutes=minutes, committee=committee, source_file=source)
    assert not Document.objects.exists()
    assert os.path.isdir(default_storage.path("documents"))  # the file was stored, then removed
    assert not any(files for _, _, files in os.walk(default_storage.path("documents")))


def test_one_source_document_per_meeting_is_a_database_rule(committee):
    meeting = Meeting.objects.create(committee=committee, date="2018-01-23")
    Document.objects.create(title="Referat", kind=Document.Kind.MINUTES, meeting=meeting, is_import_source=True)
    with pytest.raises(IntegrityError):
        Document.objects.create(title="Igen", kind=Document.Kind.MINUTES, meeting=meeting, is_import_source=True)


def test_reimport_keeps_a_file_the_editor_withheld(committee):
    minutes = parse_minutes(WHOLE.read_text(encoding="utf-8"))

    def source(data):
        return MinutesFile(name="referat.pdf", file=File(io.BytesIO(data), name="referat.pdf"))

    data = minutes_pdf()  # fpdf dates each file it writes: the same bytes are these bytes
    import_minutes(minutes=minutes, committee=committee, source_file=source(data))
    Document.objects.filter(is_import_source=True).update(is_file_public=False)
    result = import_minutes(minutes=minutes, committee=committee, source_file=source(data))
    assert [change.action for change in result.changes_for("source_file")] == ["unchanged"]
    import_minutes(minutes=minutes, committee=committee, source_file=source(minutes_pdf("Godkendt igen.")))
    assert not Document.objects.get(is_import_source=True).is_file_public
