"""Benchmark of the public pages on data 50 times the minutes': time, SQL queries and memory per page.

Run from the repository root: .venv/bin/python benchmarks/public_pages.py [--scale 50] [--runs 5]
Uses a throw-away SQLite database unless BENCH_DATABASE_URL names another (e.g. a PostgreSQL
database made for it). Needs the test dependencies (factory-boy): `make install-dev`.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build_data(scale):
    """The minutes' data, then `scale` times as many trials, participations, meetings and items."""
    from django.core.management import call_command

    from conftest import MINUTES_FIXTURES
    from meetings.tests import factories as mf
    from trials.models import ApplicationRound, Municipality, Trial
    from trials.tests import factories as tf

    call_command("loaddata", *MINUTES_FIXTURES, verbosity=0)
    municipalities = list(Municipality.objects.all())
    committee = mf.CommitteeFactory(municipality=municipalities[0])
    rounds = list(ApplicationRound.objects.all())
    for index in range(19 * scale):
        trial = tf.TrialFactory(application_round=rounds[index % 3], number_in_round=100 + index)
        for municipality in municipalities[index % 4 : index % 4 + 3]:
            tf.ParticipationFactory(trial=trial, municipality=municipality)
    trials = list(Trial.objects.all()[:50])
    for _ in range(scale):
        meeting = mf.MeetingFactory(committee=committee)
        for number in range(1, 13):
            item = mf.AgendaItemFactory(
                meeting=meeting,
                number=number,
                position=number,
                is_closed=number > 10,
                decision="Godkendt.",
                case_description="Rehabiliteringsteamet drøftede sagen.",
            )
            item.trials.add(*trials[:3])
            mf.DocumentFactory(meeting=meeting, agenda_item=item)


def measure(client, url, runs):
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    timings = []
    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    tracemalloc.start()
    client.get(url)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return len(queries), statistics.median(timings), min(timings), peak / 1024 / 1024, len(response.content)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp.name}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frikommune.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from meetings.models import Meeting
    from trials.models import Trial

    setup_test_environment()
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    build_data(args.scale)
    print(
        f"database: {connection.vendor}; data: {Trial.objects.count()} trials, "
        f"{Meeting.objects.count()} meetings; built in {time.perf_counter() - start:.1f} s"
    )

    big_meeting = Meeting.objects.exclude(committee__slug="beskaeftigelsesudvalget").first()
    pages = {
        "forside": "/",
        "forsøg (alle)": "/forsoeg/",
        "forsøg (filtreret)": "/forsoeg/?runde=2&kommune=aalborg",
        "forsøg: rehabilitering": "/forsoeg/fleksibilitet-i-rehabiliteringsteams/",
        "kommune: Aalborg": "/kommuner/aalborg/",
        "ansøgningsrunde 3": "/netvaerk/nordjylland/ansoegningsrunder/3/",
        "netværk": "/netvaerk/nordjylland/",
        "møder": "/moeder/",
        "møde 23.01.2018": "/moeder/beskaeftigelsesudvalget/2018-01-23/",
        "møde (syntetisk)": big_meeting.get_absolute_url(),
        "søg": "/soeg/?q=rehabiliteringsteamet",
        "feed: beslutninger": "/feeds/beslutninger/",
        "kalender": "/moeder/kalender.ics",
        "sitemap": "/sitemap.xml",
    }
    client = Client()
    print(f"{'page':<26}{'queries':>8}{'median ms':>11}{'best ms':>9}{'peak MiB':>10}{'KiB':>8}")
    for name, url in pages.items():
        queries, median, best, peak, size = measure(client, url, args.runs)
        print(f"{name:<26}{queries:>8}{median:>11.1f}{best:>9.1f}{peak:>10.1f}{size / 1024:>8.0f}")
    tmp.cleanup()


if __name__ == "__main__":
    main()
