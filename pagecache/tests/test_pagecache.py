"""The whole-page cache: served from the cache, invalidated by every way the data changes, on both backends."""

import gzip
import logging
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from frikommune.tests.test_closed_items import SECRETS, closed_item_with_secrets  # noqa: F401 - a fixture
from meetings.models import Committee, Meeting
from meetings.tests.import_helpers import run as run_import
from meetings.tests.seed_minutes import WHOLE
from news.tests.factories import NewsItemFactory
from pagecache.middleware import LocalPages
from pagecache.models import DataVersion
from pagecache.triggers import install_triggers, watched_tables
from trials.tests.helpers import change_form_data

ROOT = Path(__file__).resolve().parents[2]
MEETING_PAGE = "/moeder/beskaeftigelsesudvalget/2018-01-23/"


def get(client, url, **headers):
    """The response and the number of queries it took: 1 (the data's version) means it came from the cache."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def news_url(item):
    return reverse("news:detail", args=[item.slug])


@pytest.fixture
def news_item(db):
    return NewsItemFactory(title="Før ændringen", slug="nyhed")


# --- served from the cache ----------------------------------------------------------------------


def test_second_anonymous_request_is_one_query(backend, minutes_data, client):
    first, first_queries = get(client, "/forsoeg/")
    second, second_queries = get(client, "/forsoeg/")
    assert first.status_code == second.status_code == 200
    assert first_queries > 1
    assert second_queries == 1
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "da"
    assert second["ETag"] == first["ETag"]
    assert second["ETag"].startswith('W/"')
    assert second["Cache-Control"] == f"public, max-age={django_settings.PAGE_CACHE_MAX_AGE}"
    assert second["Vary"] == "Accept-Encoding"
    assert second["Content-Length"] == str(len(second.content))
    # The headers of the middleware inside the cache are kept.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_a_response_that_varies_on_the_accept_header_is_never_served_to_another(minutes_data, client):
    # The API's schema is JSON or YAML by the Accept header (content negotiation: Vary: Accept).
    json_first = client.get("/api/v1/schema/", headers={"Accept": "application/vnd.oai.openapi+json"})
    yaml_after, queries = get(client, "/api/v1/schema/", Accept="application/vnd.oai.openapi")

    assert json_first["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert yaml_after["Content-Type"].startswith("application/vnd.oai.openapi")
    assert not yaml_after["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert "ETag" not in yaml_after


def test_languages_and_query_strings_are_cached_apart(minutes_data, client):
    danish, _ = get(client, "/forsoeg/")
    english, english_queries = get(client, "/en/forsoeg/")
    assert english_queries > 1
    assert english["Content-Language"] == "en"
    assert english.content != danish.content
    assert english["ETag"] != danish["ETag"]
    _, filtered_queries = get(client, "/forsoeg/?sortering=titel")
    assert filtered_queries > 1


def test_cached_pages_set_no_cookie_and_carry_no_csrf_token(minutes_data):
    client = Client()
    for _ in range(2):
        for url in ("/", "/en/", "/soeg/?q=forsøg", "/forsoeg/", "/feeds/nyheder/"):
            response = client.get(url)
            assert response.status_code == 200
            assert not response.cookies, url
            assert "Set-Cookie" not in response.headers
            assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not client.cookies


def test_head_is_answered_and_fills_the_cache(minutes_data, client):
    head = client.head("/forsoeg/")
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"].startswith('W/"')
    response, queries = get(client, "/forsoeg/")
    assert queries == 1
    assert int(head["Content-Length"]) == len(response.content)
    assert client.head("/forsoeg/")["ETag"] == response["ETag"]


def test_gzip_when_the_client_accepts_it(backend, minutes_data, client):
    plain, _ = get(client, "/forsoeg/")
    for _ in range(2):
        response = client.get("/forsoeg/", headers={"accept-encoding": "gzip, deflate, br"})
        assert response["Content-Encoding"] == "gzip"
        assert response["Vary"] == "Accept-Encoding"
        assert int(response["Content-Length"]) == len(response.content) < len(plain.content)
        assert gzip.decompress(response.content) == plain.content
    refused = client.get("/forsoeg/", headers={"accept-encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in refused
    assert refused.content == plain.content


def test_gzip_on_the_request_that_fills_the_cache(minutes_data, client):
    response = client.get("/feeds/nyheder/", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content).startswith(b"<?xml")


# --- conditional requests -----------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/forsoeg/", "/feeds/nyheder/", "/feeds/beslutninger/", "/moeder/kalender.ics"])
def test_304_for_a_matching_etag(minutes_data, client, url):
    etag = client.get(url)["ETag"]
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert client.get(url, headers={"if-none-match": 'W/"something-else"'}).status_code == 200


def test_an_etag_goes_stale_with_a_change(news_item, client):
    etag = client.get(news_url(news_item))["ETag"]
    news_item.title = "Efter ændringen"
    news_item.save()
    response = client.get(news_url(news_item), headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Efter ændringen" in response.content.decode()


def changed_hours_ago(hours):
    changed_at = timezone.now() - timedelta(hours=hours)
    DataVersion.objects.filter(id=1).update(changed_at=changed_at)  # not a watched table: no trigger
    return changed_at


@pytest.mark.parametrize("url", ["/forsoeg/", "/feeds/nyheder/"])
def test_304_for_if_modified_since(minutes_data, client, url):
    changed_hours_ago(1)
    response = client.get(url)
    last_modified = response["Last-Modified"]
    assert client.get(url, headers={"if-modified-since": last_modified}).status_code == 304
    parsed = timezone.datetime.strptime(last_modified, "%a, %d %b %Y %H:%M:%S GMT").timestamp()
    earlier = http_date(parsed - 1 + 0)
    assert client.get(url, headers={"if-modified-since": earlier}).status_code == 200


def test_last_modified_is_the_change_or_the_start_of_today(minutes_data, client):
    changed_at = changed_hours_ago(1)
    start_of_today = timezone.make_aware(timezone.datetime.combine(timezone.localdate(), timezone.datetime.min.time()))
    expected = max(changed_at, start_of_today)
    assert client.get("/forsoeg/")["Last-Modified"] == http_date(int(expected.timestamp()))
    # Yesterday's change: today's "upcoming meetings" may differ, so the page counts from midnight.
    changed_hours_ago(48)
    assert client.get("/om/")["Last-Modified"] == http_date(int(start_of_today.timestamp()))


def test_no_last_modified_within_the_second_of_a_change(news_item, client):
    """HTTP dates have whole seconds: a second change in the same second must not be answered with 304."""
    response = client.get(news_url(news_item))
    assert "Last-Modified" not in response
    assert response["ETag"]


# --- invalidation: every way the data changes -----------------------------------------------------


def test_an_admin_edit_shows_on_the_next_request(backend, news_item, admin_client):
    anonymous = Client()
    assert "Før ændringen" in anonymous.get(news_url(news_item)).content.decode()
    assert get(anonymous, news_url(news_item))[1] == 1
    change = reverse("admin:news_newsitem_change", args=[news_item.pk])
    data = change_form_data(admin_client.get(change))
    data["title"] = "Efter ændringen"
    assert admin_client.post(change, data).status_code == 302
    page = anonymous.get(news_url(news_item)).content.decode()
    assert "Efter ændringen" in page
    assert "Før ændringen" not in page


@pytest.fixture
def committee_without_meetings(minutes_data):
    committee = Committee.objects.get(slug="beskaeftigelsesudvalget")
    Meeting.objects.filter(committee=committee).delete()
    return committee


@pytest.mark.skipif(not WHOLE.exists(), reason="seed minutes not found")
def test_the_minutes_import_shows_on_the_next_request(backend, committee_without_meetings, client):
    assert client.get(MEETING_PAGE).status_code == 404
    before = client.get("/moeder/beskaeftigelsesudvalget/").content.decode()
    assert "23.01.2018" not in before and "23. januar 2018" not in before
    run_import(WHOLE.read_text(encoding="utf-8"), committee_without_meetings, publish=True)
    assert client.get(MEETING_PAGE).status_code == 200
    assert client.get("/moeder/beskaeftigelsesudvalget/").content != before.encode()


@pytest.mark.skipif(not WHOLE.exists(), reason="seed minutes not found")
def test_a_management_command_shows_on_the_next_request(backend, committee_without_meetings, client):
    listing = client.get("/moeder/beskaeftigelsesudvalget/").content
    assert get(client, "/moeder/beskaeftigelsesudvalget/")[1] == 1
    call_command("import_minutes", str(WHOLE), "--committee", committee_without_meetings.slug, "--publish")
    assert client.get("/moeder/beskaeftigelsesudvalget/").content != listing
    assert client.get(MEETING_PAGE).status_code == 200


def test_a_queryset_update_shows_on_the_next_request(backend, news_item, client):
    client.get(news_url(news_item))
    type(news_item).objects.filter(pk=news_item.pk).update(title="Efter ændringen")
    assert "Efter ændringen" in client.get(news_url(news_item)).content.decode()


@pytest.mark.django_db(transaction=True)
def test_raw_sql_from_another_connection_shows_on_the_next_request(backend, client):
    news_item = NewsItemFactory(title="Før ændringen", slug="nyhed")
    assert "Før ændringen" in client.get(news_url(news_item)).content.decode()
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute(f"UPDATE {news_item._meta.db_table} SET title = %s WHERE id = %s", ["Rå SQL", news_item.pk])
        if not other.get_autocommit():
            other.commit()
    finally:
        other.close()
    assert "Rå SQL" in client.get(news_url(news_item)).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_change_in_another_process_shows_on_the_next_request(backend, client):
    """A shell in another process (like a second gunicorn worker or the import) changes a row."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the SQLite test database lives in this process's memory; PostgreSQL runs this test")
    news_item = NewsItemFactory(title="Før ændringen", slug="nyhed")
    assert "Før ændringen" in client.get(news_url(news_item)).content.decode()
    assert get(client, news_url(news_item))[1] == 1
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        url = (
            f"postgres://{quote(database['USER'] or '')}:{quote(database['PASSWORD'] or '')}"
            f"@{database['HOST'] or 'localhost'}:{database['PORT'] or 5432}/{database['NAME']}"
        )
    else:
        url = f"sqlite:///{database['NAME']}"
    code = f"from news.models import NewsItem; NewsItem.objects.filter(pk={news_item.pk}).update(title='Fra en skal')"
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "DEBUG": "1"},
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert "Fra en skal" in client.get(news_url(news_item)).content.decode()


