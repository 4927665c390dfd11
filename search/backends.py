"""How the sources are searched: Danish full text on PostgreSQL, a plain fallback elsewhere.

On PostgreSQL the hits come from the stored index (models.SearchEntry, kept by indexing.py) in one
query over all kinds; elsewhere every source yields rows of (kind, id, rank), combined with UNION.
Either way the rows are ordered by rank and paginated in the database, and only the page's objects
are then fetched, one query per kind. So a page of results costs a fixed number of queries however
much matches. The filters (Filters: kind, committee, municipality, year) narrow the same query.

A query with a word that finds nothing gets a suggestion ("Mente du …?"): each such word is
replaced by the closest word of the public text that finds something, and the suggestion is made
only if the corrected query finds something with the same filters. On PostgreSQL the suggestion
comes from the vocabulary (models.SearchWord) by trigram similarity, inside the search's one query;
elsewhere from difflib over the words of the public rows, asked only when nothing was found.
"""

import difflib
import re
from contextlib import contextmanager
from dataclasses import dataclass

import snowballstemmer
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchVector,
)
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.db.models.functions import ExtractYear
from django.db.models.lookups import Exact

from .models import SearchEntry, SearchWord
from .snippets import HIT_START, HIT_STOP, excerpt, plain, split_marked
from .sources import SOURCES, SOURCES_BY_KIND

# PostgreSQL's text search configuration; its stemmer is Snowball's Danish one, as the fallback's.
CONFIG = "danish"
# Below this trigram word similarity a title is not taken as a misspelling of the query.
TYPO_THRESHOLD = 0.5
# Below this trigram similarity (PostgreSQL) a word is not suggested for an unknown one;
# the closest few above it are tried, best first, until one finds public rows.
SUGGEST_THRESHOLD = 0.4
SUGGEST_CANDIDATES = 5
# The fallback's difflib ratio below which a word is not suggested.
SUGGEST_CUTOFF = 0.75
# A word of the query that a suggestion may replace: letters only, three or more, with quotes or
# brackets around it; not a negated word ("-ord").
CORRECTABLE = re.compile(r'^(["(]*)([^\W\d_]{3,})([")]*[.,;:!?]?)$')


@dataclass(frozen=True)
class Filters:
    """What the search is narrowed to: a kind of content, a committee, a municipality (ids) and a year."""

    kind: str | None = None
    committee_id: int | None = None
    municipality_id: int | None = None
    year: int | None = None


NO_FILTERS = Filters()


def query_words(text):
    """The query's words as (token, prefix, core, suffix); core is None for a word no suggestion replaces."""
    words = []
    for token in text.split():
        match = CORRECTABLE.match(token)
        words.append((token, *match.groups()) if match else (token, None, None, None))
    return words


def suggested_text(words, fixes):
    """The query with each fixed word replaced, keeping the quotes around it and a capital first letter."""
    parts = []
    for (token, prefix, core, suffix), fix in zip(words, fixes, strict=True):
        if fix is None:
            parts.append(token)
            continue
        if core[0].isupper():
            fix = fix[0].upper() + fix[1:]
        parts.append(f"{prefix}{fix}{suffix}")
    return " ".join(parts)


def search_vector(source):
    """The source's title (weight A) and body (weight B) as one Danish tsvector."""
    vector = SearchVector(source.title(), weight="A", config=CONFIG)
    if source.body() is not None:
        vector = vector + SearchVector(source.body(), weight="B", config=CONFIG)
    return vector


