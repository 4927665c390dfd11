"""Subscribing is throttled per client and per e-mail address, in the default cache (fixed windows).

The client is its address as frikommune.proxy reads it (REMOTE_ADDR, or X-Forwarded-For behind
PROXY_COUNT proxies). An e-mail address is kept in the cache only as a keyed hash (salted_hmac with
the SECRET_KEY), so the cache holds no addresses. With the local-memory cache each worker counts on
its own; with Redis (REDIS_URL) all workers share the counts.
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.utils.crypto import salted_hmac

from frikommune.proxy import client_ip_address

PERIODS = {"s": 1, "sec": 1, "min": 60, "hour": 3600, "day": 86400}


def parse_rate(rate):
    """ "10/hour" -> (10, 3600); the period is s, sec, min, hour or day."""
    count, _, period = rate.partition("/")
    return int(count), PERIODS[period.strip().lower()]


def _allow(scope, ident, rate):
    """Count one request for ident; False if that makes more than the rate allows in this window."""
    limit, period = parse_rate(rate)
    window = int(time.time() // period)
    key = f"{settings.ALERTS_THROTTLE_KEY_PREFIX}:{scope}:{ident}:{window}"
    cache = caches["default"]
    try:
        cache.add(key, 0, timeout=period + 1)
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=period + 1)
        count = 1
    except Exception:  # noqa: BLE001 - a cache that is down must not take the form down with it
        return True
    return count <= limit


def allow_client(request):
    return _allow("client", client_ip_address(request) or "unknown", settings.ALERTS_SUBSCRIBE_RATE_PER_CLIENT)


def allow_address(email):
    ident = salted_hmac("alerts.throttle.address", email).hexdigest()
    return _allow("address", ident, settings.ALERTS_SUBSCRIBE_RATE_PER_ADDRESS)
