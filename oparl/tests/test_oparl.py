"""OParl 1.1 at /api/oparl/: the contract a harvester relies on, the public rules, filters, deletions, queries."""

import datetime

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from frikommune.tests.test_closed_items import SECRETS, closed_item_with_secrets  # noqa: F401 (a fixture)
from frikommune.tests.test_pages import make_fifty_times_the_data
from meetings.models import AgendaItem, Attendance, Document, Meeting
from meetings.tests.factories import AgendaItemFactory, AttendanceFactory, DocumentFactory, MeetingFactory
from oparl.models import DeletedObject

from .contract import OPARL, SCHEMA, Walker, problems

CLOSED_ITEM_KEYS = {"id", "type", "name", "number", "public", "meeting", "created", "modified"}


def uploaded(meeting=None, agenda_item=None, **fields):
    """A published document with a file the download view serves."""
    document = DocumentFactory(meeting=meeting, agenda_item=agenda_item, mime_type="application/pdf", **fields)
    document.file.save("bilag.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.original_name = "bilag.pdf"
    document.save()
    return document


@pytest.fixture
def minutes_with_files(minutes_data):
    """The minutes, with one file on the meeting and one on an open item (the fixtures hold none)."""
    meeting = Meeting.objects.get(pk=1)
    item = AgendaItem.objects.filter(meeting=meeting, is_closed=False).exclude(case_number="").first()
    uploaded(meeting=meeting, kind=Document.Kind.MINUTES, title="Referat")
    uploaded(agenda_item=item, title="Bilag til punktet")
    return meeting


def download_url(document):
    return "http://testserver" + reverse("meetings:document_download", kwargs={"pk": document.pk})


def get_json(client, url, status=200, **params):
    response = client.get(url.removeprefix("http://testserver"), params)
    assert response.status_code == status, (url, response.content[:500])
    assert response["Content-Type"] == "application/json"
    return response.json()


# --- The contract, on the fixtures ---


def test_walk_from_the_system_through_every_list_and_object_on_the_fixtures(client, minutes_with_files):
    walker = Walker(client).walk()

    assert walker.problems == []
    system = walker.objects[OPARL]
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    assert system["license"] == settings.OPEN_DATA_LICENSE_URL
    assert len(walker.of_type("Body")) == 11
    assert len(walker.of_type("Meeting")) == 1
    names = set(Attendance.objects.values_list("name", flat=True))
    assert {person["name"] for person in walker.of_type("Person")} == names
    cases = set(
        AgendaItem.objects.filter(is_closed=False).exclude(case_number="").values_list("case_number", flat=True)
    )
    assert {paper["reference"] for paper in walker.of_type("Paper")} == cases
    assert len(walker.of_type("File")) == 2
    assert walker.of_type("Location")[0]["description"] == Meeting.objects.get(pk=1).place
    kinds = {obj["type"].removeprefix(SCHEMA) for obj in walker.objects.values()}
    assert kinds >= {"System", "Body", "Organization", "Person", "Membership", "Meeting", "AgendaItem", "Paper"}
    assert kinds >= {"Consultation", "File", "Location"}


def test_pagination_walks_to_the_end_in_small_pages(client, minutes_with_files):
    walker = Walker(client, elements_per_page=3).walk()

    assert walker.problems == []
    aalborg = walker.objects[f"{OPARL}body/aalborg/"]
    first = get_json(client, aalborg["agendaItem"], elementsPerPage=3)
    assert first["pagination"]["elementsPerPage"] == 3
    assert first["pagination"]["totalPages"] == -(-first["pagination"]["totalElements"] // 3) > 1
    assert set(first["links"]) == {"first", "self", "next", "last"}
    last = get_json(client, first["links"]["last"])
    assert "next" not in last["links"] and "prev" in last["links"]


def test_the_meeting_carries_its_committee_times_items_and_participants(client, minutes_with_files):
    meeting = get_json(client, "/api/oparl/meeting/1/")

    assert meeting["start"] == "2018-01-23T08:30:00+01:00"
    assert meeting["organization"] == [f"{OPARL}organization/committee/beskaeftigelsesudvalget/"]
    assert [item["number"] for item in meeting["agendaItem"]] == [
        str(number)
        for number in AgendaItem.objects.filter(meeting=1).order_by("position").values_list("number", flat=True)
    ]
    present = Attendance.objects.filter(meeting=1, kind__in=["present", "other"]).count()
    assert len(meeting["participant"]) == present
    assert meeting["resultsProtocol"]["accessUrl"] == download_url(Document.objects.get(title="Referat"))


def test_a_file_is_reached_through_the_checked_download_view(client, minutes_with_files):
    document = Document.objects.get(title="Referat")
    file = get_json(client, f"/api/oparl/file/{document.pk}/")

    assert file["accessUrl"] == file["downloadUrl"] == download_url(document)
    response = client.get(file["accessUrl"].removeprefix("http://testserver"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_a_person_is_a_name_in_the_minutes_with_nothing_else(client, minutes_data):
    attendance = Attendance.objects.filter(kind="present").first()
    person = get_json(client, f"/api/oparl/person/aalborg/{attendance.name}/")

    assert set(person) == {"id", "type", "body", "name", "membership", "created", "modified"}
    assert person["name"] == attendance.name
    assert [membership["organization"] for membership in person["membership"]] == [
        f"{OPARL}organization/committee/beskaeftigelsesudvalget/"
    ]


def test_the_network_and_its_bodies_are_organizations_of_the_lead_municipality(client, minutes_data):
    organizations = get_json(client, "/api/oparl/body/aalborg/organization/")["data"]

    classes = [organization["classification"] for organization in organizations]
    assert "Udvalg" in classes and "Frikommunenetværk" in classes
    network = next(
        organization for organization in organizations if organization["classification"] == "Frikommunenetværk"
    )
    groups = [organization for organization in organizations if organization.get("subOrganizationOf") == network["id"]]
    assert len(groups) == 5


# --- The public rules ---


def test_closed_item_is_not_public_and_shows_its_name_and_number_only(client, closed_item_with_secrets):  # noqa: F811
    item = closed_item_with_secrets
    walker = Walker(client).walk()

    shown = get_json(client, f"/api/oparl/agenda-item/{item.pk}/")
    assert set(shown) == CLOSED_ITEM_KEYS
    assert shown["public"] is False and shown["name"] == item.title and shown["number"] == str(item.number)
    embedded = next(
        entry for entry in get_json(client, "/api/oparl/meeting/1/")["agendaItem"] if entry["id"] == shown["id"]
    )
    assert set(embedded) == CLOSED_ITEM_KEYS - {"meeting"}
    leaks = [(url, field) for url, body in walker.responses.items() for field, word in SECRETS.items() if word in body]
    assert leaks == []
    assert walker.problems == []


def test_drafts_are_absent_and_their_addresses_are_not_found(client, minutes_data):
    draft = MeetingFactory(committee_id=1, is_published=False)
    item = AgendaItemFactory(meeting=draft, case_number="KLADDE-1")
    AttendanceFactory(meeting=draft, name="Kun I Kladden")
    document = uploaded(agenda_item=item)
    unpublished = uploaded(meeting=Meeting.objects.get(pk=1), is_published=False)

    walker = Walker(client).walk()

    texts = "".join(walker.responses.values())
    assert "KLADDE-1" not in texts and "Kun I Kladden" not in texts
    for url in (
        f"/api/oparl/meeting/{draft.pk}/",
        f"/api/oparl/agenda-item/{item.pk}/",
        f"/api/oparl/file/{document.pk}/",
        f"/api/oparl/file/{unpublished.pk}/",
        "/api/oparl/paper/aalborg/KLADDE-1/",
        "/api/oparl/person/aalborg/Kun I Kladden/",
    ):
        assert get_json(client, url, status=404)
    assert not DeletedObject.objects.exists()


# --- Filters ---


@pytest.mark.parametrize(
    "value", ["igår", "2018-01-23", "2018-01-23T00:00:00", "2018-13-45T00:00:00+01:00", "9" * 40, "", "\x00"]
)
@pytest.mark.parametrize("name", ["created_since", "created_until", "modified_since", "modified_until"])
def test_a_bad_filter_is_a_400_with_a_message(client, minutes_data, name, value):
    answer = get_json(client, "/api/oparl/body/aalborg/meeting/", status=400, **{name: value})
    assert name in answer


@pytest.mark.parametrize("params", [{"page": "0"}, {"page": "x"}, {"elementsPerPage": "-1"}, {"elementsPerPage": "a"}])
def test_a_bad_page_is_a_400(client, minutes_data, params):
    get_json(client, "/api/oparl/body/aalborg/person/", status=400, **params)


def test_lists_filter_by_created_and_modified(client, minutes_data):
    url = "/api/oparl/body/aalborg/agenda-item/"
    total = get_json(client, url)["pagination"]["totalElements"]
    long_ago = timezone.now() - datetime.timedelta(days=400)
    AgendaItem.objects.update(created=long_ago, modified=long_ago)
    Meeting.objects.update(created=long_ago, modified=long_ago)
    item = AgendaItem.objects.filter(meeting=1, is_closed=False).first()
    item.save()  # modified now, and its meeting's, which the closed items show
    closed = AgendaItem.objects.filter(meeting=1, is_closed=True).values_list("pk", flat=True)
    later = (timezone.now() + datetime.timedelta(days=1)).isoformat()
    earlier = (timezone.now() - datetime.timedelta(minutes=5)).isoformat()

    assert get_json(client, url, created_until=later)["pagination"]["totalElements"] == total
    assert get_json(client, url, created_since=later)["pagination"]["totalElements"] == 0
    changed = get_json(client, url, modified_since=earlier)["data"]
    assert {entry["id"] for entry in changed} == {f"{OPARL}agenda-item/{pk}/" for pk in [item.pk, *closed]}
    # An unencoded "+" arrives as a space: still read as the offset.
    assert get_json(client, url, modified_since=earlier.replace("+", " "))["data"] == changed
    assert get_json(client, url, modified_until=earlier)["pagination"]["totalElements"] == total - len(changed)
    # A filter stays on every page.
    page = get_json(client, url, created_until=later, elementsPerPage=2)
    assert "created_until=" in page["links"]["next"]


def test_an_item_changed_moves_its_meeting_modified(client, minutes_data):
    before = get_json(client, "/api/oparl/meeting/1/")["modified"]
    Meeting.objects.filter(pk=1).update(modified=timezone.now() - datetime.timedelta(days=1))
    AgendaItem.objects.filter(meeting=1).first().save()
    assert get_json(client, "/api/oparl/meeting/1/")["modified"] >= before


# --- Deletions ---


def deleted_since(client, url, since):
    return [entry for entry in get_json(client, url, modified_since=since)["data"] if entry.get("deleted")]


def test_a_withdrawn_meeting_is_deleted_to_harvesters_and_back_when_published_again(client, minutes_with_files):
    since = (timezone.now() - datetime.timedelta(minutes=1)).isoformat()
    meeting = Meeting.objects.get(pk=1)
    persons = get_json(client, "/api/oparl/body/aalborg/person/")["pagination"]["totalElements"]
    meeting.is_published = False
    meeting.save()

    tomb = get_json(client, "/api/oparl/meeting/1/")
    assert set(tomb) == {"id", "type", "created", "modified", "deleted"} and tomb["deleted"] is True
    assert problems(tomb) == []
    assert [entry["id"] for entry in deleted_since(client, "/api/oparl/body/aalborg/meeting/", since)] == [tomb["id"]]
    assert len(deleted_since(client, "/api/oparl/body/aalborg/person/", since)) == persons
    assert len(deleted_since(client, "/api/oparl/body/aalborg/file/", since)) == 2
    assert deleted_since(client, "/api/oparl/body/aalborg/paper/", since)
    # Without modified_since a list holds only what is there.
    assert get_json(client, "/api/oparl/body/aalborg/meeting/")["data"] == []

    meeting.publish()

    assert "deleted" not in get_json(client, "/api/oparl/meeting/1/")
    assert not DeletedObject.objects.exists()
    assert Walker(client).walk().problems == []


def test_a_deleted_meeting_leaves_tombstones(client, minutes_with_files):
    Meeting.objects.get(pk=1).delete()

    assert get_json(client, "/api/oparl/meeting/1/")["deleted"] is True
    assert set(DeletedObject.objects.values_list("kind", flat=True)) == {"Meeting", "Person", "Paper", "File"}
    walker = Walker(client).walk()
    assert walker.problems == []


def test_a_person_no_longer_named_is_deleted_and_one_still_named_is_not(client, minutes_data):
    meeting = Meeting.objects.get(pk=1)
    other = MeetingFactory(committee=meeting.committee)
    first, second = Attendance.objects.filter(meeting=meeting)[:2]
    AttendanceFactory(meeting=other, name=second.name)
    first.delete()
    second.delete()

    assert get_json(client, f"/api/oparl/person/aalborg/{first.name}/")["deleted"] is True
    assert "deleted" not in get_json(client, f"/api/oparl/person/aalborg/{second.name}/")


def test_an_item_closed_takes_its_paper_away(client, minutes_data):
    item = AgendaItem.objects.filter(meeting=1, is_closed=False).exclude(case_number="").first()
    others = AgendaItem.objects.filter(case_number=item.case_number).exclude(pk=item.pk)
    others.update(case_number="")
    item.is_closed = True
    item.save()

    assert get_json(client, f"/api/oparl/paper/aalborg/{item.case_number}/")["deleted"] is True
    assert set(get_json(client, f"/api/oparl/agenda-item/{item.pk}/")) == CLOSED_ITEM_KEYS


def test_a_deleted_committee_is_a_deleted_organization(client, minutes_data):
    from meetings.tests.factories import CommitteeFactory

    committee = CommitteeFactory(municipality_id=1)
    committee.delete()

    assert get_json(client, f"/api/oparl/organization/committee/{committee.slug}/")["deleted"] is True


# --- Caching, errors ---


def test_oparl_answers_are_cached_and_a_change_shows_on_the_next_request(client, minutes_data):
    first = client.get("/api/oparl/meeting/1/")
    again = client.get("/api/oparl/meeting/1/")
    assert again.has_header("ETag") and again.content == first.content
    assert client.get("/api/oparl/meeting/1/", HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304
    Meeting.objects.filter(pk=1).update(place="Et andet sted")

    assert get_json(client, "/api/oparl/meeting/1/")["location"]["description"] == "Et andet sted"
    assert not client.cookies


@pytest.mark.parametrize(
    "url",
    [
        "/api/oparl/body/nowhere/",
        "/api/oparl/body/aalborg/nothing/",
        "/api/oparl/body/nowhere/meeting/",
        "/api/oparl/meeting/x/",
        "/api/oparl/meeting/99999999999999999999999/",
        "/api/oparl/agenda-item/-1/",
        "/api/oparl/membership/0/",
        "/api/oparl/organization/group/1e3/",
        "/api/oparl/paper/aalborg/ingen/",
    ],
)
def test_an_unknown_address_is_a_json_404(client, minutes_data, url):
    get_json(client, url, status=404)


def test_a_page_beyond_the_end_is_a_404(client, minutes_data):
    get_json(client, "/api/oparl/body/aalborg/meeting/", status=404, page="2")


def test_oparl_is_read_only(client, minutes_data):
    for method in (client.post, client.put, client.patch, client.delete):
        assert method("/api/oparl/", {}).status_code == 405


# --- Fifty times the data ---


def add_the_committees_work(municipality):
    """What make_fifty_times_the_data leaves out: files, attendance, case numbers, and more meetings."""
    meetings = list(Meeting.objects.filter(committee__municipality=municipality))
    for index in range(40):
        meetings.append(
            MeetingFactory(
                committee=meetings[0].committee, date=datetime.date(2019, 1, 1) + datetime.timedelta(days=index)
            )
        )
    for index, meeting in enumerate(meetings):
        for number in range(5):
            AttendanceFactory(
                meeting=meeting, name=f"Medlem {number + index % 7}", role="formand" if number == 0 else ""
            )
        AttendanceFactory(meeting=meeting, name=f"Gæst {index}", kind=Attendance.Kind.OTHER)
        item = AgendaItemFactory(meeting=meeting, number=100 + index, case_number=f"2019-{index % 30:05d}")
        uploaded(agenda_item=item)
        uploaded(meeting=meeting, kind=Document.Kind.MINUTES)
    for item in AgendaItem.objects.filter(case_number="", is_closed=False)[:30]:
        item.case_number = f"2019-{item.pk % 20:05d}"
        item.save()


# Queries per list page at 50× the data: the page cache's version, the body's existence, then per part a
# count and a slice, and one query for each thing the page's objects embed.
QUERY_BUDGET = {
    "organization": 12,
    "person": 6,
    "membership": 4,
    "meeting": 10,
    "paper": 6,
    "agendaItem": 5,
    "consultation": 4,
    "file": 5,
    "locationList": 4,
    "legislativeTermList": 4,
}


@pytest.mark.django_db
def test_every_list_keeps_a_fixed_number_of_queries_and_the_walk_holds_with_fifty_times_the_data(
    client, django_assert_max_num_queries
):
    municipality = make_fifty_times_the_data()
    add_the_committees_work(municipality)
    body = get_json(client, f"/api/oparl/body/{municipality.slug}/")
    since = "2000-01-01T00:00:00+00:00"

    for key, limit in QUERY_BUDGET.items():
        with django_assert_max_num_queries(limit):
            page = get_json(client, body[key])
        if key != "legislativeTermList":
            assert page["data"], key
        with django_assert_max_num_queries(limit + 2):
            get_json(client, body[key], modified_since=since, elementsPerPage=50)
        for entry in page["data"][:3]:
            with django_assert_max_num_queries(limit):
                get_json(client, entry["id"])
    assert get_json(client, body["meeting"])["pagination"]["totalElements"] > 50
    assert get_json(client, body["file"])["pagination"]["totalElements"] > 100

    walker = Walker(client).walk()
    assert walker.problems == []
    assert len(walker.of_type("Meeting")) > 50


def test_the_open_data_page_leads_to_oparl_with_a_curl_example(client, minutes_data):
    page = client.get("/aabne-data/").content.decode()

    assert 'href="/api/oparl/"' in page
    assert 'curl "http://testserver/api/oparl/"' in page


def test_oparl_is_throttled_per_client_and_open_to_other_sites(client, minutes_data, settings):
    settings.API_THROTTLE_RATE = "2/min"
    statuses = [client.get(f"/api/oparl/body/?elementsPerPage={size}").status_code for size in (5, 6, 7)]
    assert statuses == [200, 200, 429]
    response = client.get(
        "/api/oparl/body/?elementsPerPage=8", HTTP_ORIGIN="https://example.org", REMOTE_ADDR="10.0.0.8"
    )
    assert response["Access-Control-Allow-Origin"] == "*"


def test_publishing_a_meeting_stores_its_modified_time(minutes_data):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Meeting.objects.filter(pk=1).update(is_published=False, modified=long_ago)

    Meeting.objects.get(pk=1).publish()

    assert Meeting.objects.get(pk=1).modified > long_ago


def test_the_backfill_takes_the_times_from_the_history(db):
    import importlib

    from django.apps import apps

    backfill = importlib.import_module("meetings.migrations.0009_oparl_timestamps").backfill
    meeting = MeetingFactory()
    meeting.place = "Et andet sted"
    meeting.save()
    attendance = AttendanceFactory(meeting=meeting)
    history = list(meeting.history.order_by("history_date").values_list("history_date", flat=True))
    Meeting.objects.update(created=timezone.now(), modified=timezone.now())

    backfill(apps, None)

    meeting.refresh_from_db()
    attendance.refresh_from_db()
    assert (meeting.created, meeting.modified) == (history[0], history[-1])
    assert (attendance.created, attendance.modified) == (meeting.created, meeting.modified)
    assert meeting.committee.__class__.objects.get(pk=meeting.committee_id).created <= meeting.created


@pytest.mark.parametrize(
    "path",
    [
        "/api/oparl/organization/committee/a\x00b/meeting/",
        "/api/oparl/person/aalborg/a\x00b/",
        "/api/oparl/paper/aalborg/a\x00b/",
        "/api/oparl/body/a\x00b/meeting/",
    ],
)
def test_a_nul_character_in_an_address_is_a_json_404(client, minutes_data, path):
    # PostgreSQL refuses NUL in a query parameter; unchecked, these were 500s there.
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
