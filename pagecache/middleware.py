"""A whole-page cache for anonymous GET and HEAD requests of the public pages, with conditional requests.

Each request that may be served from the cache reads the data's version (one query, pagecache.models)
and looks its page up under a key made of the version, today's date (pages list "upcoming" meetings),
the language and the full URL. A change to the data counts the version up in the database
(pagecache.triggers), so every process's next request misses and renders afresh; old keys simply
expire (PAGE_CACHE_TIMEOUT). The cache keeps the body and a gzip copy, and answers If-None-Match and
If-Modified-Since with 304.

In front of a shared cache (Redis), each process also keeps the pages it served last in its own memory
(LocalPages): under the same versioned keys, so they can never be older than the data either, and a hit
then costs no round trip to Redis.

What is never cached: a request carrying a session cookie (an editor, logged in or logging in), the
admin, anything but GET and HEAD, a response other than 200, a streamed one, one that sets a cookie,
one marked private or no-store, one that read the session or varies on the cookie or the language.
So an editor's view of a page (which may show more) never reaches an anonymous visitor.
"""

import gzip
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from datetime import UTC, datetime
from datetime import time as clock_time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date

logger = logging.getLogger(__name__)

VERSION_SQL = "SELECT version, changed_at FROM pagecache_dataversion WHERE id = 1"
# Headers the cache sets itself, or that belong to one response only; every other header is kept.
OWN_HEADERS = {
    "cache-control",
    "content-encoding",
    "content-length",
    "date",
    "etag",
    "expires",
    "last-modified",
    "set-cookie",
    "vary",
}
COMPRESSIBLE = ("text/", "application/xml", "application/rss", "application/atom", "application/json")
MIN_GZIP_BYTES = 200
# A page larger than this is served but not kept (a cache value should stay well under Redis' limits).
MAX_CACHED_BYTES = 20 * 1024 * 1024


def read_version():
    """The data's (version, changed_at as an aware UTC datetime), or None if the row is missing."""
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL)
        row = cursor.fetchone()
    if row is None:
        return None
    version, changed_at = row
    if isinstance(changed_at, str):  # SQLite: the text the trigger or Django wrote
        changed_at = parse_datetime(changed_at)
    if changed_at is not None and timezone.is_naive(changed_at):
        changed_at = changed_at.replace(tzinfo=UTC)
    return version, changed_at


def accepts_gzip(request):
    """Whether the request's Accept-Encoding allows gzip (gzip or *, with a q above 0)."""
    for part in request.headers.get("Accept-Encoding", "").split(","):
        name, _, parameters = part.partition(";")
        if name.strip().lower() not in ("gzip", "*"):
            continue
        quality = parameters.strip().lower()
        if quality.startswith("q="):
            try:
                return float(quality[2:]) > 0
            except ValueError:
                return False
        return True
    return False


class CacheBackendState:
    """Logs one warning when the cache backend starts failing, and one line when it answers again."""

    failing = False

    @classmethod
    def failed(cls, error):
        if not cls.failing:
            cls.failing = True
            logger.warning("Page cache backend unavailable, serving pages uncached: %s", error)

    @classmethod
    def answered(cls):
        if cls.failing:
            cls.failing = False
            logger.warning("Page cache backend answers again")


class LocalPages:
    """The pages this process served last, least recently used out first, within PAGE_CACHE_LOCAL_BYTES.

    Needs no invalidation of its own: an entry's key names the data's version (and the day), so a change
    to the data makes every older entry unreachable, as in the shared cache; the oldest fall out by size.
    """

    def __init__(self):
        self.entries = OrderedDict()  # key -> (entry, size, expires at)
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            entry, _size, expires_at = found
            if expires_at <= time.monotonic():
                self._remove(key)
                return None
            self.entries.move_to_end(key)
            return entry

    def set(self, key, entry):
        limit = settings.PAGE_CACHE_LOCAL_BYTES
        size = len(entry["body"]) + len(entry["gzip"] or b"")
        if size > limit:
            return
        with self.lock:
            if key in self.entries:
                self._remove(key)
            self.entries[key] = (entry, size, time.monotonic() + settings.PAGE_CACHE_TIMEOUT)
            self.size += size
            while self.size > limit:
                self._remove(next(iter(self.entries)))

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0

    def _remove(self, key):
        _, size, _ = self.entries.pop(key)
        self.size -= size


local_pages = LocalPages()


class PageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache, keyed on the data's version (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.applies(request):
            return self.get_response(request)
        state = read_version()
        if state is None:
            return self.get_response(request)
        version, changed_at = state
        key = self.cache_key(request, version)
        cache = caches[settings.PAGE_CACHE_ALIAS]
        # A local-memory cache is this process's own already; a copy in front of it would only double it.
        local = settings.PAGE_CACHE_LOCAL_BYTES > 0 and not isinstance(cache, LocMemCache)
        entry = local_pages.get(key) if local else None
        if entry is None:
            entry = self.cache_get(cache, key)
            if entry is None:
                response = self.get_response(request)
                if not self.storable(request, response):
                    return response
                entry = self.entry(response)
                self.cache_set(cache, key, entry)
            if local:
                local_pages.set(key, entry)
        return self.respond(request, entry, key, changed_at)

    # --- which requests and responses -------------------------------------------------------------

    def applies(self, request):
        return (
            getattr(settings, "PAGE_CACHE", True)
            and not settings.DEBUG
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path_info.startswith(f"/{settings.ADMIN_URL}")
        )

    def storable(self, request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if response.has_header("Content-Encoding") or len(response.content) > MAX_CACHED_BYTES:
            return False
        cache_control = response.headers.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return False
        # The key is the URL alone: a response that varies on anything else (a cookie, the Accept header of
        # the API's content negotiation) would be served to a request it was not made for.
        varies_on = {word.strip() for word in response.headers.get("Vary", "").lower().split(",") if word.strip()}
        if varies_on - {"accept-encoding"}:
            return False
        # A view that read the session (and so request.user) may have shaped the page for one visitor.
        session = getattr(request, "session", None)
        if session is not None and (session.accessed or session.modified):
            return False
        user = getattr(request, "_cached_user", None)
        return not (user is not None and user.is_authenticated)

    # --- the cache ------------------------------------------------------------------------------------

    def cache_key(self, request, version):
        url = request.build_absolute_uri()
        digest = hashlib.sha256(url.encode()).hexdigest()
        date = timezone.localdate().isoformat()
        return f"{settings.PAGE_CACHE_KEY_PREFIX}:{version}:{date}:{translation.get_language()}:{digest}"

    def cache_get(self, cache, key):
        try:
            entry = cache.get(key)
        except Exception as error:  # noqa: BLE001 - any backend failure: serve uncached, never a 500
            CacheBackendState.failed(error)
            return None
        CacheBackendState.answered()
        return entry

    def cache_set(self, cache, key, entry):
        try:
            cache.set(key, entry, settings.PAGE_CACHE_TIMEOUT)
        except Exception as error:  # noqa: BLE001
            CacheBackendState.failed(error)
        else:
            CacheBackendState.answered()

    def entry(self, response):
        """What the cache keeps of a response: its headers (not the per-response ones), body and gzip copy."""
        headers = [(name, value) for name, value in response.items() if name.lower() not in OWN_HEADERS]
        body = response.content
        compressed = None
        content_type = response.headers.get("Content-Type", "").lower()
        if len(body) >= MIN_GZIP_BYTES and content_type.startswith(COMPRESSIBLE):
            compressed = gzip.compress(body, compresslevel=6, mtime=0)
            if len(compressed) >= len(body):
                compressed = None
        return {"headers": headers, "body": body, "gzip": compressed}

    # --- the response -------------------------------------------------------------------------------

    def last_modified(self, changed_at):
        """Last-Modified: the last change, or the start of today if later (pages list upcoming meetings).

        None (no header, the ETag alone) while the change's own second has not clearly passed: HTTP
        dates have whole seconds, and a second change within that second would otherwise be missed.
        """
        if changed_at is None:
            return None
        start_of_today = timezone.make_aware(datetime.combine(timezone.localdate(), clock_time.min))
        moment = max(changed_at, start_of_today)
        if int(moment.timestamp()) >= int(time.time()) - 1:
            return None
        return int(moment.timestamp())

    def respond(self, request, entry, key, changed_at):
        use_gzip = entry["gzip"] is not None and accepts_gzip(request)
        body = entry["gzip"] if use_gzip else entry["body"]
        response = HttpResponse(body)
        for name, value in entry["headers"]:
            response.headers[name] = value
        response.headers["Content-Length"] = str(len(body))
        if use_gzip:
            response.headers["Content-Encoding"] = "gzip"
        if entry["gzip"] is not None:
            patch_vary_headers(response, ["Accept-Encoding"])
        etag = f'W/"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'
        response.headers["ETag"] = etag
        last_modified = self.last_modified(changed_at)
        if last_modified is not None:
            response.headers["Last-Modified"] = http_date(last_modified)
        response.headers["Cache-Control"] = f"public, max-age={settings.PAGE_CACHE_MAX_AGE}"
        return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
