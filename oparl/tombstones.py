"""Tombstones: an OParl object that harvesters have seen and that is no longer public leaves a DeletedObject.

Around each change that can take objects out of the public (a save or delete of a meeting, an agenda
item, an attendance or a document), `Change` asks which of the affected OParl objects are public
before and after; those gone get a tombstone, those back lose theirs. Objects never public leave
nothing, so a draft's existence is not told.
"""

from django.db.models import Min, Q
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Attendance, Document, Meeting

from . import objects
from .models import DeletedObject


def path(url_name, **kwargs):
    return reverse(f"oparl:{url_name}", kwargs=kwargs)


def by_body(pairs):
    grouped = {}
    for body, key in pairs:
        grouped.setdefault(body, set()).add(key)
    return grouped


class Candidates:
    """The main OParl objects (Meeting, File, Person, Paper) a change may touch, by their records' keys."""

    def __init__(self, meetings=(), documents=(), persons=(), papers=()):
        self.meetings = set(meetings)
        self.documents = set(documents)
        self.persons = set(persons)  # (municipality slug, name)
        self.papers = set(papers)  # (municipality slug, case number)

    @classmethod
    def of_meetings(cls, meeting_ids):
        items = AgendaItem.objects.filter(meeting__in=meeting_ids)
        return cls(
            meetings=meeting_ids,
            documents=Document.objects.filter(
                Q(meeting__in=meeting_ids) | Q(agenda_item__meeting__in=meeting_ids)
            ).values_list("pk", flat=True),
            persons=Attendance.objects.filter(meeting__in=meeting_ids).values_list(
                "meeting__committee__municipality__slug", "name"
            ),
            papers=items.exclude(case_number="").values_list("meeting__committee__municipality__slug", "case_number"),
        )

    @classmethod
    def of_item(cls, item):
        return cls(
            documents=item.attachments.values_list("pk", flat=True) if item.pk else (),
            papers=AgendaItem.objects.filter(pk=item.pk)
            .exclude(case_number="")
            .values_list("meeting__committee__municipality__slug", "case_number"),
        )

    def public(self):
        """{path: (body slug, created)} of the candidates that are public now."""
        found = {}
        for pk, body, created in (
            Meeting.objects.public()
            .filter(pk__in=self.meetings)
            .values_list("pk", "committee__municipality__slug", "created")
        ):
            found[path("meeting", pk=pk)] = (body, created)
        if self.documents:
            for pk, meeting_body, item_body, created in (
                objects.files()
                .filter(pk__in=self.documents)
                .values_list(
                    "pk",
                    "meeting__committee__municipality__slug",
                    "agenda_item__meeting__committee__municipality__slug",
                    "created",
                )
            ):
                found[path("file", pk=pk)] = (meeting_body or item_body, created)
        for body, names in by_body(self.persons).items():
            rows = objects.public_attendances(body).filter(name__in=names).values("name").annotate(first=Min("created"))
            for row in rows:
                found[path("person", body=body, name=row["name"])] = (body, row["first"])
        for body, numbers in by_body(self.papers).items():
            rows = (
                objects.open_items(body)
                .filter(case_number__in=numbers)
                .values("case_number")
                .annotate(first=Min("created"))
            )
            for row in rows:
                found[path("paper", body=body, reference=row["case_number"])] = (body, row["first"])
        return found


KINDS = {
    "meeting": DeletedObject.Kind.MEETING,
    "file": DeletedObject.Kind.FILE,
    "person": DeletedObject.Kind.PERSON,
    "paper": DeletedObject.Kind.PAPER,
}


def kind_of(object_path):
    return KINDS[object_path.removeprefix(reverse("oparl:system")).split("/", 1)[0]]


class Change:
    """Public before, public after: tombstones for what went, none for what came back."""

    def __init__(self, candidates):
        self.candidates = candidates
        self.before = candidates.public()

    def done(self):
        after = self.candidates.public()
        now = timezone.now()
        for gone, (body, created) in self.before.items():
            if gone not in after:
                DeletedObject.objects.update_or_create(
                    path=gone,
                    defaults={"kind": kind_of(gone), "body": body, "created": created, "deleted_at": now},
                )
        if after:
            DeletedObject.objects.filter(path__in=after).delete()


def bury(kind, object_path, body, created):
    """A tombstone for an object deleted outright (a committee, a network, a municipality …)."""
    DeletedObject.objects.update_or_create(
        path=object_path, defaults={"kind": kind, "body": body, "created": created, "deleted_at": timezone.now()}
    )
