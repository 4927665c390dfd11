"""The news feed: valid Atom, published items only, a fixed query count."""

import datetime
import xml.etree.ElementTree as ET

from news.tests.factories import NewsItemFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def news_titles(client):
    response = client.get("/feeds/nyheder/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]


def test_news_feed_lists_published_news(db, client):
    NewsItemFactory(title="Ny evaluering")
    NewsItemFactory(title="Kladde", is_published=False)
    assert news_titles(client) == ["Ny evaluering"]


def test_news_feed_links_to_the_news_page_and_each_item(db, client):
    item = NewsItemFactory(slug="ny-evaluering")
    root = ET.fromstring(client.get("/feeds/nyheder/").content)
    assert root.find(f"{ATOM}link").get("href") == "http://testserver/vidensdeling/"
    assert root.find(f"{ATOM}entry/{ATOM}link").get("href") == f"http://testserver{item.get_absolute_url()}"


def test_news_feed_keeps_a_fixed_query_count(db, client, django_assert_max_num_queries):
    NewsItemFactory.create_batch(50)
    # +1: the page cache's query for the data's version (pagecache.middleware).
    with django_assert_max_num_queries(1 + 1):
        client.get("/feeds/nyheder/")


def test_news_feed_holds_the_latest_50_items(db, client):
    items = [NewsItemFactory(date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n)) for n in range(60)]
    assert news_titles(client) == [item.title for item in reversed(items[10:])]


def atom(client, url):
    return ET.fromstring(client.get(url).content)


def test_feeds_name_their_author_as_rfc_4287_requires(minutes_data, client):
    news = atom(client, "/feeds/nyheder/")
    decisions = atom(client, "/feeds/beslutninger/")

    assert news.findtext(f"{ATOM}author/{ATOM}name") == "Frikommunenetværket i Nordjylland"
    assert decisions.findtext(f"{ATOM}author/{ATOM}name") == "Frikommuneportalen"
    assert decisions.findtext(f"{ATOM}entry/{ATOM}author/{ATOM}name") == "Beskæftigelsesudvalget"


def test_an_empty_feed_is_dated_by_the_data_not_the_clock(db, client, settings):
    from pagecache.models import DataVersion

    settings.PAGE_CACHE = False
    changed_at = datetime.datetime(2024, 5, 17, 9, 30, tzinfo=datetime.UTC)
    DataVersion.objects.filter(pk=1).update(changed_at=changed_at)

    first = atom(client, "/feeds/nyheder/").findtext(f"{ATOM}updated")
    second = atom(client, "/feeds/nyheder/").findtext(f"{ATOM}updated")

    assert first == second == "2024-05-17T09:30:00+00:00"
