"""The search's filters: type, committee, municipality and year, alone and together, on both databases."""

import datetime

import pytest
from django.db import connection

from meetings.tests.factories import (
    AgendaItemFactory,
    CommitteeDecisionFactory,
    CommitteeFactory,
    DocumentFactory,
    MeetingFactory,
)
from news.tests.factories import NewsItemFactory
from trials.tests.factories import MunicipalityFactory, ParticipationFactory, TrialFactory


def kinds_and_titles(client, **params):
    response = client.get("/soeg/", params)
    assert response.status_code == 200
    return sorted((hit.kind, hit.title) for hit in response.context["hits"])


def titles(client, **params):
    return sorted(title for _, title in kinds_and_titles(client, **params))


@pytest.fixture
def two_committees(db):
    """Odder items in Aalborg's committee in 2018 and Hjørring's in 2019, a trial in each, news of 2019."""
    aalborg = MunicipalityFactory(name="Aalborg", slug="aalborg")
    hjoerring = MunicipalityFactory(name="Hjørring", slug="hjoerring")
    bsu = CommitteeFactory(name="Beskæftigelsesudvalget", slug="bsu", municipality=aalborg)
    aeu = CommitteeFactory(name="Arbejdsmarkedsudvalget", slug="aeu", municipality=hjoerring)
    item_2018 = AgendaItemFactory(
        title="Odder i Aalborg", meeting=MeetingFactory(committee=bsu, date=datetime.date(2018, 1, 23))
    )
    item_2019 = AgendaItemFactory(
        title="Odder i Hjørring", meeting=MeetingFactory(committee=aeu, date=datetime.date(2019, 3, 5))
    )
    CommitteeDecisionFactory(agenda_item=item_2018, text="Odderne godkendt i Aalborg")
    DocumentFactory(title="Bilag om odder", agenda_item=item_2019, meeting=item_2019.meeting)
    trial = TrialFactory(title="Odderforsøget")
    ParticipationFactory(trial=trial, municipality=hjoerring)
    NewsItemFactory(title="Nyt om odder", date=datetime.date(2019, 6, 1))
    return {"bsu": bsu, "aeu": aeu, "trial": trial}


def test_type_filter_keeps_one_kind(two_committees, client):
    items = kinds_and_titles(client, q="odder", type="dagsordenspunkt")
    assert [kind for kind, _ in items] == ["Dagsordenspunkt", "Dagsordenspunkt"]
    assert {kind for kind, _ in kinds_and_titles(client, q="odder", type="forsoeg")} == {"Forsøg"}
    assert {kind for kind, _ in kinds_and_titles(client, q="odder", type="nyhed")} == {"Nyhed"}


def test_committee_filter_keeps_the_committees_items_decisions_and_documents(two_committees, client):
    bsu = kinds_and_titles(client, q="odder", udvalg="bsu")
    assert {kind for kind, _ in bsu} == {"Dagsordenspunkt", "Beslutning"}
    assert all("Hjørring" not in title for _, title in bsu)
    aeu = kinds_and_titles(client, q="odder", udvalg="aeu")
    assert {kind for kind, _ in aeu} == {"Dagsordenspunkt", "Dokument (Bilag)"}


def test_municipality_filter_finds_the_trials_it_takes_part_in_and_its_committees(two_committees, client):
    found = kinds_and_titles(client, q="odder", kommune="hjoerring")
    assert ("Forsøg", "Odderforsøget") in found
    assert {kind for kind, _ in found} == {"Forsøg", "Dagsordenspunkt", "Dokument (Bilag)"}
    assert "Odderforsøget" not in titles(client, q="odder", kommune="aalborg")


def test_year_filter_reads_the_meetings_and_the_news_dates(two_committees, client):
    found = kinds_and_titles(client, q="odder", aar="2019")
    assert {kind for kind, _ in found} == {"Dagsordenspunkt", "Dokument (Bilag)", "Nyhed"}
    assert {kind for kind, _ in kinds_and_titles(client, q="odder", aar="2018")} == {"Dagsordenspunkt", "Beslutning"}


