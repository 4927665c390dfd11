"""The WSGI entry point that gunicorn's workers load."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.core.management.utils import get_random_secret_key

PROJECT_DIR = Path(__file__).resolve().parents[2]

# Run in a fresh interpreter, as a gunicorn worker loads it: what the test process has imported and
# frozen would say nothing, and freezing it would keep the tests' own objects for good.
LOAD_AS_A_WORKER = """
import gc, json, sys
import frikommune.wsgi
from django.template import engines
print(json.dumps({
    "frozen": gc.get_freeze_count(),
    "collectable": len(gc.get_objects()),
    "views_loaded": all(name in sys.modules for name in ("search.views", "trials.views", "oparl.views")),
    "templates_compiled": sorted(engines["django"].engine.template_loaders[0].get_template_cache),
}))
"""


def test_a_worker_loads_every_view_at_start_and_keeps_its_startup_objects_out_of_garbage_collection():
    environment = {**os.environ, "DEBUG": "0", "SECRET_KEY": get_random_secret_key(), "ALLOWED_HOSTS": "example.org"}
    result = subprocess.run(
        [sys.executable, "-c", LOAD_AS_A_WORKER], cwd=PROJECT_DIR, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    state = json.loads(result.stdout.strip().splitlines()[-1])
    assert state["views_loaded"]
    # The portal's templates are compiled before the freeze, so their nodes are frozen too.
    templates = PROJECT_DIR / "templates"
    names = {path.relative_to(templates).as_posix() for path in templates.rglob("*.html")}
    assert len(names) > 50
    assert names <= set(state["templates_compiled"])
    # A full collection looks only at the collectable objects: a few percent of what start-up built.
    assert state["frozen"] > 50_000
    assert state["collectable"] < state["frozen"] / 10