def test_migrate_counts_the_version_up(db):
    before = DataVersion.objects.get().version
    install_triggers(using="default", verbosity=0)
    assert DataVersion.objects.get().version == before + 1


def test_triggers_are_on_the_page_apps_tables_but_not_on_history(db):
    tables = watched_tables(connection)
    assert {"trials_trial", "meetings_agendaitem", "meetings_agendaitem_trials", "search_searchentry"} <= set(tables)
    assert not [table for table in tables if "historical" in table]
    assert not [table for table in tables if table.startswith(("auth_", "django_", "axes_"))]


def test_history_and_sessions_do_not_count_the_version_up(news_item):
    version = DataVersion.objects.get().version
    type(news_item).history.model.objects.all().delete()
    Client().get("/")
    assert DataVersion.objects.get().version == version


# --- never cached -------------------------------------------------------------------------------


def test_logged_in_users_bypass_the_cache(minutes_data, admin_client, client):
    for _ in range(2):
        response, queries = get(admin_client, "/forsoeg/")
        assert response.status_code == 200
        assert queries > 1
        assert "ETag" not in response
    _, anonymous_queries = get(client, "/forsoeg/")
    assert anonymous_queries > 1  # the editor's requests stored nothing


def test_an_editors_view_never_reaches_an_anonymous_visitor(closed_item_with_secrets, admin_client):  # noqa: F811
    editor_page = admin_client.get(MEETING_PAGE).content.decode()
    assert "Orientering fra rådmand og direktør - lukket" in editor_page
    for _ in range(2):
        page = Client().get(MEETING_PAGE).content.decode().lower()
        assert "orientering fra rådmand og direktør - lukket" in page
        assert [field for field, word in SECRETS.items() if word.lower() in page] == []


