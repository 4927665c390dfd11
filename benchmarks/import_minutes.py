"""Benchmark of the minutes import: 500 synthetic items, preview and confirm of a new and a re-import.

The preview is what the admin's upload page runs inside the request; the confirm is the import.

Run from the repository root: python benchmarks/import_minutes.py
Always uses a throw-away SQLite database in a temporary directory (DATABASE_URL is overridden).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    tmp = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frikommune.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from parse_minutes import build_text

    from meetings.importing import import_minutes, preview_minutes
    from meetings.minutes import parse_minutes
    from meetings.models import AgendaItem, Committee
    from trials.models import Municipality

    call_command("migrate", verbosity=0)
    municipality, _ = Municipality.objects.get_or_create(name="Benchmarkby", slug="benchmarkby")
    committee = Committee.objects.create(name="Benchmarkudvalget", slug="benchmark-import", municipality=municipality)
    minutes = parse_minutes(build_text())
    steps = [
        ("preview of a new meeting", preview_minutes),
        ("confirm: first import (creates)", import_minutes),
        ("preview of the re-import", preview_minutes),
        ("confirm: re-import (unchanged)", import_minutes),
    ]
    for label, function in steps:
        start = time.perf_counter()
        result = function(minutes=minutes, committee=committee)
        elapsed = (time.perf_counter() - start) * 1000
        stored = AgendaItem.objects.filter(meeting__committee=committee).count()
        print(f"{label}: {elapsed:.0f} ms, {len(result.changes_for('item'))} items in the result, {stored} stored")
    tmp.cleanup()


if __name__ == "__main__":
    main()
