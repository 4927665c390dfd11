"""The minutes file itself, kept as the meeting's source document ("Referatet som det blev indlæst").

Only a PDF is kept (the portal's minutes documents are PDFs), checked as every upload is
(files.inspect_upload: type by content, size, active content flagged). The document hangs on the
meeting itself, never on an item, so Meeting.publish() publishes it with the meeting and the public
sees it only then. One per meeting: importing the minutes again replaces its file when the bytes
differ and leaves it alone when they are the same.

If the minutes have closed items with more than a title, the file holds what the public may not see:
it is kept, but its file is withheld (is_file_public=False, which also keeps its text out of search).
An editor who withheld the file by hand keeps it withheld when the minutes are imported again.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from .. import files
from ..minutes import Minutes
from ..models import Document
from .result import CREATED, NOT_KEPT, UNCHANGED, UPDATED, Change
from .saving import ImportRun


@dataclass(frozen=True)
class MinutesFile:
    """The file the minutes were read from: its name as uploaded and a readable, seekable file."""

    name: str
    file: object  # a django File or UploadedFile


def is_kept(file) -> bool:
    """Whether a minutes file of this content is kept as the meeting's source document (a PDF)."""
    return files.detect_type(file) == files.PDF


def import_source_file(run: ImportRun, minutes: Minutes, source: MinutesFile | None) -> None:
    """Create, replace or leave the meeting's source document; report it as a "source_file" change."""
    if source is None:
        return
    label = source.name
    if not is_kept(source.file):
        run.report(Change("source_file", label, NOT_KEPT))
        return
    try:
        facts = files.inspect_upload(_named(source), allowed_types={files.PDF})
    except ValidationError as error:
        run.warn(_("Referatfilen gemmes ikke som mødets kildedokument: %(reason)s") % {"reason": error.messages[0]})
        return
    run.result.warnings.extend(facts.warnings)
    meeting = run.result.meeting
    existing = (
        Document.objects.filter(meeting=meeting, is_import_source=True).first() if meeting.pk is not None else None
    )
    withheld = bool(minutes.closed_text_left_out)
    if withheld:
        run.warn(
            _(
                "Referatfilen indeholder mere end titlen på et lukket punkt. Den gemmes, men filen offentliggøres "
                "ikke. Indlæs den offentlige udgave af referatet for at udlevere filen."
            )
        )
    same_file = existing is not None and existing.sha512 == facts.sha512
    if same_file and not (withheld and existing.is_file_public):
        run.report(Change("source_file", label, UNCHANGED))
        return
    document = existing or Document(
        kind=Document.Kind.MINUTES,
        meeting=meeting,
        is_import_source=True,
        is_published=run.publish or meeting.is_published,
    )
    document.title = run.source_title
    document.date = meeting.date
    # An editor's "file not public" is kept; text under a closed item always withholds the file.
    document.is_file_public = (existing.is_file_public if existing else True) and not withheld
    document.original_name = source.name[:255]
    document.mime_type = facts.mime_type
    document.size = facts.size
    document.sha512 = facts.sha512
    document.extracted_text = facts.extracted_text
    document.has_active_content = facts.has_active_content
    if run.user is not None and getattr(run.user, "pk", None):
        document.uploaded_by = run.user
    run.report(Change("source_file", label, UPDATED if existing else CREATED))
    if not run.write:
        return
    if same_file:
        run.save(document)
        return
    old_name = existing.file.name if existing is not None and existing.file else ""
    source.file.seek(0)
    document.file.save(source.name, File(source.file), save=False)
    run.written_files.append(document.file.name)
    run.save(document)
    if old_name and old_name != document.file.name:
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))


def _named(source: MinutesFile):
    """The file as inspect_upload reads it: with the uploaded name, whose extension it checks."""
    file = source.file
    return file if getattr(file, "name", None) == source.name else File(file, name=source.name)
