"""The OParl 1.1 objects: which public records each is made of, and what it shows.

Every record is read through the public querysets (Meeting.objects.public(), AgendaItem.objects.public(),
Document.objects.downloadable()), so drafts are absent and a closed item shows its name and number only.

Mapping (docs/oparl.md says why):
- Body: a municipality (Municipality);
- Organization: a committee (Committee), a network under its lead municipality's body (Network), and
  the network's own bodies (OrganisationBody) under the network;
- Person: a name as the minutes of the municipality's public meetings write it (Attendance.name);
  Membership: a person's place in a committee with a role, as the minutes give it;
- Meeting, AgendaItem; Paper: a case number (AgendaItem.case_number) of an open item, with one
  Consultation per item that treats it; File: a downloadable document of a meeting or an item;
  Location: a meeting's place.
"""

import datetime

from django.conf import settings
from django.db.models import Case, F, Max, Min, Prefetch, Q, When
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Attendance, Committee, Document, Meeting
from trials.models import Municipality, Network, OrganisationBody, Trial

SCHEMA = "https://schema.oparl.org/1.1/"

# Attendance kinds that make a person a member of the committee (the others are "øvrige deltagere").
MEMBER_KINDS = (Attendance.Kind.PRESENT, Attendance.Kind.APOLOGIES)
# Attendance kinds that took part in the meeting (Meeting.participant).
PARTICIPANT_KINDS = (Attendance.Kind.PRESENT, Attendance.Kind.OTHER)


def oparl_type(name):
    return SCHEMA + name


def timestamp(value):
    """An OParl date-time: ISO 8601 with the offset, in Danish time."""
    return timezone.localtime(value).isoformat(timespec="seconds")


class Links:
    """Absolute URLs of the OParl objects, for one request."""

    def __init__(self, request):
        self.request = request

    def url(self, url_name, **kwargs):
        return self.request.build_absolute_uri(reverse(f"oparl:{url_name}", kwargs=kwargs))

    def page(self, path):
        return self.request.build_absolute_uri(path)

    def system(self):
        return self.url("system")

    def body(self, slug):
        return self.url("body", body=slug)

    def body_list(self, slug, kind):
        return self.url("body-objects", body=slug, kind=kind)

    def committee(self, slug):
        return self.url("committee", slug=slug)

    def network(self, slug):
        return self.url("network", slug=slug)

    def group(self, pk):
        return self.url("group", pk=pk)

    def person(self, body, name):
        return self.url("person", body=body, name=name)

    def membership(self, pk):
        return self.url("membership", pk=pk)

    def meeting(self, pk):
        return self.url("meeting", pk=pk)

    def agenda_item(self, pk):
        return self.url("agenda-item", pk=pk)

    def paper(self, body, reference):
        return self.url("paper", body=body, reference=reference)

    def consultation(self, pk):
        return self.url("consultation", pk=pk)

    def file(self, pk):
        return self.url("file", pk=pk)

    def location(self, pk):
        return self.url("location", pk=pk)

    def download(self, pk):
        return self.page(reverse("meetings:document_download", kwargs={"pk": pk}))


def stamps(created, modified):
    return {"created": timestamp(created), "modified": timestamp(modified)}


# --- The records behind each object type, public only. ---


def municipality_of(body):
    """Filter for records of the body's committees, by the municipality's slug."""
    return {"committee__municipality__slug": body}


def public_meetings(body=None):
    meetings = Meeting.objects.public()
    return meetings.filter(**municipality_of(body)) if body else meetings


def is_file(document):
    """Whether a (public) document is an OParl File: its file is public and the download view serves it."""
    return document.is_downloadable and bool(document.mime_type)


def files(body=None):
    """The downloadable documents of public meetings and open items: the OParl Files."""
    documents = Document.objects.downloadable().exclude(mime_type="")
    if body is None:
        return documents.filter(Q(meeting__isnull=False) | Q(agenda_item__isnull=False))
    return documents.filter(
        Q(meeting__committee__municipality__slug=body) | Q(agenda_item__meeting__committee__municipality__slug=body)
    )


