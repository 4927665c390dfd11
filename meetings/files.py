"""Checking uploaded files by their content, and reading their facts: type, size, checksum, text."""

import hashlib
import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import pdftext

logger = logging.getLogger(__name__)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"

# The file name extensions each accepted type may carry.
EXTENSIONS = {
    PDF: {".pdf"},
    DOCX: {".docx"},
    XLSX: {".xlsx"},
    PPTX: {".pptx"},
    ODT: {".odt"},
}

# How a reader knows each accepted type, beside a download link.
TYPE_LABELS = {PDF: "PDF", DOCX: "Word", XLSX: "Excel", PPTX: "PowerPoint", ODT: "ODT"}

# The content type of the main part in [Content_Types].xml tells the Office Open XML formats apart.
OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}

# Small control entries only; a larger one is not what it claims (and could be a zip bomb).
MAX_CONTROL_ENTRY_SIZE = 1024 * 1024

ACCEPTED_DESCRIPTION = _("PDF, DOCX, XLSX, PPTX eller ODT")


@dataclass(frozen=True)
class FileFacts:
    mime_type: str
    size: int
    sha512: str
    extracted_text: str = ""
    has_active_content: bool = False  # a PDF that names /JavaScript or /OpenAction
    warnings: tuple[str, ...] = ()  # for the editor: the file is stored, but look at this


def inspect_upload(uploaded_file, *, allowed_types=None):
    """Check an uploaded file by its content and return its facts, or raise ValidationError.

    The file must be non-empty, within settings.MAX_UPLOAD_SIZE, one of the accepted types by
    its bytes (not its name), and carry a name extension that matches that type.
    """
    size = uploaded_file.size
    if not size:
        raise ValidationError(_("Filen er tom."), code="empty")
    if size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("Filen fylder %(size)s; der kan højst uploades %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(settings.MAX_UPLOAD_SIZE)},
            code="too_large",
        )

    uploaded_file.seek(0)
    mime_type = detect_type(uploaded_file)
    if mime_type is None:
        raise ValidationError(
            _("Filens indhold er ikke %(accepted)s. Andre filtyper kan ikke uploades.")
            % {"accepted": ACCEPTED_DESCRIPTION},
            code="unknown_type",
        )
    if allowed_types is not None and mime_type not in allowed_types:
        raise ValidationError(_("Et referat skal være en PDF-fil."), code="wrong_type")
    extension = Path(uploaded_file.name or "").suffix.lower()
    if extension not in EXTENSIONS[mime_type]:
        raise ValidationError(
            _("Filnavnet ender på “%(extension)s”, men indholdet er en %(kind)s-fil.")
            % {"extension": extension, "kind": min(EXTENSIONS[mime_type])[1:].upper()},
            code="extension_mismatch",
        )

    text, active, warnings = "", False, ()
    if mime_type == PDF:
        pdf = read_pdf(uploaded_file)
        text, active = searchable_text(pdf), pdf.has_active_content
        warnings = tuple(warning for warning in (text_warning(pdf), active_content_warning(pdf)) if warning)
    return FileFacts(
        mime_type=mime_type,
        size=size,
        sha512=sha512_of(uploaded_file),
        extracted_text=text,
        has_active_content=active,
        warnings=warnings,
    )


def active_content_warning(result):
    if not result.has_active_content:
        return ""
    return _(
        "PDF-filen indeholder JavaScript eller en handling, der udføres, når den åbnes (/JavaScript eller "
        "/OpenAction). Den er gemt og udleveres kun som download, men tjek, at det er den rigtige fil, "
        "før den offentliggøres."
    )


def detect_type(file):
    """The MIME type of an accepted file, read from its bytes; None for anything else."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _detect_zip_container(file)
    return None


def _detect_zip_container(file):
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            # OpenDocument: an uncompressed "mimetype" entry holding the type.
            if "mimetype" in names:
                mimetype = _read_small_entry(archive, "mimetype")
                return ODT if mimetype is not None and mimetype.strip() == ODT.encode() else None
            if "[Content_Types].xml" in names:
                content_types = _read_small_entry(archive, "[Content_Types].xml")
                return _ooxml_type(content_types) if content_types is not None else None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return None
    finally:
        file.seek(0)
    return None


def _read_small_entry(archive, name):
    info = archive.getinfo(name)
    if info.file_size > MAX_CONTROL_ENTRY_SIZE:
        return None
    return archive.read(name)


def _ooxml_type(content_types_xml):
    try:
        root = ElementTree.fromstring(content_types_xml)
    except ElementTree.ParseError:
        return None
    found = {
        OOXML_MAIN_PARTS[element.get("ContentType")]
        for element in root
        if element.tag.endswith("Override") and element.get("ContentType") in OOXML_MAIN_PARTS
    }
    # Exactly one main part; macro-enabled variants have other content types and are refused.
    return found.pop() if len(found) == 1 else None


def pdf_bounds():
    """The bounds within which a PDF's text is read, from the settings."""
    return pdftext.PdfBounds(
        max_pages=settings.PDF_MAX_PAGES,
        max_chars=settings.PDF_MAX_TEXT_CHARS,
        seconds=settings.PDF_EXTRACT_SECONDS,
    )


def read_pdf(file):
    """The text of a PDF's pages (within the bounds), for search. Refuses a PDF that cannot be read at all."""
    file.seek(0)
    try:
        result = pdftext.extract_text(file.read(), pdf_bounds())
    except pdftext.PdfUnreadable as error:
        raise ValidationError(
            _("Filen ligner en PDF, men kan ikke læses. Gem den som PDF igen, og prøv igen."),
            code="broken_pdf",
        ) from error
    finally:
        file.seek(0)
    if not result.is_complete:
        logger.warning("The text of %s was not read in full: %s", file.name, result.describe_stop())
    return result


def searchable_text(result):
    return "\n\n".join(text.strip() for text in result.pages if text.strip())


def text_warning(result):
    """What the editor is told when a stored PDF's text is incomplete; "" when it is complete."""
    if result.is_complete:
        return ""
    bounds = result.bounds
    if result.stopped_by == pdftext.PAGES:
        reason = _("den har %(count)s sider, og der læses højst %(limit)s") % {
            "count": result.page_count,
            "limit": bounds.max_pages,
        }
    elif result.stopped_by == pdftext.CHARS:
        reason = _("teksten er længere end %(limit)s tegn") % {"limit": bounds.max_chars}
    elif result.stopped_by == pdftext.TIME:
        reason = _("det tog over %(seconds)s sekunder at læse den") % {"seconds": f"{bounds.seconds:g}"}
    elif result.stopped_by == pdftext.CRASHED:
        reason = _("læsningen stoppede uventet")
    elif result.is_encrypted:
        reason = _("filen er krypteret")
    else:
        reason = _("side %(pages)s kunne ikke læses") % {"pages": ", ".join(map(str, result.unreadable_pages))}
    return _("Filen er gemt, men teksten kunne ikke læses helt (%(reason)s), så den er kun delvist søgbar.") % {
        "reason": reason
    }


def sha512_of(file):
    digest = hashlib.sha512()
    file.seek(0)
    for chunk in iter(lambda: file.read(64 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()
