"""The meeting the minutes describe: found by (committee, date) or made, then given the minutes' values."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from trials.models import Source

from ..minutes import Minutes
from ..models import Committee, Meeting
from .result import Change, action
from .saving import ImportRun, clean, set_values

MEETING_LOCATOR = "Forside og mødeoplysninger"


def find_meeting(committee: Committee, on: date, *, lock: bool) -> tuple[Meeting, bool]:
    """The committee's meeting on that date (its row locked if asked), or a new unsaved one; and whether it is new."""
    meetings = Meeting.objects.filter(committee=committee, date=on)
    meeting = (meetings.select_for_update() if lock else meetings).first()
    if meeting is None:
        return Meeting(committee=committee, date=on), True
    return meeting, False


def update_meeting(run: ImportRun, minutes: Minutes) -> None:
    """Write the minutes' time, place and participants to the meeting, with a source for a new one."""
    meeting, created = run.result.meeting, run.result.meeting_created
    values = {
        "start_time": minutes.start_time,
        "end_time": minutes.end_time,
        "place": minutes.place,
        "state": Meeting.State.HELD,
        "other_participants": minutes.others_text,
        "other_information": minutes.other_information,
    }
    if run.publish:
        values["is_published"] = True
    changed = set_values(meeting, values)
    if meeting.source_id is None:
        if run.write:
            meeting.source = Source.objects.create(document_title=run.source_title, locator=MEETING_LOCATOR)
        changed += ("source",)
    clean(meeting, _("Mødet"), validate_unique=False)
    if created or changed:
        run.save(meeting)
    run.report(Change("meeting", str(meeting), action(created, changed), changed))
