"""The open data API at /api/v1/: public data only, the trial list's filters, pages of 50, fixed query counts."""

import pytest
from django.db.models import Count
from django.urls import reverse

from api.urls import RESOURCES
from frikommune.tests.test_closed_items import SECRETS, closed_item_with_secrets  # noqa: F401 (a fixture)
from frikommune.tests.test_pages import make_fifty_times_the_data
from meetings.models import AgendaItem, CommitteeDecision, Document, Meeting
from meetings.tests.factories import DocumentFactory
from trials.filtering import TrialQuery
from trials.models import Municipality, Trial
from trials.tests.factories import ApplicationRoundFactory, TrialFactory

LISTS = [
    "municipalities",
    "programmes",
    "networks",
    "rounds",
    "trials",
    "committees",
    "meetings",
    "agenda-items",
    "decisions",
    "documents",
]


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.content[:500])
    assert response["Content-Type"] == "application/json"
    return response.json()


def walk(client, url, **params):
    """Every result of a list, following its pages."""
    results, page = [], get_json(client, url, **params)
    while True:
        results += page["results"]
        if not page["next"]:
            return results
        page = get_json(client, page["next"])


@pytest.mark.parametrize("name", LISTS)
def test_every_list_answers_with_a_page_of_json(client, minutes_data, name):
    page = get_json(client, f"/api/v1/{name}/")
    assert set(page) == {"count", "next", "previous", "results"}
    assert page["count"] == len(page["results"]) > 0


def test_fixture_counts(client, minutes_data):
    assert get_json(client, "/api/v1/municipalities/")["count"] == 11
    assert get_json(client, "/api/v1/trials/")["count"] == 19
    trial = get_json(client, "/api/v1/trials/formkrav-ved-lovpligtige-samtaler/")
    assert trial["title"] == Trial.objects.get(slug="formkrav-ved-lovpligtige-samtaler").title
    assert trial["url"] == "http://testserver/forsoeg/formkrav-ved-lovpligtige-samtaler/"
    assert trial["participations"] and trial["network"] == "nordjylland"


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"runde": "2"},
        {"kommune": "thisted", "status": "started"},
        {"evaluator": "kommunerne", "sortering": "titel"},
        {"netvaerk": "alle", "sortering": "kommuner"},
        {"runde": "3", "kommune": "aalborg"},
    ],
)
def test_trials_api_csv_and_list_page_agree(client, minutes_data, params):
    expected = [trial.slug for trial in TrialQuery(params).trials()]
    api = [trial["slug"] for trial in walk(client, "/api/v1/trials/", **params)]
    page = client.get("/forsoeg/", params).context["trials"]
    csv = client.get("/forsoeg.csv", params).content.decode("utf-8-sig").splitlines()[1:]
    assert api == expected
    assert [trial.slug for trial in page] == expected
    assert [row.split(";")[-1].removeprefix("http://testserver/forsoeg/").strip("/") for row in csv] == expected


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/trials/?runde=abc",
        "/api/v1/trials/?status=x",
        "/api/v1/trials/?sortering=x",
        "/api/v1/meetings/?aar=99999999999999999999",
        "/api/v1/meetings/?fra=igaar",
        "/api/v1/agenda-items/?moede=-1",
        "/api/v1/agenda-items/?moede=99999999999999999999999",
        "/api/v1/documents/?type=x",
        "/api/v1/decisions/?udfald=x",
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(client, minutes_data, url):
    response = client.get(url)
    assert response.status_code == 400, url
    key = url.split("?")[1].split("=")[0]
    assert key in response.json()


