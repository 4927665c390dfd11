"""Search: Danish full text on PostgreSQL, a plain fallback on SQLite, the same page for both."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.tests.factories import (
    AgendaItemFactory,
    CommitteeDecisionFactory,
    DocumentFactory,
)
from news.tests.factories import NewsItemFactory
from search.backends import FullTextBackend
from search.forms import MAX_QUERY_LENGTH
from search.snippets import excerpt
from trials.tests.factories import MunicipalityFactory, TrialFactory

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search with the danish configuration needs PostgreSQL"
)
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="tests the plain fallback that SQLite uses")


def result_titles(client, query):
    response = client.get("/soeg/", {"q": query})
    assert response.status_code == 200
    hits = response.context["hits"]
    return [hit.title for hit in hits]


@postgresql_only
def test_danish_stemming_finds_rehabilitation_trial(minutes_data, client):
    assert "Fleksibilitet i rehabiliteringsteams" in result_titles(client, "rehabiliteringsteamet")


@postgresql_only
def test_typo_still_finds_the_trial(minutes_data, client):
    assert "Psykologbehandling i jobcenterindsatsen" in result_titles(client, "psykologbehandlng")


@postgresql_only
def test_title_hit_ranks_above_body_hit_on_postgresql(db, client):
    NewsItemFactory(title="Nyt om arbejdet", body="Om mentorordningen i Jammerbugt og meget andet.")
    NewsItemFactory(title="Mentorordningen udvides", body="Flere borgere får tilbuddet.")
    assert result_titles(client, "mentorordningen") == ["Mentorordningen udvides", "Nyt om arbejdet"]


@sqlite_only
def test_title_hit_ranks_above_body_hit_on_sqlite(db, client):
    NewsItemFactory(title="Nyt om arbejdet", body="Om mentorordningen i Jammerbugt og meget andet.")
    NewsItemFactory(title="Mentorordningen udvides", body="Flere borgere får tilbuddet.")
    assert result_titles(client, "mentorordningen") == ["Mentorordningen udvides", "Nyt om arbejdet"]


@sqlite_only
def test_fallback_finds_words_in_any_case_and_requires_all_of_them(minutes_data, client):
    titles = result_titles(client, "PSYKOLOGBEHANDLING jobcenterindsatsen")
    assert "Psykologbehandling i jobcenterindsatsen" in titles
    assert result_titles(client, "psykologbehandling hestevogn") == []


@sqlite_only
def test_fallback_strips_danish_endings(minutes_data, client):
    assert "Fleksibilitet i rehabiliteringsteams" in result_titles(client, "rehabiliteringsteamet")


def test_search_finds_trials_in_the_fixtures(minutes_data, client):
    assert "Fleksibilitet i rehabiliteringsteams" in result_titles(client, "rehabiliteringsteams")


def test_search_finds_agenda_item_text_and_names_its_meeting(minutes_data, client):
    response = client.get("/soeg/", {"q": "styrelsesvedtægt"})
    hits = response.context["hits"]
    item_hits = [hit for hit in hits if hit.title.startswith("Punkt 3.")]
    assert item_hits
    assert item_hits[0].context_title == "Beskæftigelsesudvalget, 23. januar 2018"
    assert item_hits[0].url == "/moeder/beskaeftigelsesudvalget/2018-01-23/#punkt-3"


def test_search_finds_municipalities_decisions_news_and_documents(db, client):
    MunicipalityFactory(name="Mariagerfjord")
    CommitteeDecisionFactory(text="Udvalget godkendte pilotprojektet.")
    NewsItemFactory(title="Seminar om pilotprojektet")
    DocumentFactory(title="Rapport", kind="evaluation_report", extracted_text="pilotprojektet virker")
    assert result_titles(client, "Mariagerfjord") == ["Mariagerfjord Kommune"]
    kinds = {hit.kind for hit in client.get("/soeg/", {"q": "pilotprojektet"}).context["hits"]}
    assert kinds == {"Beslutning", "Nyhed", "Dokument (Evalueringsrapport)"}


def test_text_of_a_withheld_file_is_not_searched(db, client):
    DocumentFactory(title="Notat", extracted_text="fortroligtord", is_file_public=False)
    assert result_titles(client, "fortroligtord") == []


def test_unpublished_content_is_not_found(db, client):
    TrialFactory(title="Kladdeforsøg", is_published=False)
    NewsItemFactory(title="Kladdenyhed", is_published=False)
    AgendaItemFactory(title="Kladdepunkt", meeting__is_published=False)
    assert result_titles(client, "kladdeforsøg") == []
    assert result_titles(client, "kladdenyhed") == []
    assert result_titles(client, "kladdepunkt") == []


def test_results_are_escaped(db, client):
    NewsItemFactory(title="<script>alert(1)</script> farligt", body="<b>farligt</b>")
    page = client.get("/soeg/", {"q": "farligt"}).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("query", ["", "   ", '"', "-", "&|!:*", "()", "\\", "ø" * 5])
def test_odd_or_empty_queries_do_not_fail(minutes_data, client, query):
    assert client.get("/soeg/", {"q": query}).status_code == 200


def test_null_byte_is_refused_not_a_500(db, client):
    response = client.get("/soeg/", {"q": "a\x00b"})
    assert response.status_code == 200
    assert response.context["hits"] == []


def test_very_long_query_gets_a_message(db, client):
    response = client.get("/soeg/", {"q": "x" * (MAX_QUERY_LENGTH + 1)})
    assert response.status_code == 200
    assert "Skriv højst 200 tegn" in response.content.decode()


def test_bad_page_number_shows_a_page(minutes_data, client):
    assert client.get("/soeg/", {"q": "forsøg", "page": "abc"}).status_code == 200
    assert client.get("/soeg/", {"q": "forsøg", "page": "9999"}).status_code == 200


def test_results_are_paginated(db, client):
    NewsItemFactory.create_batch(45, title="Nyhed om paginering")
    first = client.get("/soeg/", {"q": "paginering"})
    third = client.get("/soeg/", {"q": "paginering", "page": 3})
    assert len(first.context["hits"]) == 20
    assert len(third.context["hits"]) == 5
    assert first.context["page_obj"].paginator.count == 45


def test_result_pages_link_to_each_other_with_the_query(db, client):
    NewsItemFactory.create_batch(45, title="Nyhed om paginering")
    second = client.get("/soeg/", {"q": "paginering", "page": 2}).content.decode()
    assert 'href="?q=paginering&amp;page=1"' in second
    assert 'href="?q=paginering&amp;page=3"' in second


def test_search_query_count_is_fixed_with_fifty_times_the_data(minutes_data, client, django_assert_max_num_queries):
    for index in range(50):
        TrialFactory(title=f"Jobforsøg {index}", summary="jobcenter")
        NewsItemFactory(title=f"Jobnyhed {index}", body="jobcenter")
        decision = CommitteeDecisionFactory(text="jobcenter godkendt")
        DocumentFactory(title=f"Jobrapport {index}", extracted_text="jobcenter", meeting=decision.agenda_item.meeting)
    # The filters' choices (committees, municipalities, years: 3), the page of rows with its count and
    # the suggestion (one query on PostgreSQL; the paginator's count and the page on SQLite), and one
    # query per kind on the page (4 here).
    with django_assert_max_num_queries(9 if connection.vendor == "sqlite" else 8):
        response = client.get("/soeg/", {"q": "jobcenter"})
    assert response.context["page_obj"].paginator.count >= 200


def test_excerpt_marks_the_terms_and_starts_at_a_word():
    segments = excerpt("alfa " * 60 + "Mentor beta", ["mentor"])
    assert ("Mentor", True) in segments
    assert segments[0][0].startswith("…alfa")


def test_snippets_show_plain_text_without_the_minutes_markdown(minutes_data, client):
    page = client.get("/soeg/", {"q": "Mariagerfjord"}).content.decode()
    assert "Mariagerfjord" in page
    assert "**" not in page


def test_page_past_the_end_shows_the_last_page(db, client):
    NewsItemFactory.create_batch(25, title="Nyhed om paginering")
    response = client.get("/soeg/", {"q": "paginering", "page": 9999})
    assert response.context["page_obj"].number == 2
    assert len(response.context["hits"]) == 5
    assert response.context["page_obj"].paginator.count == 25


def test_no_hits_show_a_count_of_none(db, client):
    response = client.get("/soeg/", {"q": "hestevogn"})
    assert response.context["page_obj"].paginator.count == 0
    assert response.context["hits"] == []


@postgresql_only
def test_search_query_is_planned_for_its_words_every_time_and_still_counted(db, settings):
    """Never a prepared statement: PostgreSQL's generic plan for it, made without the words, was 2-3x slower."""
    assert settings.DATABASES["default"]["OPTIONS"].get("prepare_threshold"), "prepared statements are on"
    news = NewsItemFactory(title="Mentorordningen udvides", body="Flere borgere får tilbuddet.")
    with CaptureQueriesContext(connection) as queries:
        for _ in range(7):
            rows, total = FullTextBackend("mentorordningen").page_rows(0, 20)
            assert [(row["hit_kind"], row["hit_id"]) for row in rows] == [("news", news.pk)]
    assert sum("typo_candidates" in query["sql"] for query in queries.captured_queries) == 7
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%%typo_candidates%%'")
        assert cursor.fetchone() == (0,)
