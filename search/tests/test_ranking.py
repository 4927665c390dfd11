"""The indexed search gives the results and order of the query it replaced, and bounds its count."""

import pytest
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.core.management import call_command
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, Value

from news.models import NewsItem
from news.tests.factories import NewsItemFactory
from search.backends import CONFIG, MAX_COUNTED, TYPO_THRESHOLD, FullTextBackend
from search.models import SearchEntry
from search.sources import SOURCES

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")

QUERIES = [
    "forsøg",
    "jobcenter",
    "rehabiliteringsteams",
    "mentor",
    "borgere",
    "sygedagpenge",
    "ledighedsydelse",
    "psykologbehandlng",
    "rehabilitring",
    "uddannelsespålæg",
    "Jammerbugt",
    "kommune",
    "udvalg",
    "sygedagpenge mentor",
    '"fleksible rammer"',
    "forsøg -jobcenter",
    "og",
    "hestevognskusk",
]


def old_ranked_rows(text):
    """The query before stored visibility (issue 12): public decided by the sources' rules, trigram scan."""
    visible = Q()
    for source in SOURCES:
        visible |= Q(kind=source.kind) & Exists(source.queryset().filter(pk=OuterRef("object_id")))
    query = SearchQuery(text, config=CONFIG, search_type="websearch")
    return (
        SearchEntry.objects.filter(visible)
        .annotate(hit_similarity=TrigramWordSimilarity(Value(text), F("title")))
        .filter(Q(vector=query) | Q(title__trigram_word_similar=text, hit_similarity__gte=TYPO_THRESHOLD))
        .annotate(
            hit_kind=F("kind"),
            hit_id=F("object_id"),
            hit_rank=SearchRank(F("vector"), query) + F("hit_similarity") * Value(0.1),
        )
        .values_list("hit_kind", "hit_id", "hit_rank")
        .order_by("-hit_rank", "hit_kind", "hit_id")
    )


@postgresql_only
@pytest.mark.parametrize("text", QUERIES)
def test_pages_and_count_are_those_of_the_old_query(minutes_data, text):
    old = list(old_ranked_rows(text))
    backend = FullTextBackend(text)
    for offset in (0, 20, 40):
        rows, total = backend.page_rows(offset, 20)
        assert [(row["hit_kind"], row["hit_id"], row["hit_rank"]) for row in rows] == old[offset : offset + 20]
        assert total == min(len(old), MAX_COUNTED + 1)


@postgresql_only
def test_title_hits_that_fill_the_page_are_ranked_as_before(db):
    """The shortcut that ranks only title hits: enough title hits, body hits with many occurrences."""
    for index in range(25):
        NewsItemFactory(title=f"Odderen nummer {index}", body="odderen " * (index % 4))
    for index in range(10):
        NewsItemFactory(title=f"Nyhed {index}", body="odderen " * 30)
    old = list(old_ranked_rows("odderen"))
    for offset in (0, 20, 40):
        rows, total = FullTextBackend("odderen").page_rows(offset, 20)
        assert [(row["hit_kind"], row["hit_id"], row["hit_rank"]) for row in rows] == old[offset : offset + 20]
        assert total == 35


@postgresql_only
def test_hits_below_the_top_ranks_that_their_titles_lift_are_ranked_as_before(db):
    """The cutoff from the page's hits with their similarity added: titles less like the query where
    the word is more often in the text, and titles just like it where it is less often."""
    for index in range(25):
        NewsItemFactory(title=f"Odderne i åen nummer {index}", body="odderen " * (1 + index % 4))
    for index in range(10):
        NewsItemFactory(title=f"Odderen {index}", body="")
    old = list(old_ranked_rows("odderen"))
    for offset in (0, 20):
        rows, total = FullTextBackend("odderen").page_rows(offset, 20)
        assert [(row["hit_kind"], row["hit_id"], row["hit_rank"]) for row in rows] == old[offset : offset + 20]
        assert total == 35


@postgresql_only
def test_count_stops_past_five_hundred_and_the_pages_with_it(db, client):
    NewsItem.objects.bulk_create(
        NewsItem(title=f"Mentorer {index}", slug=f"mentorer-{index}", date="2020-01-01", body="", is_published=True)
        for index in range(MAX_COUNTED + 5)
    )
    call_command("rebuild_search_index", verbosity=0)
    response = client.get("/soeg/", {"q": "mentorer"})
    assert "Mere end 500 resultater" in response.content.decode()
    assert response.context["page_obj"].paginator.num_pages == MAX_COUNTED // 20
    last = client.get("/soeg/", {"q": "mentorer", "page": "999999999999999999999999"})
    assert last.status_code == 200
    assert last.context["page_obj"].number == MAX_COUNTED // 20
    assert len(last.context["hits"]) == 20


@pytest.mark.parametrize("page", ["abc", "-3", "0", "1e9", "99999999999999999999999999", "2", ""])
def test_odd_page_numbers_give_a_page(db, client, page):
    NewsItemFactory.create_batch(25, title="Nyhed om sæler")
    response = client.get("/soeg/", {"q": "sæler", "page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number in (1, 2)
    assert response.context["hits"]


def test_a_page_past_the_end_gives_the_last_page(db, client):
    NewsItemFactory.create_batch(25, title="Nyhed om sæler")
    response = client.get("/soeg/", {"q": "sæler", "page": "7"})
    assert response.context["page_obj"].number == 2
    assert len(response.context["hits"]) == 5
