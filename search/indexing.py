"""Keeping the stored search index current: bulk SQL that builds entries from the sources' expressions.

An entry's title and vector come from the very expressions the sources define (sources.py), computed
by the database in one INSERT … SELECT, so the index says what the query-time search would say.
Only PostgreSQL keeps the index; elsewhere every function here does nothing.
"""

from django.db import connection, transaction
from django.db.models import BigIntegerField, TextField, Value
from django.db.models.functions import Cast

from .backends import search_vector
from .models import SearchEntry
from .sources import SOURCES


def enabled():
    return connection.vendor == "postgresql"


def _entry_rows(source, rows):
    """The SELECT that gives (kind, object_id, title, vector) for the given rows of the source's model."""
    return (
        rows.order_by()
        .annotate(
            entry_kind=Value(source.kind, output_field=TextField()),
            entry_object_id=Cast("pk", BigIntegerField()),
            entry_title=source.title(),
            entry_vector=search_vector(source),
        )
        .values_list("entry_kind", "entry_object_id", "entry_title", "entry_vector")
    )


def all_rows(source):
    """Every row of the source's model, public or not: visibility is decided when searching."""
    return source.queryset().model._base_manager.all()


def index_rows(source, rows):
    """Insert or refresh the entries of the given rows (a QuerySet of the source's model) in one statement."""
    if not enabled():
        return
    select, params = _entry_rows(source, rows).query.sql_with_params()
    table = SearchEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (kind, object_id, title, vector) {select} "
            "ON CONFLICT (kind, object_id) DO UPDATE SET title = EXCLUDED.title, vector = EXCLUDED.vector",
            params,
        )


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
    table = SearchEntry._meta.db_table
    indexes = SearchEntry._meta.indexes
    with transaction.atomic():
        with connection.schema_editor(atomic=False) as editor:
            editor.execute(f"TRUNCATE {table}")
            for index in indexes:
                editor.remove_index(SearchEntry, index)
        for source in SOURCES:
            index_rows(source, all_rows(source))
        with connection.schema_editor(atomic=False) as editor:
            editor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for index in indexes:
                editor.add_index(SearchEntry, index)
            editor.execute(f"ANALYZE {table}")
    return SearchEntry.objects.count()


# --- Signal receivers, connected in apps.py: the search reacts to the other apps' models. ---


def connect_signals():
    from django.db.models.signals import post_delete, post_save

    for source in SOURCES:
        model = source.queryset().model
        post_save.connect(_saved(source), sender=model, weak=False, dispatch_uid=f"search-index-{source.kind}")
        post_delete.connect(_deleted(source), sender=model, weak=False, dispatch_uid=f"search-unindex-{source.kind}")
        for related_model, lookup in source.text_depends_on().items():
            post_save.connect(
                _related_saved(source, lookup),
                sender=related_model,
                weak=False,
                dispatch_uid=f"search-index-{source.kind}-{lookup}",
            )


def _saved(source):
    def receiver(sender, instance, **kwargs):
        index_rows(source, all_rows(source).filter(pk=instance.pk))

    return receiver


def _deleted(source):
    def receiver(sender, instance, **kwargs):
        unindex(source, [instance.pk])

    return receiver


def _related_saved(source, lookup):
    def receiver(sender, instance, **kwargs):
        index_rows(source, all_rows(source).filter(**{lookup: instance.pk}))

    return receiver
