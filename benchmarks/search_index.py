"""Benchmark of the indexed search on national data in PostgreSQL: ms per query, p50/p95, rebuild time.

Prepare a PostgreSQL database once (migrate, load the fixtures, generate the national data):
    DATABASE_URL=postgres://… .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://… .venv/bin/python manage.py loaddata fixtures/*.yaml
    DATABASE_URL=postgres://… .venv/bin/python manage.py generate_national_data
Then run from the repository root:
    DATABASE_URL=postgres://… .venv/bin/python benchmarks/search_index.py [--runs 3] [--before 3]
--before N also runs the first N queries through the old query-time path (a search vector computed
per row, one SELECT per kind combined with UNION), bounded by --timeout seconds, and checks that
the indexed search gives the same first page in the same order.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

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
    "integrationsydelse",
    "psykologbehandlng",
    "Jammerbugt",
]


def old_ranked_rows(text):
    """The search as it was before the index: a vector computed per row, per kind, combined with UNION."""
    from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
    from django.db.models import F, Q, TextField, Value

    from search.backends import CONFIG, TYPO_THRESHOLD, search_vector
    from search.sources import SOURCES

    query = SearchQuery(text, config=CONFIG, search_type="websearch")
    parts = []
    for source in SOURCES:
        similarity = TrigramWordSimilarity(Value(text), source.title())
        parts.append(
            source.queryset()
            .annotate(hit_vector=search_vector(source), hit_similarity=similarity)
            .filter(Q(hit_vector=query) | Q(hit_similarity__gte=TYPO_THRESHOLD))
            .annotate(hit_rank=SearchRank(F("hit_vector"), query) + F("hit_similarity") * Value(0.1))
            .annotate(hit_kind=Value(source.kind, output_field=TextField()), hit_id=F("pk"))
            .order_by()
            .values("hit_kind", "hit_id", "hit_rank")
        )
    first, *rest = parts
    return first.union(*rest, all=True).order_by("-hit_rank", "hit_kind", "hit_id")


def first_page(rows):
    return [(row["hit_kind"], row["hit_id"], round(row["hit_rank"], 5)) for row in rows[:20]]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed requests per query (after one warm-up)")
    parser.add_argument("--before", type=int, default=0, metavar="N", help="also time the old path for N queries")
    parser.add_argument("--timeout", type=int, default=60, help="seconds allowed to one old-path query")
    parser.add_argument("--no-rebuild", action="store_true", help="do not time a rebuild of the index first")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frikommune.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import OperationalError, connection, transaction
    from django.test import Client
    from django.test.utils import setup_test_environment

    from meetings.models import AgendaItem
    from search.backends import FullTextBackend
    from search.models import SearchEntry

    if connection.vendor != "postgresql":
        sys.exit("The indexed search is PostgreSQL's: set DATABASE_URL to a PostgreSQL database.")
    setup_test_environment()
    print(f"data: {AgendaItem.objects.count()} agenda items")
    if not args.no_rebuild:
        start = time.perf_counter()
        call_command("rebuild_search_index", verbosity=0)
        print(f"rebuild_search_index: {time.perf_counter() - start:.1f} s, {SearchEntry.objects.count()} entries")

    client = Client()
    medians = {}
    print(f"{'query':<26}{'hits':>7}{'median ms':>11}{'best ms':>9}")
    for text in QUERIES:
        response = client.get("/soeg/", {"q": text})
        assert response.status_code == 200, (text, response.status_code)
        timings = []
        for _ in range(args.runs):
            start = time.perf_counter()
            client.get("/soeg/", {"q": text})
            timings.append((time.perf_counter() - start) * 1000)
        medians[text] = statistics.median(timings)
        count = response.context["page_obj"].paginator.count
        print(f"{text:<26}{count:>7}{medians[text]:>11.1f}{min(timings):>9.1f}")
    values = list(medians.values())
    print(f"p50 {percentile(values, 0.5):.1f} ms, p95 {percentile(values, 0.95):.1f} ms over {len(values)} queries")

    page_sql, params = FullTextBackend("mentor").ranked_rows()[:20].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {page_sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    for name in ("search_entry_vector", "search_entry_title_trgm"):
        used = f"Bitmap Index Scan on {name}" in plan
        print(f"EXPLAIN 'mentor': Bitmap Index Scan on {name}: {'yes' if used else 'NO'}")

    for text in QUERIES[: args.before]:
        new = first_page(FullTextBackend(text).ranked_rows())
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {args.timeout * 1000}")
                start = time.perf_counter()
                old_rows = old_ranked_rows(text)
                old_count = old_rows.count()
                old = first_page(old_rows)
                seconds = time.perf_counter() - start
        except OperationalError:
            print(f"before {text:<19} over {args.timeout} s (timed out)")
            continue
        same = "same first page" if old == new else "DIFFERENT first page"
        print(f"before {text:<19} {seconds * 1000:>9.0f} ms (count + page, {old_count} hits): {same}")


if __name__ == "__main__":
    main()
