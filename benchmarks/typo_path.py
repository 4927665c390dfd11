"""Where the search's typo path spends its time, and what a bound or a trim of the titles could save.

For a query that the full text does not find, the search ranks every title holding a word close to
the query by pg_trgm's word_similarity(query, title) (search/backends.py). Per query this prints:
- the candidate titles (distinct, public) and their mean length;
- the time of word_similarity over them, against the same call with a query none of whose trigrams
  occur in any title, so that pg_trgm's extent search never runs: the rest is making the titles'
  trigrams, which no bound or cut-off of the extent search saves;
- the bound: a title's similarity is at most the share of the query's trigrams found anywhere in it
  (U, from show_trgm). The page needs the exact value of every title with U at or above the similarity
  of its 20th hit (ties are ordered by kind and id); it prints how many those are, and checks that U
  was never below the exact value;
- the trim: the words before the first and after the last word holding a query trigram do not change
  word_similarity (its extent search starts at the first such trigram and scores only at them); it
  prints the share of the titles' characters that trimming would keep.

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/typo_path.py [jobcenter fleksjob …]

Needs the national data in PostgreSQL (see benchmarks/search_index.py).
"""

import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

# The typo queries of benchmarks/search_index.py: no entry of the national data holds them as a word.
QUERIES = ["fleksjob", "jobcenter", "kontanthjælp", "rehabilitring"]
# A query whose trigrams occur in no Danish title.
NO_MATCH = "zzqxv"
PAGE = 20
WORD = re.compile(r"[^\W_]+")


def trigrams(word):
    """pg_trgm's trigrams of one word: lowercased, two spaces before and one after."""
    padded = f"  {word.lower()} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def kept_share(query, titles):
    """The share of the titles' characters left once the words without a query trigram are cut from both ends."""
    wanted = set().union(*(trigrams(word) for word in WORD.findall(query)))
    total = kept = 0
    for title in titles:
        total += len(title)
        holding = [match for match in WORD.finditer(title) if trigrams(match.group()) & wanted]
        if holding:
            kept += holding[-1].end() - holding[0].start()
    return kept / total if total else 0.0


def best_ms(cursor, sql, params, runs=5):
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        cursor.execute(sql, params)
        cursor.fetchall()
        timings.append((time.perf_counter() - started) * 1000)
    return min(timings)


def main():
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("The typo path is PostgreSQL's: set DATABASE_URL to a PostgreSQL database.")
    from run import configure_django

    work = tempfile.TemporaryDirectory(prefix="frikommune-typo-")
    configure_django(os.environ["DATABASE_URL"], Path(work.name) / "static")
    from django.db import connection

    from search.backends import FullTextBackend

    queries = sys.argv[1:] or QUERIES
    print(f"{'query':<16}{'titles':>7}{'chars':>7}{'ms':>8}{'no-match ms':>13}{'U >= 20th':>18}{'trim keeps':>12}")
    # The connection's session has the search's typo threshold (search.backends.configure_session).
    with connection.cursor() as cursor:
        for query in queries:
            # The candidates exactly as the search selects them.
            sql = FullTextBackend(query)._sql()
            cursor.execute("DROP TABLE IF EXISTS typo_titles")
            cursor.execute(
                "CREATE TEMP TABLE typo_titles AS SELECT title, count(*) AS hits, "
                "word_similarity(%(text)s, title) AS similarity, "
                "(SELECT count(*) FROM unnest(show_trgm(title)) t WHERE t = ANY(show_trgm(%(text)s)))::real "
                "/ array_length(show_trgm(%(text)s), 1) AS bound "
                f"FROM {sql['entries']} WHERE {sql['typo_candidates']} GROUP BY title",
                {"text": query},
            )
            cursor.execute("SELECT title, hits, similarity, bound FROM typo_titles ORDER BY similarity DESC")
            rows = cursor.fetchall()
            if not rows:
                print(f"{query:<16}{0:>7}")
                continue
            seen, twentieth = 0, rows[-1][2]
            for _title, hits, similarity, _bound in rows:
                seen += hits
                if seen >= PAGE:
                    twentieth = similarity
                    break
            needed = sum(1 for *_, bound in rows if bound >= twentieth - 1e-6)
            assert all(bound >= similarity - 1e-6 for _, _, similarity, bound in rows), "a bound below the value"
            timing = "SELECT sum(word_similarity(%s, title)) FROM typo_titles"
            exact = best_ms(cursor, timing, [query])
            no_match = best_ms(cursor, timing, [NO_MATCH])
            titles = [title for title, *_ in rows]
            mean_chars = sum(map(len, titles)) / len(titles)
            print(
                f"{query:<16}{len(rows):>7}{mean_chars:>7.0f}{exact:>8.1f}{no_match:>13.1f}"
                f"{f'{needed} ({twentieth:.3f})':>18}{kept_share(query, titles):>12.0%}"
            )
    print(
        "titles: distinct public candidate titles; ms: word_similarity over them (best of 5); "
        "U >= 20th: titles whose bound reaches the 20th hit's similarity (in brackets)"
    )


if __name__ == "__main__":
    main()