def configure_session(sender, connection, **kwargs):
    """Connected to connection_created: the session settings the indexed search relies on.

    The trigram index's `<%` compares with pg_trgm.word_similarity_threshold (0.6 unless set), so it
    is set to the typo threshold; the exact threshold is checked as well. JIT compilation is off:
    the search's cost estimates trip it, and compiling took a second to save milliseconds.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET pg_trgm.word_similarity_threshold = {TYPO_THRESHOLD}; SET jit = off")


@contextmanager
def unprepared_cursor():
    """A cursor whose statements are never prepared: PostgreSQL plans each for its own parameters.

    The project prepares a statement on its second use (settings: DATABASE_PREPARED_STATEMENTS),
    and after five runs of a prepared statement PostgreSQL may keep one generic plan, made without
    the parameters' values. The search's plan depends on them (how many rows the words find, which
    branch runs); its generic plan took 140-180 ms where the planned one took 60 (national data,
    `beskæftigelsesudvalget`). Binding the parameters on the client sends a statement with none to
    prepare, under Django's cursor wrapper, so the query is still counted and logged.
    """
    from django.db.backends.postgresql.base import Cursor as ClientBindingCursor  # psycopg's ClientCursor

    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = ClientBindingCursor(connection.connection)
    wrapped = connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)
    with wrapped as cursor:
        yield cursor


# The count of hits stops here: past it the page says "more than 500", and pages go no further.
MAX_COUNTED = 500


class FullTextBackend:
    """PostgreSQL: stemmed Danish full text, plus trigram similarity on titles for typos.

    It reads the stored index (SearchEntry) through its partial GIN indexes (WHERE public), all
    kinds in one query: the index stores each row's visibility, so no join decides it now. The typo
    path finds title words close to the query in SearchWord (a trigram index over a small table)
    and the titles holding them through title_words; the exact similarity then decides, as before.
    """

    def __init__(self, text, filters=NO_FILTERS):
        self.text = text
        self.filters = filters
        self.query = SearchQuery(text, config=CONFIG, search_type="websearch")
        self.words = query_words(text)
        # The suggested query, or None; page_rows sets it.
        self.suggestion = None

    def _filter_sql(self):
        """The filters as SQL conditions on the entries, each on an indexed column."""
        conditions = {
            "kind": "kind = %(kind)s",
            "committee_id": "committee_id = %(committee_id)s",
            "municipality_id": "municipality_ids @> ARRAY[%(municipality_id)s]::bigint[]",
            "year": "year = %(year)s",
        }
        return "".join(f" AND {sql}" for name, sql in conditions.items() if getattr(self.filters, name) is not None)

    def _sql(self):
        """The SQL conditions of the search, with named parameters (text, threshold, weight, the filters)."""
        entries, words = SearchEntry._meta.db_table, SearchWord._meta.db_table
        query = "websearch_to_tsquery('danish'::regconfig, %(text)s)"
        # The close title words, as one tsquery 'a' | 'b' …: an InitPlan, so the words' index can use it.
        close_words = f"(SELECT string_agg(quote_literal(word), ' | ')::tsquery FROM {words} WHERE word %%> %(text)s)"
        filters = self._filter_sql()
        full_text = f"public AND vector @@ {query}{filters}"
        typo_candidates = f"public AND title_words @@ {close_words}{filters}"
        return {
            "entries": entries,
            "words": words,
            "query": query,
            "filters": filters,
            "full_text": full_text,
            "typo_candidates": typo_candidates,
            "title_hits": f"public AND title_vector @@ {query}{filters}",
        }

    def _params(self):
        params = {"text": self.text, "threshold": TYPO_THRESHOLD, "weight": 0.1}
        params.update(vars(self.filters))
        params.update(
            tokens=[token for token, *_ in self.words],
            cores=[core.lower() if core else None for _, _, core, _ in self.words],
            suggest_threshold=SUGGEST_THRESHOLD,
        )
        return params

    def _suggestion_sql(self, sql):
        """The CTEs that correct the query's unknown words, and the scalar subquery that gives the fixes.

        A word is unknown when it is not in the vocabulary and finds no public entry (a word left in
        the vocabulary by a row since hidden counts as known: it is not corrected, nor suggested).
        Its candidates are the vocabulary's words of letters closest to it (the trigram index's `%`
        finds them, SUGGEST_THRESHOLD and the order pick the best few), and the first that finds a
        public entry replaces it. The fixes, one per word (null where kept), are given only if every
        unknown word has one and the corrected query finds an entry with the same filters.
        """
        entries, words = sql["entries"], sql["words"]
        finds = f"EXISTS (SELECT 1 FROM {entries} WHERE public AND vector @@ plainto_tsquery('danish'::regconfig, %s))"
        ctes = (
            # A word of the vocabulary is taken as known at once (an index lookup): the search of
            # a common word's rows, which building its bitmap makes costly, is left for the rest.
            "query_words AS MATERIALIZED (SELECT position, token, core, CASE WHEN core IS NULL THEN false "
            f"WHEN EXISTS (SELECT 1 FROM {words} WHERE word = core) THEN false "
            "WHEN numnode(plainto_tsquery('danish'::regconfig, core)) = 0 THEN false "
            f"ELSE NOT {finds % 'core'} END AS unknown "
            "FROM unnest(%(tokens)s::text[], %(cores)s::text[]) WITH ORDINALITY AS t(token, core, position)), "
            "fixed_words AS MATERIALIZED (SELECT w.position, w.token, w.unknown, fix.word AS fix FROM query_words w "
            "LEFT JOIN LATERAL (SELECT close.word FROM ("
            f"SELECT word, similarity(word, w.core) AS similarity FROM {words} "
            "WHERE w.unknown AND word %% w.core AND similarity(word, w.core) >= %(suggest_threshold)s "
            f"AND word ~ '^[[:alpha:]]+$' ORDER BY similarity DESC, word LIMIT {SUGGEST_CANDIDATES}) close "
            f"WHERE {finds % 'close.word'} ORDER BY close.similarity DESC, close.word LIMIT 1) fix ON true), "
            "suggestion AS MATERIALIZED (SELECT array_agg(fix ORDER BY position) AS fixes, "
            "string_agg(coalesce(fix, token), ' ' ORDER BY position) AS text, count(fix) AS fixed, "
            "bool_and(NOT unknown OR fix IS NOT NULL) AS complete FROM fixed_words)"
        )
        if len(self.words) == 1 and not sql["filters"]:
            # The one word's correction was chosen because it finds a public entry: that is the check.
            return ctes, "(SELECT fixes FROM suggestion WHERE fixed > 0 AND complete)"
        fixes = (
            "(SELECT fixes FROM suggestion WHERE fixed > 0 AND complete AND EXISTS "
            f"(SELECT 1 FROM {entries} WHERE public AND vector @@ websearch_to_tsquery('danish'::regconfig, "
            f"suggestion.text){sql['filters']}))"
        )
        return ctes, fixes

    def page_rows(self, offset, limit):
        """One page of (hit_kind, hit_id, hit_rank) rows and the number of hits up to MAX_COUNTED + 1.

        One query gives the count (bounded, so it stops early) and the page, in the order and with
        the ranks of ranking every hit (rank DESC, kind, id), even when the page is past the end.

        Ranking reads each ranked hit's whole vector, and a common word has tens of thousands of
        hits, so the query ranks as few as that order allows:
        - A typo hit that the full text does not find ranks by its title similarity alone (its
          ts_rank is 0), without reading its vector; the similarity is computed once per title.
        - For a one-word query, ts_rank gives a word in the title (weight A, 1.0) at least
          1.0 / 1.645 = 0.61, and a word only in the body (weight B, 0.4) less than 0.4; with the
          typo similarity's 0.1 at most, every title hit ranks above every other hit. When the
          title hits fill the page (offset + limit of them), only they are ranked.
        Both page branches are in the query; a one-time filter runs one of them.
        """
        sql, params = self._sql(), self._params()
        entries, bound, need = sql["entries"], MAX_COUNTED + 1, offset + limit
        # The typo hits the full text does not find. Their candidates come from the close words;
        # titles repeat (a committee's meetings, "Meddelelser"), so each distinct title's
        # similarity is computed once.
        typo_hits = (
            f"typo_candidates AS MATERIALIZED (SELECT id, kind, object_id, title FROM {entries} "
            f"WHERE {sql['typo_candidates']}), "
            "typo_similar AS MATERIALIZED (SELECT title, word_similarity(%(text)s, title) AS similarity "
            "FROM typo_candidates GROUP BY title), "
            "typo_only AS MATERIALIZED (SELECT c.kind, c.object_id, s.similarity FROM typo_candidates c "
            "JOIN typo_similar s USING (title) WHERE s.similarity >= %(threshold)s "
            f"AND c.id NOT IN (SELECT id FROM {entries} WHERE {sql['full_text']}))"
        )
        count = (
            f"SELECT CASE WHEN found.n >= {bound} THEN found.n ELSE found.n + "
            f"(SELECT count(*) FROM (SELECT 1 FROM typo_only LIMIT {bound}) typo) END "
            f"FROM (SELECT count(*) AS n FROM (SELECT 1 FROM {entries} WHERE {sql['full_text']} LIMIT {bound}) f) found"
        )
        titles_fill = (
            f"numnode({sql['query']}) = 1 AND "
            f"(SELECT count(*) FROM (SELECT 1 FROM {entries} WHERE {sql['title_hits']} LIMIT {need}) t) >= {need}"
        )
        text_rank = f"ts_rank(vector, {sql['query']})"
        ranking = (
            f"fill AS MATERIALIZED (SELECT {titles_fill} AS titles), "
            # The full-text hits to rank: the title hits alone when they fill the page, else all.
            "ranked AS MATERIALIZED ("
            f"SELECT kind, object_id, title, {text_rank} AS text_rank FROM {entries} "
            f"WHERE {sql['title_hits']} AND (SELECT titles FROM fill) "
            "UNION ALL "
            f"SELECT kind, object_id, title, {text_rank} AS text_rank FROM {entries} "
            f"WHERE {sql['full_text']} AND NOT (SELECT titles FROM fill)), "
            # The title similarity adds at most `weight`. The `need` hits of highest ts_rank, with their
            # similarity added, give a rank that the page's last hit reaches at least; a hit whose ts_rank
            # is more than `weight` below that cannot reach the page, so its similarity is not computed.
            # (Where a word is in every title, that leaves the hits tied for the top ts_rank, not all.)
            "cutoff AS MATERIALIZED (SELECT coalesce((SELECT top.text_rank + word_similarity(%(text)s, top.title) "
            f"* %(weight)s AS rank FROM (SELECT text_rank, title FROM ranked ORDER BY text_rank DESC LIMIT {need}) top "
            f"ORDER BY rank DESC LIMIT 1 OFFSET {need - 1}) - %(weight)s - 1e-9, -1) AS text_rank), "
            "candidates AS MATERIALIZED (SELECT * FROM ranked WHERE text_rank >= (SELECT text_rank FROM cutoff)), "
            "similarities AS MATERIALIZED (SELECT title, word_similarity(%(text)s, title) AS similarity "
            "FROM candidates GROUP BY title), "
            "hits AS ("
            "SELECT c.kind, c.object_id, c.text_rank + s.similarity * %(weight)s AS rank "
            "FROM candidates c JOIN similarities s USING (title) "
            "UNION ALL "
            "SELECT kind, object_id, 0::real + similarity * %(weight)s AS rank FROM typo_only "
            "WHERE NOT (SELECT titles FROM fill))"
        )
        page = (
            f"SELECT kind, object_id, rank FROM hits ORDER BY rank DESC, kind, object_id LIMIT {limit} OFFSET {offset}"
        )
        suggestion_ctes, fixes = self._suggestion_sql(sql)
        with unprepared_cursor() as cursor:
            cursor.execute(
                f"WITH {typo_hits}, {ranking}, {suggestion_ctes} "
                f"SELECT counted.n, {fixes}, page.kind, page.object_id, page.rank FROM ({count}) counted(n) "
                f"LEFT JOIN LATERAL ({page}) page ON true ORDER BY page.rank DESC, page.kind, page.object_id",
                params,
            )
            result = cursor.fetchall()
        total = result[0][0] if result else 0
        fixes = result[0][1] if result else None
        self.suggestion = suggested_text(self.words, fixes) if fixes else None
        rows = [{"hit_kind": kind, "hit_id": pk, "hit_rank": rank} for _, _, kind, pk, rank in result if kind]
        return rows, total

    def headline(self, body):
        return SearchHeadline(
            body, self.query, config=CONFIG, start_sel=HIT_START, stop_sel=HIT_STOP, max_words=35, min_words=15
        )

    def snippet(self, headline):
        return split_marked(" ".join(plain(headline).split()))


def stem(term):
    """The term cut to its Snowball Danish stem, keeping the case the user typed.

    The Danish stemmer only cuts endings (and undoubles a final consonant), so the stem is a
    prefix of the lowercased term: matching it as a substring finds every form that shares it,
    "rehabiliteringsteamet" finds "rehabiliteringsteams". The typed case is kept because SQLite's
    LIKE folds the case of ASCII letters only, so "Ærø" must stay "Ærø" to find "Ærø".
    """
    lowered = term.lower()
    # A stemmer keeps its state while it works, so each call gets its own (threads share modules).
    stemmed = snowballstemmer.stemmer("danish").stemWord(lowered)
    if len(lowered) == len(term) and lowered.startswith(stemmed):
        return term[: len(stemmed)]
    return stemmed


LETTER_WORDS = re.compile(r"[^\W\d_]+")


class FallbackBackend:
    """Other databases (SQLite in development): every stemmed word must appear; title matches rank first."""

    def __init__(self, text, filters=NO_FILTERS):
        self.text = text
        self.filters = filters
        self.terms = [stem(term) for term in text.split()]
        self.suggestion = None

    def filtered(self, source, rows):
        """The rows that pass the filters; None when the source cannot pass them (a kind without a committee)."""
        filters = self.filters
        if filters.kind is not None and filters.kind != source.kind:
            return None
        if filters.committee_id is not None:
            if source.committee() is None:
                return None
            rows = rows.filter(Exact(source.committee(), filters.committee_id))
        if filters.municipality_id is not None:
            condition = source.in_municipality(filters.municipality_id)
            if condition is None:
                return None
            rows = rows.filter(condition)
        if filters.year is not None:
            if source.date() is None:
                return None
            rows = rows.filter(Exact(ExtractYear(source.date()), filters.year))
        return rows

    def sources(self):
        return [source for source in SOURCES if self.filtered(source, source.queryset()) is not None]

    def rows(self, source):
        annotations = {"hit_title": source.title()}
        if source.body() is not None:
            annotations["hit_body"] = source.body()
        rows = self.filtered(source, source.queryset()).annotate(**annotations)
        in_title = Q()
        for term in self.terms:
            matches = Q(hit_title__icontains=term)
            if "hit_body" in annotations:
                matches |= Q(hit_body__icontains=term)
            rows = rows.filter(matches)
            in_title &= Q(hit_title__icontains=term)
        return rows.annotate(
            hit_rank=Case(When(in_title, then=Value(1.0)), default=Value(0.5), output_field=FloatField())
        )

    def ranked_rows(self):
        parts = [
            self.rows(source)
            .annotate(hit_kind=Value(source.kind, output_field=TextField()), hit_id=F("pk"))
            .order_by()
            .values("hit_kind", "hit_id", "hit_rank")
            for source in self.sources()
        ]
        if not parts:
            return SearchEntry.objects.none().values("kind")
        first, *rest = parts
        if not rest:
            return first.order_by("-hit_rank", "hit_kind", "hit_id")
        return first.union(*rest, all=True).order_by("-hit_rank", "hit_kind", "hit_id")

    def vocabulary(self):
        """The words of letters of every public row's title and text, lowercased: one query."""
        parts = []
        for source in SOURCES:
            body = source.body() if source.body() is not None else Value("", output_field=TextField())
            parts.append(
                source.queryset()
                .order_by()
                .annotate(v_title=source.title(), v_body=body)
                .values_list("v_title", "v_body")
            )
        first, *rest = parts
        words = set()
        for title, body in first.union(*rest, all=True):
            words.update(LETTER_WORDS.findall(f"{title} {body}".lower()))
        return words

    def suggest(self):
        """Set the suggestion, when this search found nothing: one query for the words, one to check it."""
        words = query_words(self.text)
        if not any(core for _, _, core, _ in words):
            return
        vocabulary = self.vocabulary()
        fixes = []
        for _token, _prefix, core, _suffix in words:
            term = stem(core).lower() if core else ""
            if not core or any(term in word for word in vocabulary):
                fixes.append(None)
                continue
            close = difflib.get_close_matches(core.lower(), vocabulary, n=1, cutoff=SUGGEST_CUTOFF)
            if not close:
                return
            fixes.append(close[0])
        if not any(fixes):
            return
        text = suggested_text(words, fixes)
        if FallbackBackend(text, self.filters).ranked_rows()[:1]:
            self.suggestion = text

    def headline(self, body):
        return body

    def snippet(self, headline):
        return excerpt(plain(headline), self.terms)


