"""Shared pytest fixtures for every app."""

import html
import importlib
import itertools
import os
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from editors import roles
from frikommune.tests.fixture_replay import FixtureReplay
from meetings.tests.factories import CommitteeSecretaryFactory
from news.tests.factories import NewsItemFactory
from trials.tests.factories import MunicipalCoordinatorFactory, UserFactory

FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
MINUTES_FIXTURES = sorted(str(path) for path in FIXTURES_DIR.glob("*.yaml"))
SEEDS_DIR = Path(__file__).resolve().parent.parent / "shared" / "seeds"


MINUTES_REPLAY = FixtureReplay(MINUTES_FIXTURES)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as pytest-django makes it, with its row counts noted for MINUTES_REPLAY."""
    with django_db_blocker.unblock():
        MINUTES_REPLAY.note_pristine()


@pytest.fixture
def minutes_data(db):
    """The data transcribed from the minutes, as `make run` loads it (replayed after the first time)."""
    MINUTES_REPLAY.load()


# --- The public site, listed once for the smoke, hostile-input and closed-item tests. ---

# Prefixes of routes that are not pages of ours: files served as they are.
NOT_PAGES = ("static/", "media/", "favicon.ico")
# Filtered lists and a search: pages that neither the URLconf nor the sitemap spells out.
QUERY_URLS = [
    "/forsoeg/?runde=2&kommune=thisted&status=started&evaluator=kommunerne&sortering=titel",
    "/forsoeg/?netvaerk=nordjylland&runde=3",
    "/?netvaerk=nordjylland",
    "/ansoegningsrunder/?netvaerk=nordjylland",
    "/moeder/?aar=2018",
    "/moeder/?udvalg=beskaeftigelsesudvalget",
    "/soeg/?q=forsøg",
    "/soeg/?q=forsøg&type=dagsordenspunkt&udvalg=beskaeftigelsesudvalget&kommune=aalborg&aar=2018",
    "/soeg/?q=rehabilitring",
]


def public_routes(resolver=None, prefix=""):
    """Every public URL pattern as its route text ("forsoeg/<slug:slug>/"), leaving the admin out."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(django_settings.ADMIN_URL) or route.startswith(NOT_PAGES):
            continue
        if isinstance(entry, URLResolver):
            yield from public_routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def fixed_public_urls():
    """The public URLs that need no data: every route without parameters, and the QUERY_URLS."""
    return sorted({"/" + route for route in public_routes() if "<" not in route} | set(QUERY_URLS))


def sitemap_locations(client, url):
    """The paths in the <loc>s of one sitemap file (an index or a section)."""
    sitemap = client.get(url).content.decode()
    return [re.sub(r"^https?://[^/]+", "", html.unescape(loc)) for loc in re.findall(r"<loc>(.*?)</loc>", sitemap)]


def sitemap_urls(client):
    """The paths of every section of the sitemap index /sitemap.xml, and of every URL they list."""
    sections = sitemap_locations(client, "/sitemap.xml")
    return sections + [url for section in sections for url in sitemap_locations(client, section)]


@pytest.fixture
def public_urls(minutes_data, client):
    """Every public URL with the minutes loaded: the fixed URLs, the sitemap's pages and the committees' calendars.

    The minutes have no news, so one published news item gives that kind of page an example too.
    """
    NewsItemFactory(title="Nyhed fra netværket", slug="nyhed-fra-netvaerket")
    pages = set(sitemap_urls(client))
    # The calendars and feeds of a committee, a municipality and a trial are linked from their pages, not
    # listed in the sitemap.
    names = {url: resolve(url).url_name for url in pages}
    calendars = {url + "kalender.ics" for url, name in names.items() if name in CALENDAR_PAGES}
    feeds = {url + "feed/" for url, name in names.items() if name in FEED_PAGES}
    return sorted(set(fixed_public_urls()) | pages | calendars | feeds)


# The pages whose subject has a calendar (<page>kalender.ics) or an Atom feed (<page>feed/) of its own.
CALENDAR_PAGES = {"committee_detail", "municipality_detail"}
FEED_PAGES = {"committee_detail", "municipality_detail", "trial_detail"}


TEST_NUMBERS = itertools.count()


