"""The minutes' fixtures replayed (fixture_replay.py) write what loaddata writes, row for row."""

import pytest
from django.db import connection, transaction

from conftest import MINUTES_FIXTURES
from frikommune.tests.fixture_replay import KEPT_BY_TRIGGERS, FixtureReplay, table_names
from trials.models import Municipality, Trial
from trials.tests.factories import TrialFactory

# Set to the moment of writing, so a replay carries the first load's moments instead.
MOMENT_COLUMNS = {"history_date", "created", "modified"}


def every_row():
    """{table: sorted rows}, leaving out the columns that hold the moment of writing."""
    quote = connection.ops.quote_name
    tables = {}
    with connection.cursor() as cursor:
        for table in table_names():
            if table in KEPT_BY_TRIGGERS:
                continue
            cursor.execute(f"SELECT * FROM {quote(table)}")
            keep = [i for i, column in enumerate(cursor.description) if column[0] not in MOMENT_COLUMNS]
            tables[table] = sorted((tuple(str(row[i]) for i in keep) for row in cursor.fetchall()), key=repr)
    return tables


def rows_after(load):
    """Every row after load() and a municipality made after it (its id shows where the sequence
    stood), all rolled back afterwards."""
    with transaction.atomic():
        load()
        Municipality.objects.create(name="Efter", slug="efter")
        rows = every_row()
        transaction.set_rollback(True)
    return rows


@pytest.fixture
def replay(db):
    replay = FixtureReplay(MINUTES_FIXTURES)
    replay.note_pristine()
    return replay


def test_a_replay_writes_the_rows_loaddata_writes(replay):
    loaded = rows_after(replay.load)
    assert replay.rows, "the first load notes the rows it wrote"
    assert rows_after(replay.load) == loaded
    assert loaded["trials_trial"] and loaded["meetings_agendaitem"]
    if connection.vendor == "postgresql":
        assert loaded["search_searchentry"], "the search index, which only PostgreSQL keeps"


def test_rows_written_first_get_a_real_load(replay):
    replay.load()
    with transaction.atomic():
        TrialFactory(title="Skrevet før")
        replay.load()
        assert Trial.objects.filter(title="Skrevet før").exists()
        assert Trial.objects.count() == 20
        transaction.set_rollback(True)


def test_the_page_caches_version_moves_on_a_replay(replay):
    from pagecache.models import DataVersion

    rows_after(replay.load)
    before = list(DataVersion.objects.values_list("pk", "version"))
    with transaction.atomic():
        replay.load()
        assert list(DataVersion.objects.values_list("pk", "version")) != before
        transaction.set_rollback(True)
