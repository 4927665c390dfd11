"""Serving uploaded files: as downloads with their checked type, never rendered as a page."""

from django.http import FileResponse, Http404

from .models import Document


def document_download(request, pk):
    document = Document.objects.downloadable().filter(pk=pk).first()
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