def test_filters_combine(two_committees, client):
    assert kinds_and_titles(client, q="odder", kommune="hjoerring", aar="2019", type="dokument") == [
        ("Dokument (Bilag)", "Bilag om odder")
    ]
    assert kinds_and_titles(client, q="odder", udvalg="bsu", aar="2019") == []


def test_filter_form_offers_the_committees_municipalities_types_and_years(two_committees, client):
    page = client.get("/soeg/", {"q": "odder", "udvalg": "aeu"}).content.decode()
    assert '<label class="form-label" for="id_type">Type</label>' in page
    assert '<option value="aeu" selected>Arbejdsmarkedsudvalget, Hjørring Kommune</option>' in page
    assert '<option value="hjoerring">Hjørring</option>' in page
    assert '<option value="2019">2019</option>' in page
    assert '<option value="dagsordenspunkt">Dagsordenspunkter</option>' in page
    assert page.count('<select class="form-select"') == 4
    assert '<a href="/soeg/?q=odder" class="ml-4">Nulstil filtre</a>' in page


@pytest.mark.parametrize(
    "bad",
    [
        {"type": "hestevogn"},
        {"udvalg": "<script>"},
        {"kommune": "ukendt"},
        {"aar": "abc"},
        {"aar": "1700"},
        {"aar": "9" * 40},
    ],
)
def test_a_bad_filter_value_is_ignored_with_a_message(two_committees, client, bad):
    response = client.get("/soeg/", {"q": "odder", **bad})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Værdien kendes ikke og er ikke brugt." in page
    assert 'aria-invalid="true"' in page
    assert "<script>" not in page.split("<main", 1)[1]
    assert {hit.kind for hit in response.context["hits"]} == {
        "Forsøg",
        "Dagsordenspunkt",
        "Beslutning",
        "Dokument (Bilag)",
        "Nyhed",
    }


def test_filters_follow_a_changed_meeting_date_and_a_new_participation(two_committees, client):
    meeting = two_committees["bsu"].meetings.get()
    meeting.date = datetime.date(2019, 1, 8)
    meeting.save()
    assert [title.split(". ", 1)[1] for title in titles(client, q="odder", aar="2019", type="dagsordenspunkt")] == [
        "Odder i Aalborg",
        "Odder i Hjørring",
    ]
    ParticipationFactory(trial=two_committees["trial"], municipality=two_committees["bsu"].municipality)
    assert "Odderforsøget" in titles(client, q="odder", kommune="aalborg")


def test_news_document_and_decision_hits_show_their_date_as_the_site_writes_it(db, client):
    NewsItemFactory(title="Nyt om bævere", date=datetime.date(2018, 1, 23))
    page = client.get("/soeg/", {"q": "bævere"}).content.decode()
    assert '<time datetime="2018-01-23">23. januar 2018</time>' in page
    assert "2018-01-23<" not in page and "23.01.2018" not in page


def test_filtered_search_query_count_is_fixed_with_much_data(db, client, django_assert_max_num_queries):
    municipality = MunicipalityFactory(slug="mariagerfjord")
    for index in range(30):
        committee = CommitteeFactory(municipality=municipality)
        item = AgendaItemFactory(
            title=f"Jobpunkt {index}",
            text="jobcenter",
            meeting__committee=committee,
            meeting__date=datetime.date(2018, 3, 1),
        )
        CommitteeDecisionFactory(agenda_item=item, text="jobcenter godkendt")
        DocumentFactory(title=f"Jobrapport {index}", extracted_text="jobcenter", meeting=item.meeting)
        NewsItemFactory(title=f"Jobnyhed {index}", body="jobcenter", date=datetime.date(2018, 2, 1))
        trial = TrialFactory(title=f"Jobforsøg {index}", summary="jobcenter")
        ParticipationFactory(trial=trial, municipality=municipality)
    # The filters' choices (3), the page of rows with its count (one query on PostgreSQL; the
    # paginator's count and the page on SQLite), and one query per kind on the page: items,
    # decisions and documents pass these filters (trials have no year, news no municipality).
    budget = 3 + (2 if connection.vendor == "sqlite" else 1) + 3
    with django_assert_max_num_queries(budget):
        response = client.get("/soeg/", {"q": "jobcenter", "kommune": "mariagerfjord", "aar": "2018"})
    assert response.context["page_obj"].paginator.count == 90
