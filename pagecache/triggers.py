"""Database triggers that count pagecache_dataversion up on every change to the public pages' data.

Because the counter lives in the database, a change made anywhere (the admin in any gunicorn
worker, the minutes import, a management command, a shell, raw SQL) is seen by every process on its
next request, whatever the cache backend: the page cache keys its pages on the counter.

- PostgreSQL: one statement-level AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE trigger per table,
  so an import of thousands of rows costs one counter update per statement, not per row.
- SQLite (development and tests): three row-level triggers per table (SQLite has no statement level).

The triggers go on every table of the apps in settings.PAGE_CACHE_APPS except simple-history's
historical tables (an edit writes its page's own table too). Installing is idempotent and runs after
every `migrate`, so a new table gets its triggers with the migration that creates it.
"""

import logging

from django.apps import apps as global_apps
from django.conf import settings
from django.db import connections, router
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger(__name__)

TABLE = "pagecache_dataversion"
FUNCTION = "pagecache_bump_version"
PG_TRIGGER = "pagecache_bump_version"

PG_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {TABLE} SET version = version + 1, changed_at = now();
    RETURN NULL;
END
$$
"""

SQLITE_BUMP = f"UPDATE {TABLE} SET version = version + 1, changed_at = strftime('%Y-%m-%d %H:%M:%f', 'now')"


def watched_tables(connection):
    """The existing tables of settings.PAGE_CACHE_APPS' models, historical tables left out, sorted."""
    existing = set(connection.introspection.table_names())
    tables = set()
    for label in settings.PAGE_CACHE_APPS:
        for model in global_apps.get_app_config(label).get_models(include_auto_created=True):
            meta = model._meta
            if not meta.managed or meta.proxy or getattr(model, "instance_type", None) is not None:
                continue  # unmanaged, proxy, or one of simple-history's historical models
            if meta.db_table in existing:
                tables.add(meta.db_table)
    return sorted(tables)


def trigger_statements(connection, table):
    """The SQL that (re)creates the triggers of one table, for this database."""
    quoted = connection.ops.quote_name(table)
    if connection.vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {PG_TRIGGER} ON {quoted}",
            f"CREATE TRIGGER {PG_TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {quoted} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()",
        ]
    if connection.vendor == "sqlite":
        statements = []
        for operation in ("insert", "update", "delete"):
            name = connection.ops.quote_name(f"pagecache_{table}_{operation}")
            statements += [
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} AFTER {operation.upper()} ON {quoted} FOR EACH ROW BEGIN {SQLITE_BUMP}; END",
            ]
        return statements
    return []


def bump_version(using="default"):
    """Count the version up by hand (what the triggers do), creating the row if it is missing."""
    from .models import DataVersion

    now = timezone.now()
    DataVersion.objects.using(using).get_or_create(id=1, defaults={"version": 0, "changed_at": now})
    DataVersion.objects.using(using).filter(id=1).update(version=F("version") + 1, changed_at=now)


def install_triggers(using="default", verbosity=1, **kwargs):
    """post_migrate: (re)create the triggers on the watched tables, then count the migration as a change."""
    from .models import DataVersion

    if not router.allow_migrate_model(using, DataVersion):
        return
    connection = connections[using]
    if TABLE not in connection.introspection.table_names():
        return  # pagecache migrated back to zero
    if connection.vendor not in ("postgresql", "sqlite"):
        logger.warning("pagecache: no triggers for %s; the page cache sees no changes", connection.vendor)
        return
    tables = watched_tables(connection)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_FUNCTION_SQL)
        for table in tables:
            for statement in trigger_statements(connection, table):
                cursor.execute(statement)
    bump_version(using)
    if verbosity >= 2:
        print(f"  pagecache: triggers on {len(tables)} tables")