@pytest.fixture(autouse=True)
def page_cache_cleared(settings):
    """Each test starts with an empty page cache: keys of its own, and the local-memory cache emptied.

    The data's version goes back with each test's rollback, so a page another test left under the
    same version and URL would otherwise be served. On Redis, keys of its own (process and test) also
    keep test runs apart that share one Redis, without emptying it under another run's feet; they
    expire after a few minutes.
    """
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    from pagecache.middleware import CacheBackendState, local_pages

    settings.PAGE_CACHE_KEY_PREFIX = f"page-test-{os.getpid()}-{next(TEST_NUMBERS)}"
    settings.PAGE_CACHE_TIMEOUT = 300
    CacheBackendState.failing = False
    local_pages.clear()
    cache = caches[settings.PAGE_CACHE_ALIAS]
    if isinstance(cache, LocMemCache):
        cache.clear()


@pytest.fixture(autouse=True)
def unthrottled_api(settings):
    """No API throttle: its counts would carry across tests in the cache. A test of it sets a rate,
    and counts under keys of its own, which no other test (or test process sharing Redis) touches."""
    settings.API_THROTTLE_RATE = None
    settings.API_THROTTLE_KEY_PREFIX = f"throttle-api-test-{os.getpid()}-{next(TEST_NUMBERS)}"


@pytest.fixture(autouse=True)
def alerts_throttle_apart(settings):
    """The e-mail alerts' subscribe throttle counts under keys of each test's own (they live in the cache)."""
    settings.ALERTS_THROTTLE_KEY_PREFIX = f"alerts-throttle-test-{os.getpid()}-{next(TEST_NUMBERS)}"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests hash passwords with MD5, as Django's testing docs advise: the production hasher (PBKDF2,
    a million rounds) took about 0.3 s per login here, and the lockout tests log in a dozen times. The
    production hashers stay in the list, so a password hashed by them still checks."""
    from django.conf import global_settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *global_settings.PASSWORD_HASHERS]


@pytest.fixture
def search_indexed_at_the_end(db):
    """The search index is written once, at the test's end, for what the test saved (PostgreSQL).

    For tests that build hundreds of rows and search none of them (admin lists, a meeting with 600
    items): saved one by one, each row was indexed by itself, most of such a test's time.
    """
    from search.indexing import deferred

    with deferred():
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads in tests land in a temporary folder, never in the project's media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# The data migrations that shape the roles, in the order they run: the roles and their permissions,
# then the news permissions' move from the register (trials) to the news app.
ROLE_MIGRATIONS = [("meetings", "0003_editor_roles", "create_roles"), ("news", "0002_move_content_types", "forwards")]


@pytest.fixture
def editor_roles(db):
    """The three editor roles, as their data migrations make them.

    A transactional test (the browser tests) flushes every table afterwards, roles included; put
    them back with the migrations' own code, each with the models of its own point in the history,
    so the order tests run in does not matter.
    """
    if Group.objects.filter(name__in=roles.ROLE_CHOICES.values()).count() != len(roles.ROLE_CHOICES):
        loader = MigrationExecutor(connection).loader
        for app_label, name, function in ROLE_MIGRATIONS:
            migration = importlib.import_module(f"{app_label}.migrations.{name}")
            getattr(migration, function)(loader.project_state((app_label, name)).apps, None)


def _logged_in(user):
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def network_coordinator_client(editor_roles):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=roles.NETWORK_COORDINATOR))
    return _logged_in(user)


@pytest.fixture
def make_municipal_coordinator_client(editor_roles):
    """A client logged in as the Kommunekoordinator of the given municipalities."""

    def make(*municipalities):
        user = UserFactory()
        user.groups.add(Group.objects.get(name=roles.MUNICIPAL_COORDINATOR))
        for municipality in municipalities:
            MunicipalCoordinatorFactory(user=user, municipality=municipality)
        return _logged_in(user)

    return make


@pytest.fixture
def make_secretary_client(editor_roles):
    """A client logged in as the Udvalgssekretær of the given committees."""

    def make(*committees):
        user = UserFactory()
        user.groups.add(Group.objects.get(name=roles.COMMITTEE_SECRETARY))
        for committee in committees:
            CommitteeSecretaryFactory(user=user, committee=committee)
        return _logged_in(user)

    return make
