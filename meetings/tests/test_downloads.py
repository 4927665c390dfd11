"""Serving a document's file: a public one as a download with its checked type, a withheld one never."""

import io

import pytest
from django.urls import reverse

from meetings.models import Document
from meetings.tests import factories as mf
from meetings.tests import samples

pytestmark = pytest.mark.django_db


# --- serving files ----------------------------------------------------------------------------


def stored_document(**kwargs):
    document = mf.DocumentFactory(is_published=True, mime_type="application/pdf", original_name="Referat.pdf", **kwargs)
    document.file.save("x.pdf", io.BytesIO(samples.pdf_with_text("hej")))
    return document


def test_public_file_is_served_as_a_download_with_its_checked_type(client):
    document = stored_document(meeting=mf.MeetingFactory(is_published=True))

    response = client.get(reverse("meetings:document_download", args=[document.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="Referat.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "setup",
    [
        lambda: {"agenda_item": mf.AgendaItemFactory(is_closed=True, meeting=mf.MeetingFactory(is_published=True))},
        lambda: {"meeting": mf.MeetingFactory(is_published=False)},
        lambda: {"is_file_public": False},
    ],
    ids=["closed item", "unpublished meeting", "withheld file"],
)
def test_withheld_files_are_not_served(client, setup):
    document = stored_document(**setup())

    response = client.get(reverse("meetings:document_download", args=[document.pk]))

    assert response.status_code == 404


def test_draft_document_is_not_served(client):
    document = stored_document()
    Document.objects.filter(pk=document.pk).update(is_published=False)

    assert client.get(reverse("meetings:document_download", args=[document.pk])).status_code == 404
