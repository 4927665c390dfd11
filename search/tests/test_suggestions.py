""" "Mente du …?": a query with a word that finds nothing is offered the corrected search.

PostgreSQL corrects from the vocabulary (SearchWord) by trigram similarity, the fallback with
difflib over the public rows' words; the rules are the same, so every test runs on both.
"""

import pytest
from django.db import connection

from meetings.tests.factories import AgendaItemFactory, CommitteeDecisionFactory, MeetingFactory
from news.tests.factories import NewsItemFactory
from search.backends import query_words, suggested_text
from search.models import SearchWord
from trials.tests.factories import TrialFactory

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the vocabulary is PostgreSQL's")


def suggestion(client, query, **filters):
    response = client.get("/soeg/", {"q": query, **filters})
    assert response.status_code == 200
    return response.context["suggestion"]


def test_misspelt_word_is_offered_the_word_of_the_minutes(minutes_data, client):
    assert suggestion(client, "rehabilitring") == "rehabiliteringsteams"
    assert suggestion(client, "psykologbehandlng") == "psykologbehandling"
    assert suggestion(client, "ledighedsydlse") == "ledighedsydelse"


def test_suggestion_links_to_the_corrected_search_which_finds_the_trial(minutes_data, client):
    page = client.get("/soeg/", {"q": "rehabilitring"}).content.decode()
    assert 'Mente du: <a href="?q=rehabiliteringsteams"><strong>rehabiliteringsteams</strong></a>?' in page
    titles = [hit.title for hit in client.get("/soeg/", {"q": "rehabiliteringsteams"}).context["hits"]]
    assert "Fleksibilitet i rehabiliteringsteams" in titles


def test_each_unknown_word_is_corrected_on_its_own(minutes_data, client):
    assert suggestion(client, "psykologbehandlng jobcenterindsatsen") == "psykologbehandling jobcenterindsatsen"
    assert suggestion(client, "psykologbehandlng jobcenterindsatsn") == "psykologbehandling jobcenterindsatsen"


def test_suggestion_keeps_a_capital_letter(minutes_data, client):
    assert suggestion(client, "Psykologbehandlng") == "Psykologbehandling"


def test_known_words_get_no_suggestion(minutes_data, client):
    assert suggestion(client, "rehabiliteringsteams") is None
    assert suggestion(client, "psykologbehandling i jobcenterindsatsen") is None


def test_a_word_with_nothing_close_gets_no_suggestion(minutes_data, client):
    assert suggestion(client, "hestevogn") is None


def test_no_suggestion_when_the_corrected_query_finds_nothing(minutes_data, client):
    # One word has no correction: the corrected query would still find nothing.
    assert suggestion(client, "rehabilitring hestevogn") is None
    # Each corrected word finds something, but not with the filter chosen.
    assert suggestion(client, "rehabilitring", type="moede") is None


def test_suggestion_link_keeps_the_valid_filters_and_leaves_the_page(minutes_data, client):
    page = client.get("/soeg/", {"q": "psykologbehandlng", "type": "forsoeg", "aar": "x", "page": "2"}).content.decode()
    assert 'href="?q=psykologbehandling&amp;type=forsoeg"' in page


def test_a_word_only_in_a_closed_items_decision_is_never_suggested(db, client):
    closed = AgendaItemFactory(title="Lukket punkt", is_closed=True, decision="Flamingokolonien flyttes.")
    CommitteeDecisionFactory(agenda_item=closed, text="Pelikankolonien flyttes.")
    AgendaItemFactory(title="Åbent punkt", decision="Strudsekolonien flyttes.")
    assert suggestion(client, "strudsekolnien") == "strudsekolonien"  # an open item's word is
    assert suggestion(client, "flamingokolnien") is None
    assert suggestion(client, "pelikankolnien") is None
    if connection.vendor == "postgresql":
        assert not SearchWord.objects.filter(word__in=["flamingokolonien", "pelikankolonien"]).exists()


def test_closing_an_item_takes_its_decision_words_out_of_the_suggestions(db, client):
    item = AgendaItemFactory(title="Punkt", decision="Strudsekolonien flyttes.")
    CommitteeDecisionFactory(agenda_item=item, text="Pelikankolonien flyttes.")
    assert suggestion(client, "strudsekolnien") == "strudsekolonien"
    assert suggestion(client, "pelikankolnien") == "pelikankolonien"
    item.is_closed = True
    item.save()
    # The words may stay in the vocabulary until a rebuild; they find nothing public, so they are not offered.
    assert suggestion(client, "strudsekolnien") is None
    assert suggestion(client, "pelikankolnien") is None


def test_unpublished_content_is_never_suggested(db, client):
    TrialFactory(title="Kamelforsøget", is_published=False)
    NewsItemFactory(title="Lamanyheden", is_published=False)
    AgendaItemFactory(title="Alpakapunktet", meeting=MeetingFactory(is_published=False))
    assert suggestion(client, "kamelforsøgt") is None
    assert suggestion(client, "lamanyhden") is None
    assert suggestion(client, "alpakapunkte") is None
    if connection.vendor == "postgresql":
        assert not SearchWord.objects.filter(word__in=["kamelforsøget", "lamanyheden", "alpakapunktet"]).exists()


@postgresql_only
def test_the_vocabulary_holds_the_words_of_public_text_but_not_dates_and_case_numbers(db):
    AgendaItemFactory(title="Punkt", text="Rehabiliteringsteamet mødes 12.03.2018 i sag 27.12.04-A00-1-18.")
    words = set(SearchWord.objects.values_list("word", flat=True))
    assert {"rehabiliteringsteamet", "mødes", "sag"} <= words
    assert not {word for word in words if "2018" in word or "a00" in word}


def test_suggested_text_replaces_only_the_fixed_words():
    words = query_words('"rehabilitring" -hest Aalborg')
    assert [core for _, _, core, _ in words] == ["rehabilitring", None, "Aalborg"]
    assert suggested_text(words, ["rehabiliteringsteams", None, None]) == '"rehabiliteringsteams" -hest Aalborg'
