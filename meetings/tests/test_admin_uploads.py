"""Uploads in the meetings admin: files checked by content, refused ones keep the input, slow or scripted PDFs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Document
from meetings.tests import factories as mf
from meetings.tests import samples
from meetings.tests.helpers import pdf_upload, url
from trials.tests.helpers import change_form_data

pytestmark = pytest.mark.django_db


# --- uploads accepted -------------------------------------------------------------------------


def test_secretary_attaches_a_docx_bilag_to_an_agenda_item(secretary, committees):
    item = mf.AgendaItemFactory(meeting=mf.MeetingFactory(committee=committees["own"]))
    bilag = SimpleUploadedFile("Forretningsorden.docx", samples.ooxml("docx"))

    response = secretary.post(
        url("document", "add"),
        {
            "title": "Forretningsorden",
            "kind": "attachment",
            "file": bilag,
            "agenda_item": item.pk,
            "position": "0",
            "is_file_public": "on",
        },
    )

    assert response.status_code == 302
    assert item.attachments.get().mime_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


# --- uploads refused, input kept, nothing lost ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("referat.pdf", samples.HTML, "Filens indhold er ikke"),
        ("tom.pdf", b"", "tom"),
    ],
)
def test_refused_upload_shows_a_message_keeps_the_input_and_saves_nothing(
    secretary, committees, name, content, message
):
    meeting = mf.MeetingFactory(committee=committees["own"])

    response = secretary.post(
        url("document", "add"),
        {
            "title": "Mit bilag med en lang titel",
            "kind": "attachment",
            "file": SimpleUploadedFile(name, content),
            "meeting": meeting.pk,
            "position": "0",
        },
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors.get("file", []))
    assert "Mit bilag med en lang titel" in response.content.decode()
    assert not Document.objects.exists()


def test_oversize_upload_is_refused_and_the_saved_file_is_kept(secretary, committees, settings):
    meeting = mf.MeetingFactory(committee=committees["own"])
    secretary.post(
        url("document", "add"),
        {"title": "Referat", "kind": "minutes", "file": pdf_upload(), "meeting": meeting.pk, "position": "0"},
    )
    document = Document.objects.get()
    saved_name, saved_hash = document.file.name, document.sha512
    settings.MAX_UPLOAD_SIZE = 100
    data = change_form_data(secretary.get(url("document", "change", document.pk)))
    data["title"] = "Nyt navn"
    data["file"] = pdf_upload("stor.pdf", "x" * 300)

    response = secretary.post(url("document", "change", document.pk), data)

    assert response.status_code == 200
    assert "højst" in " ".join(response.context["adminform"].form.errors["file"])
    assert "Nyt navn" in response.content.decode()
    document.refresh_from_db()
    assert (document.title, document.file.name, document.sha512) == ("Referat", saved_name, saved_hash)
    assert document.file.storage.exists(saved_name)


def test_refused_inline_upload_keeps_the_meetings_saved_items(secretary, committees):
    meeting = mf.MeetingFactory(committee=committees["own"], place="Rådssalen")
    mf.AgendaItemFactory(meeting=meeting, title="Gemt punkt")
    data = change_form_data(secretary.get(url("meeting", "change", meeting.pk)))
    data["place"] = "Jobhuset"
    data.update(
        {
            "documents-TOTAL_FORMS": "1",
            "documents-0-title": "Falsk PDF",
            "documents-0-kind": "minutes",
            "documents-0-file": SimpleUploadedFile("referat.pdf", samples.HTML),
            "documents-0-position": "0",
        }
    )

    response = secretary.post(url("meeting", "change", meeting.pk), data)

    assert response.status_code == 200
    assert "Jobhuset" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.place == "Rådssalen"
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Gemt punkt"]
    assert not Document.objects.exists()


def test_minutes_must_be_a_pdf_even_if_the_file_is_a_valid_docx(secretary, committees):
    meeting = mf.MeetingFactory(committee=committees["own"])

    response = secretary.post(
        url("document", "add"),
        {
            "title": "Referat",
            "kind": "minutes",
            "meeting": meeting.pk,
            "position": "0",
            "file": SimpleUploadedFile("referat.docx", samples.ooxml("docx")),
        },
    )

    assert "PDF" in " ".join(response.context["adminform"].form.errors["file"])


# --- PDFs that are slow to read, or that carry script ----------------------------------------


def attachment_data(meeting, content, name="bilag.pdf"):
    return {
        "title": "Bilag",
        "kind": "attachment",
        "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        "meeting": meeting.pk,
        "position": "0",
    }


def test_attacker_pdf_is_stored_with_its_text_cut_at_the_character_bound_and_a_warning(network_coordinator_client):
    meeting = mf.MeetingFactory()

    response = network_coordinator_client.post(
        url("document", "add"), attachment_data(meeting, samples.attacker_pdf()), follow=True
    )

    assert response.status_code == 200
    document = Document.objects.get()
    assert document.extracted_text.replace("\n", "") == "Frikommune" * 200_000
    assert "teksten er længere end 2000000 tegn), så den er kun delvist søgbar" in response.content.decode()


def test_pdf_slower_than_the_time_bound_is_stored_with_a_warning_not_a_server_error(
    network_coordinator_client, settings
):
    settings.PDF_EXTRACT_SECONDS = 2
    meeting = mf.MeetingFactory()
    slow = samples.attacker_pdf(pages=30, shared_stream=False)

    response = network_coordinator_client.post(url("document", "add"), attachment_data(meeting, slow), follow=True)

    assert response.status_code == 200
    assert Document.objects.get().sha512
    assert "det tog over 2 sekunder at læse den" in response.content.decode()


def test_pdf_whose_text_holds_a_nul_character_is_stored(network_coordinator_client):
    meeting = mf.MeetingFactory()
    content = samples.pdf_with_text(r"Friko\000mmune")

    response = network_coordinator_client.post(url("document", "add"), attachment_data(meeting, content))

    assert response.status_code == 302
    assert Document.objects.get().extracted_text == "Frikommune"


def test_pdf_uploaded_in_a_meeting_inline_warns_with_its_file_name(secretary, committees, settings):
    settings.PDF_MAX_PAGES = 1
    meeting = mf.MeetingFactory(committee=committees["own"])
    data = change_form_data(secretary.get(url("meeting", "change", meeting.pk)))
    data.update(
        {
            "documents-TOTAL_FORMS": "1",
            "documents-0-title": "Bilag",
            "documents-0-kind": "attachment",
            "documents-0-file": SimpleUploadedFile("to-sider.pdf", samples.pdf_with_pages(["en", "to"])),
            "documents-0-position": "0",
        }
    )

    response = secretary.post(url("meeting", "change", meeting.pk), data, follow=True)

    assert meeting.documents.get().extracted_text == "en"
    assert (
        "to-sider.pdf: Filen er gemt, men teksten kunne ikke læses helt (den har 2 sider, og der læses højst 1), "
        "så den er kun delvist søgbar."
    ) in [str(message) for message in response.context["messages"]]


def test_pdf_with_script_is_flagged_and_still_served_only_as_a_sandboxed_download(network_coordinator_client, client):
    meeting = mf.MeetingFactory(is_published=True)
    content = samples.pdf_with_text("Bilag", catalog_extra=b"/Names << /JavaScript << /Names [] >> >> ")

    response = network_coordinator_client.post(
        url("document", "add"),
        {**attachment_data(meeting, content), "is_published": "on", "is_file_public": "on"},
        follow=True,
    )

    document = Document.objects.get()
    assert document.has_active_content
    assert "PDF-filen indeholder JavaScript eller en handling" in response.content.decode()
    download = client.get(reverse("meetings:document_download", args=[document.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert download["X-Content-Type-Options"] == "nosniff"
