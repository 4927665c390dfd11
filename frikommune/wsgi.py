"""WSGI entry point, used by gunicorn (see gunicorn.conf.py)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frikommune.settings")

application = get_wsgi_application()


def freeze_startup_objects():
    """Load every view now and keep what the process has built out of the garbage collector's sight.

    Python's full collection looks at every object that can hold others, and a started portal has
    over 100,000 of them (models, URL patterns, views, forms, translations), built once and kept
    for the life of the process. Every few hundred requests such a collection stopped a request for
    70-105 ms (national data, 2-CPU machine; benchmarks/gc_pauses.py). gc.freeze() moves them to a generation
    that is never collected, so a collection only looks at what requests create (Python's docs
    recommend it for a server's long-lived startup state). The URLconf is loaded first, so that the
    views, forms and admin it imports are frozen too instead of arriving with the first request.
    """
    get_resolver().url_patterns  # noqa: B018 (loads the URLconf and every module it imports)
    gc.collect()
    gc.freeze()


freeze_startup_objects()
