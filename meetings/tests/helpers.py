"""Helpers of the meetings admin's tests: an admin page's URL, and a PDF to upload."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.tests import samples


def url(model, view, *args):
    return reverse(f"admin:meetings_{model}_{view}", args=args)


def pdf_upload(name="referat.pdf", text="Referat af moedet"):
    return SimpleUploadedFile(name, samples.pdf_with_text(text), content_type="application/pdf")
