"""Serving uploaded files: as downloads with their checked type, never rendered as a page."""

from django.db.models import Q
from django.http import FileResponse, Http404

from .models import Document


def public_files():
    """Documents whose file the public may fetch: published, public, not of a closed item,
    and not of an unpublished meeting."""
    return (
        Document.objects.published()
        .filter(is_file_public=True)
        .exclude(file="")
        .exclude(agenda_item__is_closed=True)
        .filter(Q(meeting=None) | Q(meeting__is_published=True))
        .filter(Q(agenda_item=None) | Q(agenda_item__meeting__is_published=True))
    )


def document_download(request, pk):
    document = public_files().filter(pk=pk).first()
    if document is None or not document.mime_type:
        raise Http404
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name or document.file.name.rsplit("/", 1)[-1],
        content_type=document.mime_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Even if a browser did open it, nothing in it may run or load.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
