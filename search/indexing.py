"""Keeping the stored search index current: bulk SQL that builds entries from the sources' expressions.

An entry's title and vector come from the very expressions the sources define (sources.py), computed
by the database in one INSERT … SELECT, so the index says what the query-time search would say.
Only PostgreSQL keeps the index; elsewhere every function here does nothing.
"""

import functools
import operator
import threading
from contextlib import contextmanager

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import BigIntegerField, Exists, OuterRef, PositiveSmallIntegerField, Q, TextField, Value
from django.db.models.functions import Cast, ExtractYear

from .backends import CONFIG, search_vector
from .models import SearchEntry, SearchWord
from .sources import SOURCES, ArrayOf

# The vocabulary's words are the words as written, lowercased: no stemming, no stop words.
WORDS_CONFIG = "simple"
# The entry's columns, in the order _entry_rows selects them.
ENTRY_COLUMNS = [
    "kind",
    "object_id",
    "title",
    "vector",
    "title_vector",
    "title_words",
    "public",
    "committee_id",
    "municipality_ids",
    "year",
]


def enabled():
    return connection.vendor == "postgresql"


def _entry_rows(source, rows):
    """The SELECT that gives an entry's columns (entry_…) for the given rows of the source's model,
    and entry_words: the words of its title and text, for the vocabulary."""
    text = [source.title()] if source.body() is None else [source.title(), source.body()]
    committee, date, municipalities = source.committee(), source.date(), source.municipality_ids()
    return (
        rows.order_by()
        .annotate(
            entry_kind=Value(source.kind, output_field=TextField()),
            entry_object_id=Cast("pk", BigIntegerField()),
            entry_title=source.title(),
            entry_vector=search_vector(source),
            entry_title_vector=SearchVector(source.title(), config=CONFIG),
            entry_title_words=SearchVector(source.title(), config=WORDS_CONFIG),
            # The source's own public rule, asked of this row now: the search reads only this flag.
            entry_public=Exists(source.queryset().filter(pk=OuterRef("pk"))),
            entry_committee_id=Cast(committee, BigIntegerField())
            if committee is not None
            else Cast(Value(None), BigIntegerField()),
            entry_municipality_ids=municipalities if municipalities is not None else ArrayOf(),
            entry_year=ExtractYear(date) if date is not None else Cast(Value(None), PositiveSmallIntegerField()),
            entry_words=SearchVector(*text, config=WORDS_CONFIG),
        )
        .values_list(*(f"entry_{column}" for column in ENTRY_COLUMNS), "entry_words")
    )


def all_rows(source):
    """Every row of the source's model, public or not: non-public rows are indexed with public false."""
    return source.queryset().model._base_manager.all()


def _upsert(source, rows):
    """Insert or refresh the entries of the given rows, and add the words of the public ones, in one statement.

    The vocabulary takes every word of a public title (the typo path looks titles up by them) and
    the words of letters only of the public text: case numbers and dates would only crowd it.
    """
    select, params = _entry_rows(source, rows).query.sql_with_params()
    entries, words = SearchEntry._meta.db_table, SearchWord._meta.db_table
    columns = ", ".join(ENTRY_COLUMNS)
    updates = ", ".join(f"{column} = EXCLUDED.{column}" for column in ENTRY_COLUMNS[2:])
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH source_rows AS MATERIALIZED ({select}), "
            f"written AS (INSERT INTO {entries} ({columns}) "
            f"SELECT {', '.join(f'entry_{column}' for column in ENTRY_COLUMNS)} FROM source_rows "
            f"ON CONFLICT (kind, object_id) DO UPDATE SET {updates}) "
            f"INSERT INTO {words} (word) SELECT word FROM ("
            "SELECT unnest(tsvector_to_array(entry_title_words)) AS word FROM source_rows WHERE entry_public "
            "UNION SELECT word FROM source_rows, unnest(tsvector_to_array(entry_words)) AS word "
            "WHERE entry_public AND word ~ '^[[:alpha:]]+$'"
            # A backslash would need another quoting in the typo path's tsquery; no title word has one.
            ") public_words WHERE strpos(word, chr(92)) = 0 ON CONFLICT (word) DO NOTHING",
            params,
        )


def index_rows(source, rows):
    """Insert or refresh the entries of the given rows (a QuerySet of the source's model) in one statement."""
    if enabled():
        _upsert(source, rows)


_deferred = threading.local()


@contextmanager
def deferred():
    """Index what is saved inside the block once, at its end: one statement per source instead of
    one per save (loaddata saves each object by itself). Nothing is indexed if the block fails, as its
    writes are then rolled back (loaddata runs in a transaction). Nested blocks join the outer one.
    """
    if getattr(_deferred, "pending", None) is not None:
        yield
        return
    _deferred.pending = {}
    try:
        yield
        pending = _deferred.pending
    finally:
        _deferred.pending = None
    for source, lookups in pending.items():
        matching = functools.reduce(
            operator.or_, (Q(**{f"{lookup}__in": values}) for lookup, values in lookups.items())
        )
        # A semi-join: a row that several lookups (or joins) find is written once.
        index_rows(source, all_rows(source).filter(pk__in=all_rows(source).filter(matching).values("pk")))