def test_not_cached_admin_errors_and_posts(minutes_data, client):
    for _ in range(2):
        assert "ETag" not in client.get(reverse("admin:login"))
        response = client.get("/findes-ikke/")
        assert response.status_code == 404
        assert "ETag" not in response
    assert "ETag" not in client.post("/forsoeg/")


def test_off_with_page_cache_false_or_debug(minutes_data, client, settings):
    settings.PAGE_CACHE = False
    assert "ETag" not in client.get("/forsoeg/")
    settings.PAGE_CACHE = True
    settings.DEBUG = True
    assert "ETag" not in client.get("/forsoeg/")


def test_a_new_day_is_a_new_page(minutes_data, client, monkeypatch):
    client.get("/moeder/")
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr("pagecache.middleware.timezone.localdate", lambda: tomorrow)
    assert get(client, "/moeder/")[1] > 1


REDIS_DOWN = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",
    "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
}


def test_redis_down_serves_the_page_uncached_with_one_warning(minutes_data, client, settings, caplog):
    settings.PAGE_CACHE_LOCAL_BYTES = 0  # else the first page is kept in the process's memory (next test)
    settings.CACHES = {"default": REDIS_DOWN}
    with caplog.at_level(logging.WARNING, logger="pagecache.middleware"):
        for _ in range(3):
            response, queries = get(client, "/forsoeg/")
            assert response.status_code == 200
            assert queries > 1
            assert "Forsøg" in response.content.decode()
    warnings = [record for record in caplog.records if record.name == "pagecache.middleware"]
    assert len(warnings) == 1
    assert "unavailable" in warnings[0].getMessage()


