"""`manage.py import_minutes FILE --committee SLUG`: build or update a meeting from its minutes."""

import io
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, OperationalError

from meetings.importing import (
    CONCURRENT_IMPORT_MESSAGE,
    CREATED,
    KEPT,
    REMOVED,
    UNCHANGED,
    UPDATED,
    MinutesFile,
    import_minutes,
    preview_minutes,
    read_minutes,
)
from meetings.minutes import MinutesParseError
from meetings.models import Committee


class Command(BaseCommand):
    help = "Importerer et referat (.txt/.md eller .pdf) som et møde i udvalget. Samme referat to gange opdaterer."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Referatet som tekst (.txt/.md) eller PDF.")
        parser.add_argument("--committee", required=True, help="Udvalgets kortnavn (slug).")
        parser.add_argument("--dry-run", action="store_true", help="Vis hvad der ville ske; gem intet.")
        parser.add_argument("--link-trials", action="store_true", help="Knyt punkterne til de forsøg, de nævner.")
        parser.add_argument("--publish", action="store_true", help="Offentliggør mødet og bilagene.")

    def handle(self, *args, file, committee, dry_run, link_trials, publish, **options):
        try:
            committee_obj = Committee.objects.select_related("municipality").get(slug=committee)
        except Committee.DoesNotExist:
            known = ", ".join(Committee.objects.values_list("slug", flat=True)) or "ingen"
            raise CommandError(f"Udvalget '{committee}' findes ikke (kendte udvalg: {known}).") from None
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Filen '{file}' kan ikke læses: {error.strerror or error}") from None
        try:
            minutes = read_minutes(data)
            # The file itself becomes the meeting's source document (if a PDF).
            source_file = MinutesFile(name=path.name, file=File(io.BytesIO(data), name=path.name))
            if dry_run:
                result = preview_minutes(
                    minutes=minutes, committee=committee_obj, publish=publish, source_file=source_file
                )
            else:
                result = import_minutes(
                    minutes=minutes,
                    committee=committee_obj,
                    link_trials=link_trials,
                    publish=publish,
                    source_file=source_file,
                )
        except MinutesParseError as error:
            raise CommandError(f"{path.name}: {error}") from None
        except (IntegrityError, OperationalError):
            # Another import of the same minutes collided with this one; nothing of this one is saved.
            raise CommandError(f"{path.name}: {CONCURRENT_IMPORT_MESSAGE}") from None
        self.stdout.write(self.summary(result, dry_run, link_trials, minutes))

    def summary(self, result, dry_run, link_trials, minutes=None) -> str:
        meeting = result.meeting
        verb = {
            CREATED: "oprettes" if dry_run else "oprettet",
            UPDATED: "opdateres" if dry_run else "opdateret",
            UNCHANGED: "uændret",
        }
        meeting_change = result.changes_for("meeting")[0]
        lines = [
            ("Prøvekørsel – intet er gemt." if dry_run else "Referatet er importeret."),
            f"Møde: {meeting} ({verb[meeting_change.action]})",
        ]
        if minutes is not None and minutes.layout:
            lines.insert(1, f"Opsætning: {minutes.layout}")
        if meeting.start_time:
            end = f"–{meeting.end_time:%H.%M}" if meeting.end_time else ""
            lines.append(f"  Tid: kl. {meeting.start_time:%H.%M}{end}")
        if meeting.place:
            lines.append(f"  Sted: {meeting.place}")
        people = result.changes_for("attendance")
        lines.append(f"Deltagere: {len(people)}")
        items = [c for c in result.changes_for("item") if c.action not in (REMOVED, KEPT)]
        lines.append(f"Punkter i behandlet rækkefølge: {len(items)}")
        for position, change in enumerate(items, 1):
            fields = f" [{', '.join(change.fields)}]" if change.fields else ""
            closed = " [LUKKET]" if change.is_closed else ""
            lines.append(f"  {position:>3}. {change.label}{closed} – {change.action_label}{fields}")
        for change in result.changes:
            if change.action in (REMOVED, KEPT):
                lines.append(f"  {change.model}: {change.label} – {change.action_label}")
        counts = []
        for model, name in (("attachment", "bilag"), ("attendance", "deltagere"), ("item", "punkter")):
            made = result.count(model, CREATED)
            changed = result.count(model, UPDATED)
            counts.append(f"{name}: {made} nye, {changed} ændrede")
        lines.append("I alt: " + "; ".join(counts))
        for change in result.changes_for("source_file"):
            lines.append(f"Referatfil som mødets dokument: {change.label} – {change.action_label}")
        if minutes is not None and minutes.unplaced:
            lines.append("Kunne ikke placeres:")
            lines += [f"  - {line}" for line in minutes.unplaced]
        if result.warnings:
            lines.append("Advarsler:")
            lines += [f"  - {w}" for w in result.warnings]
        if result.suggestions:
            lines.append("Forsøg nævnt i punkterne" + (":" if link_trials else " (knyt dem med --link-trials):"))
            for s in result.suggestions:
                state = "allerede knyttet" if s.already_linked else ("knyttet" if s in result.linked else "forslag")
                lines.append(f"  Punkt {s.item_number}: {s.trial.title} ({state})")
        return "\n".join(lines)
