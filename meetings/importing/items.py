"""The meeting's agenda items: matched by number, created or updated, moved, each citing the minutes.

A closed item gets only its number, title and position (and is_closed), whatever the text says.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import count

from django.utils.translation import gettext as _

from trials.models import Source

from ..minutes import AgendaItem as ParsedItem
from ..minutes import Minutes
from ..models import AgendaItem, Document, Meeting
from .attachments import drops_attachment, import_attachments
from .result import Change, action
from .saving import ImportRun, clean, last_saved_by_import, set_values
from .stale_items import StaleItem, keep_items, remove_items, sort_out_stale_items

_MAIL_LINK = re.compile(r"\[(?P<text>[^\]\n]+)\]\((?:mailto:)?(?P<target>[^)\s]+)\)")

# The existing attachments of the meeting's items: by item pk, then by title.
Attachments = defaultdict[int, dict[str, Document]]


def import_items(run: ImportRun, minutes: Minutes) -> dict[int, AgendaItem]:
    """Create, update, move and remove the items and their attachments; returns the items by number."""
    meeting, created = run.result.meeting, run.result.meeting_created
    existing = {item.number: item for item in meeting.agenda_items.all()} if not created else {}
    attachments = existing_attachments(meeting) if not created else defaultdict(dict)
    removed, kept = sort_out_stale_items(minutes, existing, run.source_title)
    positions = final_positions(minutes, kept)
    make_room(run, existing, positions)
    remove_items(run, removed)
    keep_items(run, kept, positions)

    items: dict[int, AgendaItem] = {}
    new_sources: list[Source] = []  # of the new items: made together after the loop
    for parsed in minutes.items:
        items[parsed.number] = import_item(run, parsed, existing.get(parsed.number), attachments, new_sources)
    if new_sources:
        save_new_sources(new_sources)
    return items


def existing_attachments(meeting: Meeting) -> Attachments:
    attachments = defaultdict(dict)
    docs = Document.objects.filter(agenda_item__meeting=meeting, kind=Document.Kind.ATTACHMENT)
    for doc in docs.select_related("meeting"):
        attachments[doc.agenda_item_id][doc.title] = doc
    return attachments


def final_positions(minutes: Minutes, kept: list[StaleItem]) -> dict[int, int]:
    """The position of each item by number: as in the minutes, and the kept items after them."""
    positions = {p.number: p.position for p in minutes.items}
    next_position = count(len(minutes.items) + 1)
    for item, _own in kept:
        positions[item.number] = next(next_position)
    return positions


def make_room(run: ImportRun, existing: dict[int, AgendaItem], positions: dict[int, int]) -> None:
    """Positions are unique per meeting: park the items that move out of the way first."""
    moving = [item for number, item in existing.items() if number in positions and item.position != positions[number]]
    for offset, item in enumerate(moving if run.write else []):
        AgendaItem.objects.filter(pk=item.pk).update(position=32767 - offset)


def import_item(
    run: ImportRun, parsed: ParsedItem, item: AgendaItem | None, attachments: Attachments, new_sources: list[Source]
) -> AgendaItem:
    """Create or update one item and its attachments; a new item's source is added to new_sources."""
    is_new = item is None
    if is_new:
        item = AgendaItem(meeting=run.result.meeting, number=parsed.number)
    changed = set_values(item, {"position": parsed.position, "is_closed": parsed.is_closed, **item_values(parsed)})
    item_attachments = {} if is_new else attachments[item.pk]
    # Whether the item was last saved by an import decides if a dropped attachment may go; the
    # history is read (before this save) only for an item that drops one.
    was_imported = drops_attachment(parsed, item_attachments) and last_saved_by_import(item)
    # The meeting and source are set here, not typed in: checking them would cost a query per item.
    clean(
        item,
        _("Punkt %(number)s") % {"number": parsed.number},
        exclude=["meeting", "source"],
        validate_unique=False,
        validate_constraints=False,
    )
    if is_new or changed:
        run.save(item)
    if run.write:
        if is_new:
            new_sources.append(item_source(item, parsed, run.source_title))
        else:
            cite_item(item, parsed, run.source_title)
    label = f"Punkt {parsed.number}. {parsed.title}"
    run.report(
        Change("item", label, action(is_new, changed), () if is_new else changed, parsed.is_closed, parsed.number)
    )
    if not parsed.is_closed:
        import_attachments(run, item, parsed, item_attachments, item_was_imported=was_imported)
    return item


def item_values(item: ParsedItem) -> dict:
    """The fields the minutes give an item: a closed one only its title."""
    if item.is_closed:
        return {"title": item.title}
    return {
        "title": item.title,
        "case_number": item.case_number,
        "proposal_kind": item.proposal_kind,
        "proposal": _plain_text(item.proposal),
        "text": item.text,
        "decision": _plain_text(item.decision),
        "case_description": _case_description(item),
        "page": item.page,
    }


def _plain_text(text: str) -> str:
    """A plain field (proposal, decision) without Markdown links: "[a@b.dk](mailto:a@b.dk)" -> "a@b.dk"."""
    return _MAIL_LINK.sub(lambda m: m["text"], text)


def _case_description(item: ParsedItem) -> str:
    # The parser keeps an inline "Bilag: <title>" closing line in the text; the attachment is stored
    # as a Document, so a closing line that only repeats a listed attachment is dropped here.
    text = item.case_description
    lines = text.rstrip().split("\n")
    last = lines[-1].strip() if lines else ""
    m = re.fullmatch(r"\**Bilag\**\s*:\s*\**(?P<title>.+?)\**", last)
    if m and m["title"].strip() in item.attachments:
        text = "\n".join(lines[:-1]).rstrip()
    return text


def item_source(item: AgendaItem, parsed: ParsedItem, title: str) -> Source:
    """The item's "Punkt N" source in these minutes (not saved)."""
    return Source(document_title=title, locator=f"Punkt {parsed.number}", excerpt=parsed.title, agenda_item=item)


def cite_item(item: AgendaItem, parsed: ParsedItem, title: str) -> None:
    """Give an existing item its "Punkt N" source in these minutes, made once."""
    source = item.cited_as.filter(document_title=title, locator=f"Punkt {parsed.number}").first()
    if source is None:
        source = item_source(item, parsed, title)
        source.save()
    if item.source_id is None:
        AgendaItem.objects.filter(pk=item.pk).update(source=source)
        item.source = source


def save_new_sources(new_sources: list[Source]) -> None:
    """Save the new items' sources in one query and point each item at its own."""
    Source.objects.bulk_create(new_sources)
    for source in new_sources:
        source.agenda_item.source = source
    # A plain update, as for an existing item: the history keeps the import's own record.
    AgendaItem.objects.bulk_update([source.agenda_item for source in new_sources], ["source"], batch_size=500)
