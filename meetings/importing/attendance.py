"""Who attended: an Attendance per person in the minutes' meeting block, matched by name.

Attendances keep no history of their own, so one no longer in the minutes is removed only when its
meeting was last saved by an import; otherwise it is kept with a warning.
"""

from __future__ import annotations

from ..minutes import Minutes
from ..models import AgendaItem, Attendance
from .result import KEPT, REMOVED, Change, action
from .saving import ImportRun, clean, set_values


def import_attendance(
    run: ImportRun, minutes: Minutes, items: dict[int, AgendaItem], *, meeting_was_imported: bool
) -> None:
    """Create or update the attendances in the minutes; remove or keep those no longer in them."""
    meeting = run.result.meeting
    existing = {a.name: a for a in meeting.attendances.all()} if not run.result.meeting_created else {}
    seen = set()
    for row in attendance_rows(minutes):
        if row["name"] in seen:
            run.warn(f"{row['name']} står flere gange i mødeblokken; kun første forekomst gemmes")
            continue
        seen.add(row["name"])
        import_person(run, row, existing.get(row["name"]), items)
    for name, person in existing.items():
        if name in seen:
            continue
        if meeting_was_imported:
            run.delete(person)
            run.report(Change("attendance", str(person), REMOVED))
        else:
            run.warn(f"{name} står ikke i referatets mødeblok, men er bevaret (tilføjet eller ændret i hånden)")
            run.report(Change("attendance", str(person), KEPT))


def attendance_rows(minutes: Minutes) -> list[dict]:
    """The people of the meeting block in order: present, apologies, then the other participants."""
    rows = []
    for kind, names in ((Attendance.Kind.PRESENT, minutes.present), (Attendance.Kind.APOLOGIES, minutes.apologies)):
        rows += [
            {"name": n, "kind": kind, "role": "", "only_item": None, "position": i} for i, n in enumerate(names, 1)
        ]
    rows += [
        {"name": a.name, "kind": Attendance.Kind.OTHER, "role": a.role, "only_item": a.only_item, "position": i}
        for i, a in enumerate(minutes.others, 1)
    ]
    return rows


def import_person(run: ImportRun, row: dict, person: Attendance | None, items: dict[int, AgendaItem]) -> None:
    """Create or update one person's attendance, linked to the item they attended only (if any)."""
    only = row["only_item"]
    agenda_item = items.get(only) if only else None
    if only and agenda_item is None:
        run.warn(f"{row['name']} deltager under punkt {only}, som ikke står i referatet")
    is_new = person is None
    if is_new:
        person = Attendance(meeting=run.result.meeting, name=row["name"])
    changed = set_values(
        person,
        {
            "kind": row["kind"],
            "role": row["role"],
            "position": row["position"],
            "agenda_item_id": agenda_item.pk if agenda_item else None,
        },
    )
    if not is_new and agenda_item is not None and agenda_item.pk is None and "agenda_item_id" not in changed:
        changed += ("agenda_item_id",)  # a preview: the item is new, so the link will change
    clean(person, row["name"], exclude=["meeting", "agenda_item"], validate_unique=False, validate_constraints=False)
    if is_new or changed:
        run.save(person)
    label = f"{row['name']} ({person.get_kind_display()})"
    run.report(Change("attendance", label, action(is_new, changed), () if is_new else changed))
