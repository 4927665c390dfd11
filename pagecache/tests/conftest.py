"""The page cache's fixtures: each backend (local memory, Redis), and clients of each kind."""

import os

import pytest
from django.core.cache import caches

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/1"
LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pagecache-tests"}
REDIS = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}


def redis_problem():
    """Why Redis at REDIS_URL cannot be used, or None if it answers."""
    try:
        import redis
    except ImportError:
        return "the redis package is not installed"
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError as error:
        return f"Redis at {REDIS_URL} does not answer: {error}"
    return None


@pytest.fixture(params=["locmem", "redis"])
def backend(request, settings):
    """The page cache on local memory, then on Redis (skipped if unreachable, unless REQUIRE_REDIS=1)."""
    if request.param == "redis":
        problem = redis_problem()
        if problem:
            if os.environ.get("REQUIRE_REDIS") == "1":
                pytest.fail(f"REQUIRE_REDIS=1 but {problem}")
            pytest.skip(problem)
    settings.CACHES = {"default": LOCMEM if request.param == "locmem" else REDIS}
    settings.PAGE_CACHE_ALIAS = "default"
    if request.param == "locmem":
        caches["default"].clear()
    return request.param