# --- each process's own copy in front of Redis ------------------------------------------------------


def test_in_front_of_redis_a_hit_is_served_from_the_process_memory(backend, minutes_data, client, settings):
    if backend != "redis":
        pytest.skip("the process's own copy stands in front of a shared cache only")
    first, _ = get(client, "/forsoeg/")
    # Redis goes away: the page this process served is still served from its memory, for one query.
    settings.CACHES = {"default": REDIS_DOWN}
    second, queries = get(client, "/forsoeg/")
    assert queries == 1
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_the_process_memory_never_serves_a_page_older_than_the_data(backend, news_item, client):
    client.get(news_url(news_item))
    assert get(client, news_url(news_item))[1] == 1
    type(news_item).objects.filter(pk=news_item.pk).update(title="Efter ændringen")
    response, queries = get(client, news_url(news_item))
    assert queries > 1
    assert "Efter ændringen" in response.content.decode()


def test_the_process_memory_keeps_within_its_byte_budget(settings):
    settings.PAGE_CACHE_LOCAL_BYTES = 250
    pages = LocalPages()

    def entry(size):
        return {"headers": [], "body": b"x" * size, "gzip": None}

    pages.set("a", entry(100))
    pages.set("b", entry(100))
    assert pages.get("a") is not None  # "a" is now the most recently used, "b" the least
    pages.set("c", entry(100))
    assert pages.get("b") is None
    assert pages.get("a") is not None and pages.get("c") is not None
    assert pages.size == 200
    pages.set("too-big", entry(251))
    assert pages.get("too-big") is None
    assert pages.size == 200


def test_the_process_memory_lets_an_entry_expire_with_the_cache_timeout(settings, monkeypatch):
    settings.PAGE_CACHE_TIMEOUT = 60
    pages = LocalPages()
    pages.set("a", {"headers": [], "body": b"x", "gzip": None})
    now = time.monotonic()
    monkeypatch.setattr("pagecache.middleware.time.monotonic", lambda: now + 61)
    assert pages.get("a") is None
    assert pages.size == 0