def meetings_with_contents(body=None):
    """Public meetings with what a Meeting object embeds: items, files, participants, its committee."""
    return (
        public_meetings(body)
        .select_related("committee__municipality")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.public()
                .prefetch_related(None)
                .prefetch_related(Prefetch("attachments", queryset=files().order_by("position", "title", "pk")))
                .order_by("position", "pk"),
            ),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.filter(kind__in=PARTICIPANT_KINDS).only("meeting", "name", "kind"),
                to_attr="participants",
            ),
            Prefetch(
                "documents",
                queryset=files().filter(agenda_item__isnull=True).order_by("position", "title", "pk"),
                to_attr="files",
            ),
        )
    )


def agenda_items():
    """Public agenda items with their attachments that are Files, and the times they show (a closed one: its
    meeting's, see agenda_item_object) as shown_created and shown_modified, for the filters."""
    return (
        AgendaItem.objects.public()
        .select_related("meeting")
        .prefetch_related(None)
        .prefetch_related(Prefetch("attachments", queryset=files().order_by("position", "title", "pk")))
        .annotate(
            shown_created=Case(When(is_closed=True, then=F("meeting__created")), default=F("created")),
            shown_modified=Case(When(is_closed=True, then=F("meeting__modified")), default=F("modified")),
        )
    )


def public_attendances(body=None):
    attendances = Attendance.objects.filter(meeting__in=Meeting.objects.public())
    return (
        attendances.filter(**{f"meeting__{key}": value for key, value in municipality_of(body).items()})
        if body
        else attendances
    )


def persons(body):
    """The names of the body's public minutes, one row each: name, first_created, last_modified."""
    return (
        public_attendances(body)
        .values("name")
        .annotate(
            first_created=Min("created"),
            last_modified=Max(Greatest("modified", "meeting__modified")),
        )
        .order_by("name")
    )


def memberships(body=None):
    """A person's place in a committee with a role, one row each, named by its first attendance (first_pk)."""
    return (
        public_attendances(body)
        .filter(kind__in=MEMBER_KINDS)
        .values("name", "role", "meeting__committee__slug", "meeting__committee__municipality__slug")
        .annotate(
            first_pk=Min("pk"),
            first_created=Min("created"),
            last_modified=Max(Greatest("modified", "meeting__modified")),
        )
        .order_by("first_pk")
    )


def open_items(body=None):
    items = AgendaItem.objects.public().open().prefetch_related(None)
    return items.filter(**{f"meeting__{key}": value for key, value in municipality_of(body).items()}) if body else items


def consultations(body=None):
    """Open public items with a case number: each treats its Paper once."""
    return open_items(body).exclude(case_number="").select_related("meeting__committee__municipality").order_by("pk")


def papers(body):
    """The case numbers of the body's open public items, one row each: case_number, first_created, last_modified."""
    return (
        open_items(body)
        .exclude(case_number="")
        .values("case_number")
        .annotate(
            first_created=Min("created"),
            last_modified=Max(Greatest("modified", "meeting__modified")),
        )
        .order_by("case_number")
    )


def networks(body=None):
    found = Network.objects.select_related("lead_municipality")
    return found.filter(lead_municipality__slug=body) if body else found


def groups(body=None):
    """The networks' own bodies (styregruppe, arbejdsgrupper …), with their trial only when it is published."""
    found = OrganisationBody.objects.select_related("network__lead_municipality").prefetch_related(
        Prefetch("trial", queryset=Trial.objects.public())
    )
    return found.filter(network__lead_municipality__slug=body) if body else found


def committees(body=None):
    found = Committee.objects.select_related("municipality")
    return found.filter(municipality__slug=body) if body else found


def locations(body=None):
    return public_meetings(body).exclude(place="").select_related("committee__municipality")


# --- What each object shows. ---


def system_object(links):
    return {
        "id": links.system(),
        "type": oparl_type("System"),
        "oparlVersion": SCHEMA,
        "name": "Frikommuneportalen",
        "body": links.url("body-list"),
        "website": links.page("/"),
        "web": links.page(reverse("open_data")),
        "product": links.page(reverse("open_data")),
        "license": settings.OPEN_DATA_LICENSE_URL,
    }


