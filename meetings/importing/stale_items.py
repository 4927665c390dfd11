"""Agenda items no longer in the minutes: removed if an import made them and nothing has touched them since.

Any other such item is kept, moved after the items of the minutes, and reported as a warning, so the
secretary decides.
"""

from __future__ import annotations

from trials.models import Source

from ..minutes import Minutes
from ..models import AgendaItem
from .result import KEPT, REMOVED, Change
from .saving import ImportRun, created_by_import, last_saved_by_import

# An item no longer in the minutes, with its own "Punkt N" source in them (None if it has none).
StaleItem = tuple[AgendaItem, Source | None]


def sort_out_stale_items(
    minutes: Minutes, existing: dict[int, AgendaItem], source_title: str
) -> tuple[list[StaleItem], list[StaleItem]]:
    """The existing items the minutes no longer list, in their order: (the removable, the kept)."""
    parsed_numbers = {item.number for item in minutes.items}
    stale = [
        item for number, item in sorted(existing.items(), key=lambda p: p[1].position) if number not in parsed_numbers
    ]
    kept, removed = [], []
    for item in stale:
        own = item.cited_as.filter(document_title=source_title, locator=f"Punkt {item.number}").first()
        (removed if item_is_removable(item, own) else kept).append((item, own))
    return removed, kept


def item_is_removable(item: AgendaItem, own_source: Source | None) -> bool:
    """Made and last saved by an import, and nothing hangs on it: no decision, trial, file or other source."""
    if not (created_by_import(item) and last_saved_by_import(item)):
        return False
    if item.decisions.exists() or item.trials.exists():
        return False
    if item.attachments.exclude(file="").exists():
        return False
    cited = item.cited_as.all()
    if own_source is not None:
        cited = cited.exclude(pk=own_source.pk)
    return not cited.exists()


def remove_items(run: ImportRun, removed: list[StaleItem]) -> None:
    for item, own in removed:
        label = str(item)
        if run.write:
            item.delete()
            if own is not None:
                own.delete()
        run.report(Change("item", label, REMOVED))


def keep_items(run: ImportRun, kept: list[StaleItem], positions: dict[int, int]) -> None:
    for item, _own in kept:
        if run.write:
            # A plain update: moving a kept item must not make it look hand-edited or imported.
            AgendaItem.objects.filter(pk=item.pk).update(position=positions[item.number])
        run.warn(
            f"Punkt {item.number} ('{item.title}') står ikke i referatet, men er bevaret, fordi det ikke "
            "blev oprettet af en import eller er ændret siden; slet det i administrationen, hvis det skal væk"
        )
        run.report(Change("item", str(item), KEPT))
