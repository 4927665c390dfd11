"""Vidensdeling: published news and evaluation documents, with downloads only for public files."""

import datetime

import pytest
from django.urls import resolve, reverse

from meetings.tests.factories import DocumentFactory
from news.tests.factories import NewsItemFactory
from trials.tests.factories import TrialFactory


def test_news_list_url_round_trips():
    assert reverse("news:list") == "/vidensdeling/"
    assert resolve("/vidensdeling/").view_name == "news:list"


def test_news_detail_url_round_trips():
    assert reverse("news:detail", kwargs={"slug": "nyt-forsoeg"}) == "/vidensdeling/nyt-forsoeg/"
    assert resolve("/vidensdeling/nyt-forsoeg/").view_name == "news:detail"


def test_news_list_shows_published_news_only(db, client):
    NewsItemFactory(title="Hjemmesiden er klar")
    NewsItemFactory(title="Kladdenyhed", is_published=False)
    page = client.get("/vidensdeling/").content.decode()
    assert "Hjemmesiden er klar" in page
    assert "Kladdenyhed" not in page


def test_news_list_offers_evaluation_documents_with_public_files(db, client):
    trial = TrialFactory(title="Formkrav ved lovpligtige samtaler")
    design = DocumentFactory(title="Evalueringsdesign, formkrav", kind="evaluation_design", file="documents/d.pdf")
    design.trials.add(trial)
    withheld = DocumentFactory(
        title="Midtvejsrapport", kind="evaluation_report", file="documents/r.pdf", is_file_public=False
    )
    DocumentFactory(title="Udkast", kind="evaluation_report", is_published=False)
    DocumentFactory(title="Et bilag", kind="attachment")
    page = client.get("/vidensdeling/").content.decode()
    assert f'href="/dokumenter/{design.pk}/hent/" download' in page
    assert "Midtvejsrapport" in page
    assert f"/dokumenter/{withheld.pk}/hent/" not in page
    assert "Udkast" not in page
    assert "Et bilag" not in page
    assert trial.get_absolute_url() in page


def test_news_detail_shows_a_published_item(db, client):
    item = NewsItemFactory(title="Nyt forsøg", body="Første afsnit.\n\nAndet afsnit.")
    page = client.get(item.get_absolute_url()).content.decode()
    assert "<p>Andet afsnit.</p>" in page


def test_unpublished_or_unknown_news_is_404(db, client):
    item = NewsItemFactory(is_published=False)
    assert client.get(item.get_absolute_url()).status_code == 404
    assert client.get("/vidensdeling/findes-ikke/").status_code == 404


@pytest.mark.parametrize("page", ["abc", "999"])
def test_bad_page_is_404_not_500(db, client, page):
    assert client.get("/vidensdeling/", {"page": page}).status_code == 404


def test_news_list_keeps_a_fixed_query_count(db, client, django_assert_max_num_queries):
    NewsItemFactory.create_batch(50)
    for document in DocumentFactory.create_batch(50, kind="evaluation_report"):
        document.trials.add(TrialFactory())
    # One of them for the footer's network; one counts the evaluation documents for their pages.
    # +1: the page cache's query for the data's version (pagecache.middleware).
    with django_assert_max_num_queries(6 + 1):
        assert client.get("/vidensdeling/").status_code == 200


def test_news_list_shows_twenty_items_a_page(db, client):
    for n in range(25):
        NewsItemFactory(date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    first = client.get("/vidensdeling/").content.decode()
    assert first.count('<article class="news-item">') == 20
    assert 'href="?page=2"' in first
    assert client.get("/vidensdeling/", {"page": 2}).content.decode().count('<article class="news-item">') == 5


def test_news_list_shows_fifty_evaluation_documents_a_page(db, client):
    for n in range(60):
        DocumentFactory(title=f"Rapport {n:02}", kind="evaluation_report", date=datetime.date(2020, 1, 1))
    first = client.get("/vidensdeling/").content.decode()
    assert first.count("Rapport ") == 50
    assert 'href="?dokumenter_side=2#dokumenter"' in first
    second = client.get("/vidensdeling/", {"dokumenter_side": 2}).content.decode()
    assert second.count("Rapport ") == 10
    assert "Rapport 59" in second
    # A page that does not exist gives the nearest one, as on a municipality's decisions.
    assert client.get("/vidensdeling/", {"dokumenter_side": "abc"}).status_code == 200