def backend_for(text, filters=NO_FILTERS):
    if connection.vendor == "postgresql":
        return FullTextBackend(text, filters)
    return FallbackBackend(text, filters)


def ranked_rows(backend):
    """All hits as (hit_kind, hit_id, hit_rank) rows, best first, as one QuerySet (the fallback's)."""
    return backend.ranked_rows()


def ranked_page(backend, number, per_page):
    """One page of ranked rows, with its paginator; `paginator.capped` when there are more than MAX_COUNTED hits.

    On PostgreSQL the page and its count come from one query, and the count stops past
    MAX_COUNTED: the pages then end there. A page number that is no number gives page 1, one past
    the end the last page, as Paginator.get_page does.
    """
    if not isinstance(backend, FullTextBackend):
        paginator = Paginator(ranked_rows(backend), per_page)
        paginator.capped = False
        page = paginator.get_page(number)
        if not paginator.count:
            backend.suggest()
        return page
    last_possible = -(-MAX_COUNTED // per_page)
    try:
        number = min(max(1, int(number)), last_possible)
    except (TypeError, ValueError, OverflowError):
        number = 1
    rows, total = backend.page_rows((number - 1) * per_page, per_page)
    paginator = Paginator([], per_page)
    paginator.capped = total > MAX_COUNTED
    paginator.count = min(total, MAX_COUNTED)
    if not rows and number > paginator.num_pages:
        number = paginator.num_pages
        rows, _ = backend.page_rows((number - 1) * per_page, per_page)
    return Page(rows, number, paginator)


def page_hits(backend, rows):
    """Fetch the objects behind one page of rows, one query per kind, and make Hits in order."""
    ids_by_kind = {}
    for row in rows:
        ids_by_kind.setdefault(row["hit_kind"], []).append(row["hit_id"])
    found = {}
    for kind, ids in ids_by_kind.items():
        source = SOURCES_BY_KIND[kind]
        objects = source.fetch(ids)
        if source.body() is not None:
            objects = objects.annotate(hit_snippet=backend.headline(source.body()))
        for obj in objects:
            hit = source.hit(obj)
            hit.snippet = backend.snippet(getattr(obj, "hit_snippet", ""))
            found[(kind, obj.pk)] = hit
    return [found[(row["hit_kind"], row["hit_id"])] for row in rows if (row["hit_kind"], row["hit_id"]) in found]
