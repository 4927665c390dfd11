"""Benchmark of the indexed search on national data in PostgreSQL: page and query ms, p50/p95, with a baseline.

Prepare a PostgreSQL database once (migrate, generate the national data; ~1 min):
    DATABASE_URL=postgres://… .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://… .venv/bin/python manage.py generate_national_data
Then run from the repository root:
    DATABASE_URL=postgres://… .venv/bin/python benchmarks/search_index.py [--runs 3] [--before 20]

Per query it times the search page (/soeg/?q=… through Django's test client, rendering included)
and the search query alone (FullTextBackend.page_rows: the page and its bounded count). The page
runs as in benchmarks/run.py: DEBUG and every cache off, and without the test environment's
instrumented template rendering, which gunicorn does not have (this script had DEBUG on and that
instrumentation up to stop 24). The baseline, taken in the same run, is a page that reads nothing
searched (/soeg/ without a query): on a busy machine the ratio to it says more than the
milliseconds. --before N (needs `make install-dev`: the old query is the one
search/tests/test_ranking.py keeps) also runs the
first N queries through the query as it was before this index (visibility by joins at query time,
trigram scan of the titles, then Paginator.count), and checks that the first page is the same.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Twenty typical queries, words of the minutes: single words common and rare, two-word queries,
# a place name, two typos ("rehabilitring", "psykologbehandlng") and one with no result.
QUERIES = [
    "rehabiliteringsteams",
    "ledighedsydelse",
    "jobafklaringsforløb",
    "mentor",
    "revalidering",
    "løntilskud",
    "sygedagpenge",
    "uddannelsespålæg",
    "frikommuneforsøg",
    "rehabilitring",
    "sygedagpenge mentor",
    "løntilskud virksomhed",
    "jobcenter",
    "borgere",
    "kontanthjælp",
    "fleksjob",
    "beskæftigelsesudvalget",
    "psykologbehandlng",
    "Jammerbugt",
    "hestevognskusk",
]


def first_page(rows):
    return [(row["hit_kind"], row["hit_id"], round(row["hit_rank"], 5)) for row in rows[:20]]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(function, runs):
    function()  # warm-up
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per query (after one warm-up)")
    parser.add_argument("--before", type=int, default=0, metavar="N", help="also time the old query for N queries")
    parser.add_argument("--timeout", type=int, default=60, help="seconds allowed to one old-path query")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("The indexed search is PostgreSQL's: set DATABASE_URL to a PostgreSQL database.")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from run import configure_django

    work = tempfile.TemporaryDirectory(prefix="frikommune-search-")
    configure_django(os.environ["DATABASE_URL"], Path(work.name) / "static")
    from django.core.management import call_command
    from django.db import OperationalError, connection, transaction
    from django.test import Client

    call_command("collectstatic", interactive=False, verbosity=0)

    from meetings.models import AgendaItem
    from search.backends import MAX_COUNTED, FullTextBackend

    print(f"data: {AgendaItem.objects.count()} agenda items; load: {os.getloadavg()[0]:.2f}")
    client = Client(HTTP_HOST="127.0.0.1")

    def page(text):
        response = client.get("/soeg/", {"q": text})
        assert response.status_code == 200, (text, response.status_code)
        return response

    baseline = timed(lambda: client.get("/soeg/"), args.runs * 3)
    pages, queries = {}, {}
    print(f"{'query':<26}{'hits':>7}{'page ms':>9}{'query ms':>10}")
    for text in QUERIES:
        pages[text] = timed(lambda text=text: page(text), args.runs)
        queries[text] = timed(lambda text=text: FullTextBackend(text).page_rows(0, 20), args.runs)
        hits = FullTextBackend(text).page_rows(0, 20)[1]
        count = f">{MAX_COUNTED}" if hits > MAX_COUNTED else str(hits)
        print(f"{text:<26}{count:>7}{pages[text]:>9.1f}{queries[text]:>10.1f}")
    for name, values in (("page", list(pages.values())), ("query", list(queries.values()))):
        p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
        print(
            f"{name:<6} p50 {p50:.1f} ms, p95 {p95:.1f} ms over {len(values)} queries "
            f"(= {p50 / baseline:.1f}× / {p95 / baseline:.1f}× the baseline)"
        )
    print(f"baseline /soeg/ without a query: {baseline:.1f} ms; load now: {os.getloadavg()[0]:.2f}")

    old_times = []
    for text in QUERIES[: args.before]:
        new = first_page(FullTextBackend(text).page_rows(0, 20)[0])
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {args.timeout * 1000}")
                start = time.perf_counter()
                # The old query, as the ranking tests keep it (tuples of kind, id and rank).
                from search.tests.test_ranking import old_ranked_rows

                old_rows = old_ranked_rows(text)
                old_count = old_rows.count()
                old = [(kind, object_id, round(rank, 5)) for kind, object_id, rank in old_rows[:20]]
                seconds = time.perf_counter() - start
        except OperationalError:
            print(f"before {text:<22} over {args.timeout} s (timed out)")
            continue
        old_times.append(seconds * 1000)
        same = "same first page" if old == new else "DIFFERENT first page"
        print(f"before {text:<22} {seconds * 1000:>7.0f} ms (page + count, {old_count} hits): {same}")
    if old_times:
        print(f"before: query p50 {percentile(old_times, 0.5):.0f} ms, p95 {percentile(old_times, 0.95):.0f} ms")


if __name__ == "__main__":
    main()
