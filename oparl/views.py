"""/api/oparl/: the System, its Bodies, their external lists and every object at its own address.

Read-only JSON through Django REST framework's plain APIView (no session, throttled per client like
/api/v1/, errors as JSON), left out of /api/v1/'s OpenAPI schema. Each list asks a fixed number of
queries whatever its size: a count and a slice per part, and one query per page for what its objects
embed.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from meetings.models import Committee

from . import objects
from .models import DeletedObject

# OParl recommends pages for lists over 100 entries; a client may ask for fewer (?elementsPerPage=).
PAGE_SIZE = 100
FILTERS = {
    "created_since": ("created", "gte"),
    "created_until": ("created", "lte"),
    "modified_since": ("modified", "gte"),
    "modified_until": ("modified", "lte"),
}


def read_filters(request):
    """The list filters as {parameter: aware datetime}.

    A value that is not an ISO 8601 date-time with an offset is a 400 with a message.
    """
    found = {}
    for name in FILTERS:
        value = request.query_params.get(name)
        if value is None:
            continue
        # An unencoded "+" in the offset arrives as a space.
        try:
            moment = parse_datetime(value.strip().replace(" ", "+"))
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise ValidationError(
                {
                    name: [
                        "Expected an ISO 8601 date-time with a time zone offset, "
                        f"e.g. 2018-01-23T00:00:00+01:00; got {value!r}."
                    ]
                }
            )
        found[name] = moment
    return found


class Part:
    """One queryset of a list: its rows are filtered by their created/modified fields, counted and sliced."""

    def __init__(self, queryset, render, created="created", modified="modified", attach=None):
        self.queryset = queryset
        self.render = render
        self.created = created
        self.modified = modified
        self.attach = attach  # rows -> context for render(row, context), one query per page

    def filtered(self, filters):
        conditions = {}
        for name, moment in filters.items():
            field, lookup = FILTERS[name]
            conditions[f"{getattr(self, field)}__{lookup}"] = moment
        return Part(self.queryset.filter(**conditions), self.render, self.created, self.modified, self.attach)

    def rows(self, start, stop):
        rows = list(self.queryset[start:stop])
        context = self.attach(rows) if self.attach and rows else None
        return [self.render(row, context) for row in rows]


def tombstone_part(links, kinds, body, filters):
    """The list's deleted objects, only when the client asks what changed since (modified_since)."""
    if "modified_since" not in filters:
        return None
    tombs = DeletedObject.objects.filter(kind__in=kinds, body=body).order_by("deleted_at", "pk")

    def render(tomb, context):
        return {
            "id": links.page(tomb.path),
            "type": objects.oparl_type(tomb.kind),
            "deleted": True,
            **objects.stamps(tomb.created, tomb.deleted_at),
        }

    return Part(tombs, render, modified="deleted_at").filtered(filters)


class OparlView(APIView):
    schema = None  # not part of /api/v1/'s OpenAPI schema

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # No id holds a NUL character, and PostgreSQL refuses one in a query parameter (a 500 otherwise).
        if any("\x00" in str(value) for value in kwargs.values()):
            raise NotFound("No such object.")