def _reindex(source, lookup, values):
    """Index again the source's rows whose `lookup` is among `values`: now, or at the end of deferred()."""
    if not enabled() or not values:
        return
    pending = getattr(_deferred, "pending", None)
    if pending is None:
        index_rows(source, all_rows(source).filter(**{f"{lookup}__in": values}))
    else:
        pending.setdefault(source, {}).setdefault(lookup, set()).update(values)


def unindex(source, pks):
    if enabled():
        SearchEntry.objects.filter(kind=source.kind, object_id__in=pks).delete()


def rebuild():
    """Replace every entry, one INSERT … SELECT per source; returns the number of entries.

    The GIN indexes are dropped while the rows go in and built again afterwards, which is several
    times faster than updating them row by row. It is one transaction: searches wait for it (the
    table is locked), and see the old index or the new one, never a part.
    """
    if not enabled():
        return 0
    indexes = [(SearchEntry, index) for index in SearchEntry._meta.indexes]
    indexes += [(SearchWord, index) for index in SearchWord._meta.indexes]
    with transaction.atomic():
        with connection.schema_editor(atomic=False) as editor:
            editor.execute(f"TRUNCATE {SearchEntry._meta.db_table}, {SearchWord._meta.db_table}")
            for model, index in indexes:
                editor.remove_index(model, index)
        for source in SOURCES:
            _upsert(source, all_rows(source))
        with connection.schema_editor(atomic=False) as editor:
            editor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for model, index in indexes:
                editor.add_index(model, index)
            editor.execute(f"ANALYZE {SearchEntry._meta.db_table}")
            editor.execute(f"ANALYZE {SearchWord._meta.db_table}")
    return SearchEntry.objects.count()


# --- Signal receivers, connected in apps.py: the search reacts to the other apps' models. ---


def connect_signals():
    from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

    for source in SOURCES:
        model = source.queryset().model
        post_save.connect(_saved(source), sender=model, weak=False, dispatch_uid=f"search-index-{source.kind}")
        post_delete.connect(_deleted(source), sender=model, weak=False, dispatch_uid=f"search-unindex-{source.kind}")
        for related_model, lookup in source.dependencies():
            uid = f"search-index-{source.kind}-{lookup}"
            post_save.connect(_related_saved(source, lookup), sender=related_model, weak=False, dispatch_uid=uid)
            # A deleted row's dependents are found before it goes, and reindexed after.
            pre_delete.connect(
                _related_deleting(source, lookup), sender=related_model, weak=False, dispatch_uid=f"{uid}-pre"
            )
            post_delete.connect(
                _related_deleted(source, lookup), sender=related_model, weak=False, dispatch_uid=f"{uid}-post"
            )
        for name in source.m2m_depends_on():
            through = model._meta.get_field(name).remote_field.through
            m2m_changed.connect(
                _m2m_changed(source, name), sender=through, weak=False, dispatch_uid=f"search-m2m-{source.kind}-{name}"
            )


def _saved(source):
    def receiver(sender, instance, **kwargs):
        _reindex(source, "pk", [instance.pk])

    return receiver


def _deleted(source):
    def receiver(sender, instance, **kwargs):
        unindex(source, [instance.pk])

    return receiver


def _related_saved(source, lookup):
    def receiver(sender, instance, **kwargs):
        _reindex(source, lookup, [instance.pk])

    return receiver


def _dependents_key(source, lookup):
    return f"_search_dependents_{source.kind}_{lookup}"


def _related_deleting(source, lookup):
    def receiver(sender, instance, **kwargs):
        if enabled():
            pks = list(all_rows(source).filter(**{lookup: instance.pk}).values_list("pk", flat=True))
            setattr(instance, _dependents_key(source, lookup), pks)

    return receiver


def _related_deleted(source, lookup):
    def receiver(sender, instance, **kwargs):
        pks = getattr(instance, _dependents_key(source, lookup), None)
        if pks:
            # Rows deleted with it (a cascade) are simply not found again.
            _reindex(source, "pk", pks)

    return receiver


def _m2m_changed(source, name):
    """A link added or removed between the source's rows and the rows of a many-to-many field."""

    def receiver(sender, instance, action, reverse, pk_set, **kwargs):
        if not enabled():
            return
        if not reverse:
            if action in ("post_add", "post_remove", "post_clear"):
                _reindex(source, "pk", [instance.pk])
            return
        # From the other side: the instance is the related row; pk_set holds the source's rows.
        if action == "pre_clear":
            instance._search_cleared = list(all_rows(source).filter(**{name: instance.pk}).values_list("pk", flat=True))
        elif action in ("post_add", "post_remove"):
            _reindex(source, "pk", pk_set)
        elif action == "post_clear":
            _reindex(source, "pk", getattr(instance, "_search_cleared", []))

    return receiver