@pytest.mark.parametrize(
    "url",
    ["/api/v1/trials/findes-ikke/", "/api/v1/meetings/999999/", "/api/v1/trials/?page=999", "/api/v1/trials/?page=x"],
)
def test_unknown_records_and_pages_are_a_404(client, minutes_data, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("resource", [prefix for prefix, _viewset, _lookup in RESOURCES])
def test_a_record_id_with_a_nul_character_is_a_404(client, minutes_data, resource):
    # PostgreSQL refuses NUL in a query parameter: unchecked, the slug lookups were a 500 there.
    response = client.get(f"/api/v1/{resource}/a%00b/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_pages_hold_50_by_default_and_at_most_200(client, db):
    TrialFactory.create_batch(210, application_round=ApplicationRoundFactory())
    assert len(get_json(client, "/api/v1/trials/")["results"]) == 50
    assert len(get_json(client, "/api/v1/trials/", page_size=500)["results"]) == 200
    page = get_json(client, "/api/v1/trials/", page=2)
    assert page["count"] == 210 and len(page["results"]) == 50


def test_filters_of_the_committees_work(client, minutes_data):
    meeting = Meeting.objects.get(pk=1)
    assert get_json(client, "/api/v1/meetings/", udvalg=meeting.committee.slug, aar=meeting.date.year)["count"] == 1
    assert get_json(client, "/api/v1/meetings/", aar=1999)["count"] == 0
    items = get_json(client, "/api/v1/agenda-items/", moede=meeting.pk)
    assert items["count"] == AgendaItem.objects.filter(meeting=meeting).count()
    trial = get_json(client, "/api/v1/agenda-items/", forsoeg="formkrav-ved-lovpligtige-samtaler")
    assert 0 < trial["count"] < items["count"]


def test_closed_item_shows_only_its_title_everywhere(client, closed_item_with_secrets):  # noqa: F811
    item = closed_item_with_secrets
    shown = get_json(client, f"/api/v1/agenda-items/{item.pk}/")
    assert shown == {
        "id": item.pk,
        "meeting": item.meeting_id,
        "number": item.number,
        "position": item.position,
        "title": item.title,
        "is_closed": True,
    }
    bodies = [
        client.get(f"/api/v1/{name}/", {"page_size": 200, **({"netvaerk": "alle"} if name == "trials" else {})}).content
        for name in LISTS
    ]
    bodies += [client.get(url).content for url in ("/api/v1/trials/fleksibilitet-i-rehabiliteringsteams/",)]
    bodies += [
        client.get(url).content for url in ("/forsoeg.csv", "/beslutninger.csv", "/deltagelse.csv", "/kommuner.csv")
    ]
    decision = CommitteeDecision.objects.get(agenda_item=item)
    document = Document.objects.get(agenda_item=item)
    assert client.get(f"/api/v1/decisions/{decision.pk}/").status_code == 404
    assert client.get(f"/api/v1/documents/{document.pk}/").status_code == 404
    leaks = [field for body in bodies for field, word in SECRETS.items() if word.encode() in body.lower()]
    assert leaks == []
    assert item.title.encode() in b"".join(bodies)


def test_unpublished_records_are_never_shown(client, minutes_data):
    trial = Trial.objects.get(slug="formkrav-ved-lovpligtige-samtaler")
    Trial.objects.filter(pk=trial.pk).update(is_published=False)
    meeting = Meeting.objects.get(pk=1)
    Meeting.objects.filter(pk=meeting.pk).update(is_published=False)
    assert client.get(f"/api/v1/trials/{trial.slug}/").status_code == 404
    assert client.get(f"/api/v1/meetings/{meeting.pk}/").status_code == 404
    assert trial.slug not in [t["slug"] for t in walk(client, "/api/v1/trials/", netvaerk="alle")]
    assert get_json(client, "/api/v1/meetings/")["count"] == 0
    assert get_json(client, "/api/v1/agenda-items/")["count"] == 0
    assert get_json(client, "/api/v1/documents/", moede=meeting.pk)["count"] == 0
    for decision in walk(client, "/api/v1/decisions/"):
        assert trial.slug not in decision["trials"]
        assert decision["agenda_item"] is None


def test_api_sets_no_cookie_and_allows_other_origins_to_read(client, minutes_data):
    for name in LISTS:
        response = client.get(f"/api/v1/{name}/", HTTP_ORIGIN="https://example.org")
        assert not response.cookies and "Set-Cookie" not in response.headers
        assert "cookie" not in response.headers.get("Vary", "").lower()
        assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/forsoeg/", HTTP_ORIGIN="https://example.org").headers
    assert not client.cookies


def test_api_is_read_only(client, minutes_data):
    for method in (client.post, client.put, client.patch, client.delete):
        assert method("/api/v1/trials/", {}).status_code == 405


def test_each_client_is_throttled(client, minutes_data, settings):
    settings.API_THROTTLE_RATE = "3/min"
    # Four different pages: a page the page cache already holds costs the database nothing, and is
    # served without counting against the client (pagecache.middleware answers before the view).
    statuses = [client.get(f"/api/v1/municipalities/?page_size={size}").status_code for size in (10, 11, 12, 13)]
    assert statuses == [200, 200, 200, 429]
    assert client.get("/api/v1/municipalities/?page_size=14", REMOTE_ADDR="10.0.0.9").status_code == 200


QUERY_BUDGET = {
    # count + page, and one query for each prefetched relation
    "municipalities": 2,
    "programmes": 2,
    "networks": 3,
    "rounds": 2,
    # the filters' choices (networks, rounds, municipalities, evaluators), count, page and 4 prefetches
    "trials": 10,
    "committees": 2,
    "meetings": 2,
    # count, page, attachments, decisions, trials
    "agenda-items": 5,
    "decisions": 3,
    "documents": 3,
}


@pytest.mark.django_db
def test_each_endpoint_keeps_a_fixed_number_of_queries_with_fifty_times_the_data(client, django_assert_max_num_queries):
    make_fifty_times_the_data()
    meeting = Meeting.objects.annotate(items=Count("agenda_items")).order_by("-items").first()
    for trial in Trial.objects.all()[:300]:
        DocumentFactory(meeting=meeting).trials.add(trial)
    for name, limit in QUERY_BUDGET.items():
        # +1: the page cache's query for the data's version (pagecache.middleware).
        with django_assert_max_num_queries(limit + 1):
            page = get_json(client, f"/api/v1/{name}/", page_size=200)
        assert page["results"], name
        first = page["results"][0]
        key = first.get("slug", first.get("id"))
        with django_assert_max_num_queries(limit + 1):
            get_json(client, reverse(f"api:{name}-detail", args=[key]))
    assert get_json(client, "/api/v1/trials/", page_size=200)["count"] > 200
    assert get_json(client, "/api/v1/agenda-items/", page_size=200)["count"] > 30


def test_schema_is_served_and_names_every_list(client, db):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"] if "json" in response["Content-Type"] else None
    if paths is None:
        import yaml

        paths = yaml.safe_load(response.content)["paths"]
    for name in LISTS:
        assert f"/api/v1/{name}/" in paths


def test_an_api_page_is_cached_and_a_change_shows_on_the_next_request(client, minutes_data):
    first = client.get("/api/v1/municipalities/?page_size=200").json()
    municipality = Municipality.objects.get(slug=first["results"][0]["slug"])
    municipality.name = "Omdøbt Kommune"
    municipality.save()

    second = client.get("/api/v1/municipalities/?page_size=200")

    assert second.has_header("ETag")
    assert "Omdøbt Kommune" in {row["name"] for row in second.json()["results"]}