BODY_LISTS = {
    "organization": "organization",
    "person": "person",
    "meeting": "meeting",
    "paper": "paper",
    "agendaItem": "agenda-item",
    "consultation": "consultation",
    "file": "file",
    "locationList": "location",
    "legislativeTermList": "legislative-term",
    "membership": "membership",
}


def body_object(links, municipality):
    return {
        "id": links.body(municipality.slug),
        "type": oparl_type("Body"),
        "system": links.system(),
        "name": f"{municipality.name} Kommune",
        "shortName": municipality.name,
        "classification": "Kommune",
        **{prop: links.body_list(municipality.slug, kind) for prop, kind in BODY_LISTS.items()},
        "legislativeTerm": [],
        "web": links.page(municipality.get_absolute_url()),
        **stamps(municipality.created, municipality.modified),
    }


def committee_object(links, committee, membership_ids=()):
    data = {
        "id": links.committee(committee.slug),
        "type": oparl_type("Organization"),
        "body": links.body(committee.municipality.slug),
        "name": committee.name,
        "organizationType": "Gremium",
        "classification": "Udvalg",
        "membership": [links.membership(pk) for pk in membership_ids],
        "meeting": links.url("committee-meetings", slug=committee.slug),
        "web": links.page(committee.get_absolute_url()),
        **stamps(committee.created, committee.modified),
    }
    if committee.abbreviation:
        data["shortName"] = committee.abbreviation
    return data


def network_object(links, network):
    return {
        "id": links.network(network.slug),
        "type": oparl_type("Organization"),
        "body": links.body(network.lead_municipality.slug),
        "name": network.name,
        "organizationType": "Sonstiges",
        "classification": "Frikommunenetværk",
        "web": links.page(network.get_absolute_url()),
        **stamps(network.created, network.modified),
    }


def group_object(links, group):
    name = group.get_role_display()
    if group.trial is not None:
        name = f"{name}: {group.trial.title}"
    return {
        "id": links.group(group.pk),
        "type": oparl_type("Organization"),
        "body": links.body(group.network.lead_municipality.slug),
        "name": name,
        "organizationType": "Sonstiges",
        "classification": str(group.get_role_display()),
        "subOrganizationOf": links.network(group.network.slug),
        "web": links.page(reverse("trials:organisation")),
        **stamps(group.created, group.modified),
    }


def membership_object(links, row, embedded=False):
    data = {
        "id": links.membership(row["first_pk"]),
        "type": oparl_type("Membership"),
        "organization": links.committee(row["meeting__committee__slug"]),
        **stamps(row["first_created"], row["last_modified"]),
    }
    if not embedded:
        data["person"] = links.person(row["meeting__committee__municipality__slug"], row["name"])
    if row["role"]:
        data["role"] = row["role"]
    return data


def person_object(links, body, row, membership_rows=()):
    return {
        "id": links.person(body, row["name"]),
        "type": oparl_type("Person"),
        "body": links.body(body),
        "name": row["name"],
        "membership": [membership_object(links, membership, embedded=True) for membership in membership_rows],
        **stamps(row["first_created"], row["last_modified"]),
    }


def local_datetime(date, time):
    return timezone.make_aware(datetime.datetime.combine(date, time)).isoformat(timespec="seconds")


def location_object(links, meeting, embedded=False):
    data = {
        "id": links.location(meeting.pk),
        "type": oparl_type("Location"),
        "description": meeting.place,
        **stamps(meeting.created, meeting.modified),
    }
    if not embedded:
        data["meeting"] = [links.meeting(meeting.pk)]
    return data


def file_object(links, document, embedded=False):
    download = links.download(document.pk)
    data = {
        "id": links.file(document.pk),
        "type": oparl_type("File"),
        "name": document.title,
        "fileName": document.original_name or document.file.name.rsplit("/", 1)[-1],
        "mimeType": document.mime_type,
        "accessUrl": download,
        "downloadUrl": download,
        **stamps(document.created, document.modified),
    }
    if document.size is not None:
        data["size"] = document.size
    if document.sha512:
        data["sha512Checksum"] = document.sha512
    if document.date:
        data["date"] = document.date.isoformat()
    if not embedded:
        if document.meeting_id:
            data["meeting"] = [links.meeting(document.meeting_id)]
        if document.agenda_item_id:
            data["agendaItem"] = [links.agenda_item(document.agenda_item_id)]
    return data


