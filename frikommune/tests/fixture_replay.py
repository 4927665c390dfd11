"""The minutes' fixtures, loaded for real once per test process and replayed as rows after that.

`loaddata` saves each object through the ORM, with its signals and natural-key lookups: 0.5 s on
PostgreSQL for the minutes' 275 objects (1.2 s while each save indexed the search), in each of the
hundreds of tests that start from them. What it leaves behind is only rows, so the first load in a
process notes the rows it wrote, and later tests insert those same rows in one statement per table
(COPY on PostgreSQL; about 20 ms): the page cache's triggers fire as on any insert, and the sequences
are moved past the ids, as loaddata moves them.

It replays only onto a database as the migrations left it (every table holding as many rows as
right after the test database was made); a test that wrote rows first gets a real loaddata.
test_fixture_replay.py checks that both ways write the same rows.
"""

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

# Tables whose rows the database keeps itself (pagecache.triggers count its version up on every
# insert), so a replay's inserts bring them where loaddata did.
KEPT_BY_TRIGGERS = {"pagecache_dataversion"}


def table_names():
    return sorted(connection.introspection.table_names(include_views=False))


def table_counts():
    """{table: number of rows}, in one query."""
    tables = table_names()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables))
        return dict(zip(tables, cursor.fetchone(), strict=True))


class FixtureReplay:
    def __init__(self, labels):
        self.labels = labels
        self.pristine = None
        self.rows = None

    def note_pristine(self):
        """Call once the test database is made: the row counts a replay may start from."""
        self.pristine = table_counts()
        self.rows = None

    def load(self):
        if self.pristine is None or table_counts() != self.pristine:
            self.load_for_real()
        elif self.rows is None:
            self.load_for_real()
            self.rows = self._written_rows()
        else:
            self.replay()

    def load_for_real(self):
        call_command("loaddata", *self.labels, verbosity=0)

    def _written_rows(self):
        counts = table_counts()
        grown = [table for table in counts if counts[table] != self.pristine[table] and table not in KEPT_BY_TRIGGERS]
        # Only tables that were empty: rows already there before cannot be told from the new ones.
        if any(self.pristine[table] for table in grown):
            return None
        return {table: _read_table(table) for table in grown}

    def replay(self):
        with transaction.atomic():
            for table, rows in self.rows.items():
                _write_table(table, rows)
            tables = set(self.rows)
            models = [model for model in apps.get_models(include_auto_created=True) if model._meta.db_table in tables]
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)


def _read_table(table):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                return b"".join(bytes(block) for block in copy)
        columns = [column.name for column in connection.introspection.get_table_description(cursor, table)]
        # "+column" is SQLite's no-op: an expression has no declared type, so the values come as
        # stored (text, numbers), not through the converters that would give back times and dates.
        cursor.execute(f"SELECT {', '.join(f'+{quote(column)}' for column in columns)} FROM {quote(table)}")
        return columns, cursor.fetchall()


def _write_table(table, rows):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                copy.write(rows)
            return
        columns, values = rows
        names = ", ".join(quote(column) for column in columns)
        cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})", values)
