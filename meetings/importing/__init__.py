"""Importing parsed minutes into a committee's meeting: one transaction, re-import updates in place.

`import_minutes` writes the Meeting, its Attendance rows, AgendaItems, attachment Documents and a
trials.Source per item. `preview_minutes` runs exactly the same code with every write left out, so
what the secretary previews is what the import will do, and a large file previews in a few queries.

Two imports into one committee at once are serialised: the import locks the committee's row first
(on SQLite the IMMEDIATE transaction mode does the same), so the second waits, then finds the
meeting the first created and updates it. A collision that still reaches the database surfaces as
IntegrityError or OperationalError; the admin page and the command turn it into
CONCURRENT_IMPORT_MESSAGE.

A file may hold at most settings.MINUTES_MAX_ITEMS items; `check_item_limit` refuses a larger one
right after parsing, before anything is compared or written.

The steps, in the order they run, each in its module: reading (the file and its checks), meeting,
source_file (the minutes file kept as the meeting's document), items (with stale_items and
attachments), attendance, trials; saving holds what they share (the
write/preview switch, validation, history), result what they report.

Re-import rule (nothing a secretary added by hand is lost):
* objects are matched, never duplicated: the meeting by (committee, date), items by number,
  attendances by name, attachments by (item, title);
* an object that is no longer in the minutes is removed only when it provably came from an earlier
  import and nobody has changed it since. For an item that means: its first and latest history
  records carry IMPORT_REASON and nothing hangs on it (no decision, no linked trial, no file, no
  source other than its own "Punkt N" source). Attendances and attachments carry no history of their
  own, so they are removed only when their meeting (attendances) or item (attachments) was last
  saved by an import, and an attachment only if it has no file and no links. Everything else is
  kept and reported as a warning, so the secretary decides.
* fields of existing objects are overwritten with what the minutes say; the change is recorded in
  simple-history with IMPORT_REASON and the importing user, so it can be reverted.
* closed items: only number, title and position (and is_closed) are written, whatever the text says.
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.db import transaction

from ..minutes import Minutes
from ..models import Committee
from .attendance import import_attendance
from .items import import_items
from .meeting import MEETING_LOCATOR, find_meeting, update_meeting
from .reading import (
    check_item_limit,
    check_meeting_date,
    minutes_source_title,
    read_minutes,
    read_minutes_text,
    reading_warnings,
)
from .result import (
    ACTION_LABELS,
    CONCURRENT_IMPORT_MESSAGE,
    CREATED,
    KEPT,
    REMOVED,
    UNCHANGED,
    UPDATED,
    Change,
    ImportResult,
    TrialSuggestion,
)
from .saving import IMPORT_REASON, ImportRun, last_saved_by_import
from .source_file import MinutesFile, import_source_file
from .trials import normalise_title, offer_trials, suggest_trials

__all__ = [
    "ACTION_LABELS",
    "CONCURRENT_IMPORT_MESSAGE",
    "CREATED",
    "IMPORT_REASON",
    "KEPT",
    "MEETING_LOCATOR",
    "MinutesFile",
    "REMOVED",
    "UNCHANGED",
    "UPDATED",
    "Change",
    "ImportResult",
    "TrialSuggestion",
    "check_item_limit",
    "import_minutes",
    "minutes_source_title",
    "normalise_title",
    "preview_minutes",
    "read_minutes",
    "read_minutes_text",
    "suggest_trials",
]


def import_minutes(
    *,
    minutes: Minutes,
    committee: Committee,
    user=None,
    source_title: str | None = None,
    link_trials: bool | list[str] = False,
    publish: bool = False,
    source_file: MinutesFile | None = None,
) -> ImportResult:
    """Create or update the committee's meeting from parsed minutes, in one transaction.

    link_trials: True links every suggested trial; a list of suggestion keys ("6:12") links those.
    source_file: the file the minutes were read from, kept as the meeting's source document if a PDF.
    Raises MinutesParseError (Danish message) for minutes that cannot become a meeting; nothing
    is saved then. A write that collides with another import raises IntegrityError or
    OperationalError, also with nothing saved.
    """
    check_item_limit(minutes)
    written_files = []
    try:
        with transaction.atomic():
            # Imports into one committee take turns: a second import of the same new minutes waits
            # here until the first commits, then finds its meeting and updates it.
            Committee.objects.select_for_update().only("pk").get(pk=committee.pk)
            return _import(
                minutes, committee, user, source_title, link_trials, publish, source_file, written_files, write=True
            )
    except BaseException:
        # Nothing of the import is saved, so neither is the file it stored.
        for name in written_files:
            default_storage.delete(name)
        raise


def preview_minutes(
    *,
    minutes: Minutes,
    committee: Committee,
    user=None,
    source_title: str | None = None,
    publish: bool = False,
    source_file: MinutesFile | None = None,
) -> ImportResult:
    """What `import_minutes` would do, computed by the same code with every write left out.

    It only reads, in a number of queries that does not grow with the items (items that would be
    removed are checked one by one), so the admin page previews even a long file quickly.
    """
    check_item_limit(minutes)
    result = _import(minutes, committee, user, source_title, False, publish, source_file, [], write=False)
    result.is_preview = True
    return result


def _import(
    minutes, committee, user, source_title, link_trials, publish, source_file, written_files, *, write: bool
) -> ImportResult:
    """The import's steps in order; with write=False (the preview) every step runs and writes nothing."""
    check_meeting_date(minutes)
    warnings = reading_warnings(minutes, committee)
    title = source_title or minutes_source_title(committee, minutes)
    meeting, created = find_meeting(committee, minutes.date, lock=write)
    # Read before the meeting is saved: whether an import saved it last decides if a dropped attendance may go.
    meeting_was_imported = not created and last_saved_by_import(meeting)
    result = ImportResult(meeting=meeting, meeting_created=created, warnings=warnings)
    run = ImportRun(result, source_title=title, user=user, write=write, publish=publish, written_files=written_files)

    update_meeting(run, minutes)
    import_source_file(run, minutes, source_file)
    items = import_items(run, minutes)
    import_attendance(run, minutes, items, meeting_was_imported=meeting_was_imported)
    offer_trials(run, minutes, items, link_trials)
    return result