def agenda_item_object(links, item, meeting, embedded=False):
    """An agenda item; a closed one ("lukket") is `public: false` with its name and number, nothing else.

    The public view of a closed item keeps its own times from the public too (AgendaItem.withheld_fields),
    so it carries its meeting's, which move with every change to the meeting's items.
    """
    shown = meeting if item.is_closed else item
    data = {
        "id": links.agenda_item(item.pk),
        "type": oparl_type("AgendaItem"),
        "number": str(item.number),
        "name": item.title,
        "public": not item.is_closed,
        **stamps(shown.created, shown.modified),
    }
    if not embedded:
        data["meeting"] = links.meeting(item.meeting_id)
    if item.is_closed:
        return data
    data["order"] = item.position
    if item.case_number:
        data["consultation"] = links.consultation(item.pk)
    if item.decision:
        data["resolutionText"] = item.decision
    attachments = [document for document in item.attachments.all() if is_file(document)]
    if attachments:
        data["auxiliaryFile"] = [file_object(links, document, embedded=True) for document in attachments]
    return data


def meeting_object(links, meeting):
    body = meeting.committee.municipality.slug
    data = {
        "id": links.meeting(meeting.pk),
        "type": oparl_type("Meeting"),
        "name": str(meeting),
        "meetingState": meeting.state,
        "cancelled": meeting.state == Meeting.State.CANCELLED,
        "organization": [links.committee(meeting.committee.slug)],
        "participant": [links.person(body, attendance.name) for attendance in meeting.participants],
        "agendaItem": [agenda_item_object(links, item, meeting, embedded=True) for item in meeting.agenda_items.all()],
        "web": links.page(meeting.get_absolute_url()),
        **stamps(meeting.created, meeting.modified),
    }
    if meeting.start_time:
        data["start"] = local_datetime(meeting.date, meeting.start_time)
    if meeting.end_time:
        data["end"] = local_datetime(meeting.date, meeting.end_time)
    if meeting.place:
        data["location"] = location_object(links, meeting, embedded=True)
    minutes = [document for document in meeting.files if document.kind == Document.Kind.MINUTES]
    others = [document for document in meeting.files if document.kind != Document.Kind.MINUTES]
    if minutes:
        data["resultsProtocol"] = file_object(links, minutes[0], embedded=True)
        others = minutes[1:] + others
    if others:
        data["auxiliaryFile"] = [file_object(links, document, embedded=True) for document in others]
    return data


def consultation_object(links, item, embedded=False):
    committee = item.meeting.committee
    data = {
        "id": links.consultation(item.pk),
        "type": oparl_type("Consultation"),
        "agendaItem": links.agenda_item(item.pk),
        "meeting": links.meeting(item.meeting_id),
        "organization": [links.committee(committee.slug)],
        **stamps(item.created, item.modified),
    }
    if not embedded:
        data["paper"] = links.paper(committee.municipality.slug, item.case_number)
    return data


def paper_object(links, body, row, items):
    """A case (sag) by its number, named by the first item that treated it, with a consultation per item."""
    return {
        "id": links.paper(body, row["case_number"]),
        "type": oparl_type("Paper"),
        "body": links.body(body),
        "name": items[0].title,
        "reference": row["case_number"],
        "consultation": [consultation_object(links, item, embedded=True) for item in items],
        **stamps(row["first_created"], row["last_modified"]),
    }


def items_by_case(body, case_numbers):
    """The open public items of the body that treat these case numbers, in meeting order, by case number."""
    found = {}
    items = consultations(body).filter(case_number__in=case_numbers).order_by("meeting__date", "position", "pk")
    for item in items:
        found.setdefault(item.case_number, []).append(item)
    return found


def memberships_by_committee(slugs):
    found = {}
    for row in memberships().filter(meeting__committee__slug__in=slugs):
        found.setdefault(row["meeting__committee__slug"], []).append(row["first_pk"])
    return found


def memberships_by_name(body, names):
    found = {}
    for row in memberships(body).filter(name__in=names):
        found.setdefault(row["name"], []).append(row)
    return found


def body_exists(slug):
    return Municipality.objects.filter(slug=slug).exists()