class ListView(OparlView):
    """An OParl external list: its parts one after the other, paginated (data, pagination, links)."""

    def parts(self, request, links, filters, **kwargs):
        raise NotImplementedError

    def get(self, request, **kwargs):
        links = objects.Links(request)
        filters = read_filters(request)
        parts = [part for part in self.parts(request, links, filters, **kwargs) if part is not None]
        size = self.page_size(request)
        number = self.page_number(request)
        counts = [part.queryset.count() for part in parts]
        total = sum(counts)
        pages = max(1, -(-total // size))
        if number > pages:
            raise NotFound("No such page.")
        start, stop = (number - 1) * size, number * size
        data, offset = [], 0
        for part, count in zip(parts, counts, strict=True):
            low, high = max(start - offset, 0), min(stop - offset, count)
            if low < high:
                data += part.rows(low, high)
            offset += count
        return Response(
            {
                "data": data,
                "pagination": {
                    "totalElements": total,
                    "elementsPerPage": size,
                    "currentPage": number,
                    "totalPages": pages,
                },
                "links": self.links(request, number, pages),
            }
        )

    def page_size(self, request):
        value = request.query_params.get("elementsPerPage")
        if value is None:
            return PAGE_SIZE
        if not (value.isascii() and value.isdigit()) or int(value) < 1:
            raise ValidationError({"elementsPerPage": ["A whole number from 1 (at most 100 are given)."]})
        return min(int(value), PAGE_SIZE)

    def page_number(self, request):
        value = request.query_params.get("page", "1")
        if not (value.isascii() and value.isdigit()) or int(value) < 1:
            raise ValidationError({"page": ["A whole number from 1."]})
        return int(value)

    def links(self, request, number, pages):
        params = {key: value for key, value in request.query_params.items() if key != "page"}

        def page(n):
            query = urlencode({**params, "page": n} if n > 1 else params)
            return request.build_absolute_uri(request.path + (f"?{query}" if query else ""))

        found = {"first": page(1), "self": page(number), "last": page(pages)}
        if number > 1:
            found["prev"] = page(number - 1)
        if number < pages:
            found["next"] = page(number + 1)
        return found


class ObjectView(OparlView):
    """One object at its address; one that was public and is gone answers as deleted (a tombstone)."""

    url_name = None

    def find(self, links, **kwargs):
        """The object's data, or None."""
        raise NotImplementedError

    def get(self, request, **kwargs):
        links = objects.Links(request)
        data = self.find(links, **kwargs)
        if data is not None:
            return Response(data)
        try:
            path = reverse(f"oparl:{self.url_name}", kwargs=kwargs)
        except Exception as error:  # noqa: BLE001 (a key no object can have)
            raise NotFound() from error
        tomb = DeletedObject.objects.filter(path=path).first()
        if tomb is None:
            raise NotFound()
        return Response(
            {
                "id": links.page(tomb.path),
                "type": objects.oparl_type(tomb.kind),
                "deleted": True,
                **objects.stamps(tomb.created, tomb.deleted_at),
            }
        )


def whole_number(value):
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise NotFound()
    return int(value)


class SystemView(OparlView):
    def get(self, request):
        return Response(objects.system_object(objects.Links(request)))


class BodyListView(ListView):
    def parts(self, request, links, filters):
        bodies = objects.Municipality.objects.order_by("pk")
        yield Part(bodies, lambda municipality, context: objects.body_object(links, municipality)).filtered(filters)
        yield tombstone_part(links, [DeletedObject.Kind.BODY], "", filters)


class BodyView(ObjectView):
    url_name = "body"

    def find(self, links, body):
        municipality = objects.Municipality.objects.filter(slug=body).first()
        return municipality and objects.body_object(links, municipality)


def meeting_part(links, meetings):
    return Part(meetings.order_by("pk"), lambda meeting, context: objects.meeting_object(links, meeting))


class BodyObjectListView(ListView):
    """The body's lists: organization, person, meeting, paper, agenda-item, consultation, file, location, …"""

    def parts(self, request, links, filters, body, kind):
        if kind not in objects.BODY_LISTS.values():
            raise NotFound()
        if not objects.body_exists(body):
            raise NotFound()
        return [*getattr(self, kind.replace("-", "_"))(links, body, filters)]

    def organization(self, links, body, filters):
        def attach(committees):
            return objects.memberships_by_committee([committee.slug for committee in committees])

        yield Part(
            objects.committees(body).order_by("pk"),
            lambda committee, memberships: objects.committee_object(
                links, committee, memberships.get(committee.slug, [])
            ),
            attach=attach,
        ).filtered(filters)
        yield Part(
            objects.networks(body).order_by("pk"), lambda network, _: objects.network_object(links, network)
        ).filtered(filters)
        yield Part(objects.groups(body).order_by("pk"), lambda group, _: objects.group_object(links, group)).filtered(
            filters
        )
        yield tombstone_part(links, [DeletedObject.Kind.ORGANIZATION], body, filters)

    def person(self, links, body, filters):
        def attach(rows):
            return objects.memberships_by_name(body, [row["name"] for row in rows])

        yield Part(
            objects.persons(body),
            lambda row, memberships: objects.person_object(links, body, row, memberships.get(row["name"], [])),
            created="first_created",
            modified="last_modified",
            attach=attach,
        ).filtered(filters)
        yield tombstone_part(links, [DeletedObject.Kind.PERSON], body, filters)

    def membership(self, links, body, filters):
        yield Part(
            objects.memberships(body),
            lambda row, _: objects.membership_object(links, row),
            created="first_created",
            modified="last_modified",
        ).filtered(filters)

    def meeting(self, links, body, filters):
        yield meeting_part(links, objects.meetings_with_contents(body)).filtered(filters)
        yield tombstone_part(links, [DeletedObject.Kind.MEETING], body, filters)

    def agenda_item(self, links, body, filters):
        yield Part(
            objects.agenda_items().filter(meeting__committee__municipality__slug=body).order_by("pk"),
            lambda item, _: objects.agenda_item_object(links, item, item.meeting),
            created="shown_created",
            modified="shown_modified",
        ).filtered(filters)

    def paper(self, links, body, filters):
        def attach(rows):
            return objects.items_by_case(body, [row["case_number"] for row in rows])

        yield Part(
            objects.papers(body),
            lambda row, items: objects.paper_object(links, body, row, items[row["case_number"]]),
            created="first_created",
            modified="last_modified",
            attach=attach,
        ).filtered(filters)
        yield tombstone_part(links, [DeletedObject.Kind.PAPER], body, filters)

    def consultation(self, links, body, filters):
        yield Part(objects.consultations(body), lambda item, _: objects.consultation_object(links, item)).filtered(
            filters
        )

    def file(self, links, body, filters):
        yield Part(
            objects.files(body).order_by("pk"), lambda document, _: objects.file_object(links, document)
        ).filtered(filters)
        yield tombstone_part(links, [DeletedObject.Kind.FILE], body, filters)

    def location(self, links, body, filters):
        yield Part(
            objects.locations(body).order_by("pk"), lambda meeting, _: objects.location_object(links, meeting)
        ).filtered(filters)

    def legislative_term(self, links, body, filters):
        # The minutes name no electoral terms (valgperioder): the list is empty.
        yield Part(objects.Municipality.objects.none(), lambda row, _: row)


class CommitteeView(ObjectView):
    url_name = "committee"

    def find(self, links, slug):
        committee = objects.committees().filter(slug=slug).first()
        if committee is None:
            return None
        ids = objects.memberships_by_committee([slug]).get(slug, [])
        return objects.committee_object(links, committee, ids)


class CommitteeMeetingsView(ListView):
    def parts(self, request, links, filters, slug):
        committee = Committee.objects.filter(slug=slug).first()
        if committee is None:
            raise NotFound()
        yield meeting_part(links, objects.meetings_with_contents().filter(committee=committee)).filtered(filters)


class NetworkView(ObjectView):
    url_name = "network"

    def find(self, links, slug):
        network = objects.networks().filter(slug=slug).first()
        return network and objects.network_object(links, network)


class GroupView(ObjectView):
    url_name = "group"

    def find(self, links, pk):
        group = objects.groups().filter(pk=whole_number(pk)).first()
        return group and objects.group_object(links, group)


class PersonView(ObjectView):
    url_name = "person"

    def find(self, links, body, name):
        row = objects.persons(body).filter(name=name).first()
        if row is None:
            return None
        return objects.person_object(links, body, row, objects.memberships_by_name(body, [name]).get(name, []))


class MembershipView(ObjectView):
    url_name = "membership"

    def find(self, links, pk):
        pk = whole_number(pk)
        first = (
            objects.public_attendances()
            .filter(pk=pk, kind__in=objects.MEMBER_KINDS)
            .values("name", "role", "meeting__committee")
        )
        first = first.first()
        if first is None:
            return None
        row = (
            objects.memberships()
            .filter(name=first["name"], role=first["role"], meeting__committee=first["meeting__committee"])
            .first()
        )
        if row is None or row["first_pk"] != pk:
            return None
        return objects.membership_object(links, row)


class MeetingView(ObjectView):
    url_name = "meeting"

    def find(self, links, pk):
        meeting = objects.meetings_with_contents().filter(pk=whole_number(pk)).first()
        return meeting and objects.meeting_object(links, meeting)


class AgendaItemView(ObjectView):
    url_name = "agenda-item"

    def find(self, links, pk):
        item = objects.agenda_items().filter(pk=whole_number(pk)).first()
        return item and objects.agenda_item_object(links, item, item.meeting)


class PaperView(ObjectView):
    url_name = "paper"

    def find(self, links, body, reference):
        row = objects.papers(body).filter(case_number=reference).first()
        if row is None:
            return None
        return objects.paper_object(links, body, row, objects.items_by_case(body, [reference])[reference])


class ConsultationView(ObjectView):
    url_name = "consultation"

    def find(self, links, pk):
        item = objects.consultations().filter(pk=whole_number(pk)).first()
        return item and objects.consultation_object(links, item)


class FileView(ObjectView):
    url_name = "file"

    def find(self, links, pk):
        document = objects.files().filter(pk=whole_number(pk)).first()
        return document and objects.file_object(links, document)


class LocationView(ObjectView):
    url_name = "location"

    def find(self, links, pk):
        meeting = objects.locations().filter(pk=whole_number(pk)).first()
        return meeting and objects.location_object(links, meeting)
