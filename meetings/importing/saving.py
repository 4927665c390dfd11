"""What the import's steps share: the run under way (the write/preview switch), validation and history.

A preview is the import with write=False: every step runs, and each save, create, update and delete
is skipped, so the changes it reports are the ones the import would make. Plain saves and deletes go
through `ImportRun.save` and `ImportRun.delete`, which do nothing in a preview; the few other writes
(a query's update, a bulk create) are guarded by `run.write` where they are made.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from ..minutes import MinutesParseError
from .result import Change, ImportResult

IMPORT_REASON = "Importeret fra referat"


@dataclass
class ImportRun:
    """One import or preview under way: the result the steps report to, and how they may write."""

    result: ImportResult
    source_title: str  # the document title of the trials.Source rows that cite these minutes
    user: object = None
    write: bool = True  # False in a preview
    publish: bool = False
    written_files: list[str] = field(default_factory=list)  # stored files, removed again if the import fails

    def save(self, obj) -> None:
        """Save obj, its history record (for a model that keeps one) marked as the import's."""
        if not self.write:
            return
        obj._change_reason = IMPORT_REASON
        if self.user is not None and getattr(self.user, "pk", None):
            obj._history_user = self.user
        obj.save()

    def delete(self, obj) -> None:
        if self.write:
            obj.delete()

    def report(self, change: Change) -> None:
        self.result.changes.append(change)

    def warn(self, message: str) -> None:
        self.result.warnings.append(message)


def clean(obj, where: str, **kwargs) -> None:
    """full_clean(**kwargs), a ValidationError becoming a MinutesParseError that says where."""
    try:
        obj.full_clean(**kwargs)
    except ValidationError as error:
        raise MinutesParseError(f"{where}: {'; '.join(error.messages)}") from None


def set_values(obj, values: dict) -> tuple[str, ...]:
    """Set the fields whose value differs; returns their names."""
    changed = tuple(name for name, value in values.items() if getattr(obj, name) != value)
    for name in changed:
        setattr(obj, name, values[name])
    return changed


def last_saved_by_import(obj) -> bool:
    latest = obj.history.order_by("-history_date", "-history_id").first()
    return latest is not None and latest.history_change_reason == IMPORT_REASON


def created_by_import(obj) -> bool:
    first = obj.history.order_by("history_date", "history_id").first()
    return first is not None and first.history_change_reason == IMPORT_REASON
