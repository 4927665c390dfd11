"""How the sources are searched: Danish full text on PostgreSQL, a plain fallback elsewhere.

On PostgreSQL the hits come from the stored index (models.SearchEntry, kept by indexing.py) in one
query over all kinds; elsewhere every source yields rows of (kind, id, rank), combined with UNION.
Either way the rows are ordered by rank and paginated in the database, and only the page's objects
are then fetched, one query per kind. So a page of results costs a fixed number of queries however
much matches.
"""

import snowballstemmer
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, Count, Exists, F, FloatField, OuterRef, Q, TextField, Value, When
from django.db.models.expressions import Window

from .models import SearchEntry
from .snippets import HIT_START, HIT_STOP, excerpt, plain, split_marked
from .sources import SOURCES, SOURCES_BY_KIND

# PostgreSQL's text search configuration; its stemmer is Snowball's Danish one, as the fallback's.
CONFIG = "danish"
# Below this trigram word similarity a title is not taken as a misspelling of the query.
TYPO_THRESHOLD = 0.5


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


def visible_entries():
    """Entries whose row its source's public QuerySet gives: visibility is decided now, not when indexing."""
    visible = Q()
    for source in SOURCES:
        visible |= Q(kind=source.kind) & Exists(source.queryset().filter(pk=OuterRef("object_id")))
    return SearchEntry.objects.filter(visible)


class FullTextBackend:
    """PostgreSQL: stemmed Danish full text, plus trigram similarity on titles for typos.

    It reads the stored index (SearchEntry), whose vectors and titles are the sources' own
    expressions, through its GIN indexes: all kinds in one query.
    """

    def __init__(self, text):
        self.text = text
        self.query = SearchQuery(text, config=CONFIG, search_type="websearch")

    def ranked_rows(self):
        similarity = TrigramWordSimilarity(Value(self.text), F("title"))
        return (
            visible_entries()
            .annotate(hit_similarity=similarity)
            .filter(
                Q(vector=self.query)
                # `<%` lets the trigram index find the candidates; the exact threshold decides.
                | Q(title__trigram_word_similar=self.text, hit_similarity__gte=TYPO_THRESHOLD)
            )
            .annotate(
                hit_kind=F("kind"),
                hit_id=F("object_id"),
                hit_rank=SearchRank(F("vector"), self.query) + F("hit_similarity") * Value(0.1),
            )
            .values("hit_kind", "hit_id", "hit_rank")
            .order_by("-hit_rank", "hit_kind", "hit_id")
        )

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


class FallbackBackend:
    """Other databases (SQLite in development): every stemmed word must appear; title matches rank first."""

    def __init__(self, text):
        self.terms = [stem(term) for term in text.split()]

    def rows(self, source):
        annotations = {"hit_title": source.title()}
        if source.body() is not None:
            annotations["hit_body"] = source.body()
        rows = source.queryset().annotate(**annotations)
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
            for source in SOURCES
        ]
        first, *rest = parts
        return first.union(*rest, all=True).order_by("-hit_rank", "hit_kind", "hit_id")

    def headline(self, body):
        return body

    def snippet(self, headline):
        return excerpt(plain(headline), self.terms)


def backend_for(text):
    if connection.vendor == "postgresql":
        return FullTextBackend(text)
    return FallbackBackend(text)


def ranked_rows(backend):
    """All hits as (hit_kind, hit_id, hit_rank) rows, best first, as one QuerySet."""
    return backend.ranked_rows()


def ranked_page(backend, number, per_page):
    """One page of ranked rows, with its paginator.

    On PostgreSQL the hits are counted in the page's own query (a window count), so the index is
    searched once, not once for the page and again for the count. Past the last page the
    paginator counts and gives the last page, as Paginator.get_page does.
    """
    rows = ranked_rows(backend)
    paginator = Paginator(rows, per_page)
    if not isinstance(backend, FullTextBackend):
        return paginator.get_page(number)
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    bottom = (number - 1) * per_page
    page_rows = list(rows.annotate(hit_total=Window(Count("*")))[bottom : bottom + per_page])
    if page_rows or number == 1:
        paginator.count = page_rows[0]["hit_total"] if page_rows else 0
        return Page(page_rows, number, paginator)
    return paginator.get_page(number)


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
