"""The project's settings with every cache off, for benchmarks/run.py's uncached numbers.

The dummy cache backend turns off the cache API (`cache_page`, template fragments, low-level
`cache.get`), and the cache middlewares are dropped, so each request does the whole work.
"""

from frikommune.settings import *  # noqa: F403
from frikommune.settings import MIDDLEWARE

CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
MIDDLEWARE = [name for name in MIDDLEWARE if "cache" not in name.lower()]

# benchmarks/run.py --today: the date the pages take as today.
from bench_today import pin_from_environment  # noqa: E402

pin_from_environment()
