"""WSGI entry point, used by gunicorn (see gunicorn.conf.py)."""

import gc
import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application
from django.template import engines
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frikommune.settings")

application = get_wsgi_application()


def freeze_startup_objects():
    """Load every view now and keep what the process has built out of the garbage collector's sight.

    Python's full collection looks at every object that can hold others, and a started portal has
    over 100,000 of them (models, URL patterns, views, forms, translations), built once and kept
    for the life of the process. Every few hundred requests such a collection stopped a request for
    70-120 ms (national data, 2-CPU machine; benchmarks/gc_pauses.py). gc.freeze() moves them to a generation
    that is never collected, so a collection only looks at what requests create (Python's docs
    recommend it for a server's long-lived startup state). The URLconf is loaded first, so that the
    views, forms and admin it imports are frozen too instead of arriving with the first request, and
    so are the portal's own templates, compiled now (about 19,000 objects; the admin's compile on use).
    """
    get_resolver().url_patterns  # noqa: B018 (loads the URLconf and every module it imports)
    compile_portal_templates()
    gc.collect()
    gc.freeze()


def compile_portal_templates():
    """Compile every template of the project's templates/ folder into the cached loader, as the
    first request of each page would. A template that does not compile stops the worker at start
    instead of failing its page later."""
    engine = engines["django"]
    for directory in map(Path, engine.engine.dirs):
        for path in directory.rglob("*"):
            if path.is_file():
                engine.get_template(path.relative_to(directory).as_posix())


freeze_startup_objects()
