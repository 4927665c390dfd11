"""An item's attachments (bilag): a Document each, matched by (item, title).

An attachment no longer in the minutes is removed only if its item was last saved by an import and
it has no file and no links; otherwise it is kept with a warning.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..minutes import AgendaItem as ParsedItem
from ..models import AgendaItem, Document
from .result import KEPT, REMOVED, Change, action
from .saving import ImportRun, clean, set_values


def drops_attachment(parsed: ParsedItem, existing: dict[str, Document]) -> bool:
    """Whether an open item has an attachment that the minutes no longer list."""
    return not parsed.is_closed and any(title not in parsed.attachments for title in existing)


def import_attachments(
    run: ImportRun, item: AgendaItem, parsed: ParsedItem, existing: dict[str, Document], *, item_was_imported: bool
) -> None:
    """Create or update the item's attachments in the minutes' order; remove or keep those dropped."""
    for position, title in enumerate(parsed.attachments, 1):
        import_attachment(run, item, parsed.number, title, position, existing.get(title))
    for title, doc in existing.items():
        if title not in parsed.attachments:
            drop_attachment(run, parsed.number, doc, item_was_imported)


def import_attachment(
    run: ImportRun, item: AgendaItem, number: int, title: str, position: int, doc: Document | None
) -> None:
    meeting = run.result.meeting
    is_new = doc is None
    if is_new:
        doc = Document(kind=Document.Kind.ATTACHMENT, title=title, agenda_item=item)
    values = {"meeting": meeting, "position": position, "date": meeting.date}
    if run.publish:
        values["is_published"] = True
    changed = set_values(doc, values)
    # The import sets no checksum, the one field with a constraint; the relations are its own.
    clean(
        doc,
        _("Punkt %(number)s, bilag") % {"number": number},
        exclude=["meeting", "agenda_item"],
        validate_constraints=False,
    )
    if is_new or changed:
        run.save(doc)
    fields = () if is_new else tuple(c for c in changed if c != "meeting")
    run.report(Change("attachment", f"Punkt {number}: {title}", action(is_new, changed), fields))


def drop_attachment(run: ImportRun, number: int, doc: Document, item_was_imported: bool) -> None:
    """Remove an attachment the minutes no longer list, if nothing has touched it; else keep it."""
    label = f"Punkt {number}: {doc.title}"
    removable = item_was_imported and not doc.file and not doc.trials.exists() and not doc.news_items.exists()
    if removable:
        run.delete(doc)
        run.report(Change("attachment", label, REMOVED))
    else:
        run.warn(f"Bilaget '{doc.title}' til punkt {number} står ikke i referatet, men er bevaret")
        run.report(Change("attachment", label, KEPT))
