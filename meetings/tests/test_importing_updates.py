"""Tests of meetings.importing when the meeting is there: re-import, what is removed or kept, the preview, races."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection

from conftest import SEEDS_DIR
from meetings.importing import CREATED, import_minutes, preview_minutes
from meetings.minutes import MinutesParseError, parse_minutes
from meetings.models import AgendaItem, Attendance, Document, Meeting
from meetings.tests.factories import CommitteeFactory
from meetings.tests.import_helpers import DATE, counts, minutes_with_items, run
from meetings.tests.seed_minutes import WHOLE
from trials.models import Source
from trials.tests.factories import MunicipalityFactory

if not WHOLE.exists():
    pytest.skip(f"seed minutes not found at {SEEDS_DIR}", allow_module_level=True)
WHOLE_TEXT = WHOLE.read_text(encoding="utf-8")
REPOSITORY = Path(__file__).resolve().parents[2]


def without_item(text, number, title):
    """The seed with one open item taken out of the table of contents and the body."""
    text = text.replace(f"{number}\t{title}\t", "", 1)
    start = text.index(f"**Punkt {number}.**")
    end = text.index("**Punkt", start + 5)
    return text[:start] + text[end:]


# --- preview ------------------------------------------------------------------------------------


def test_preview_reports_what_would_be_created_and_saves_nothing(committee):
    before = counts()
    result = preview_minutes(minutes=parse_minutes(WHOLE_TEXT), committee=committee)
    assert counts() == before
    assert result.is_preview and result.meeting.pk is None
    assert result.count("item", CREATED) == 12
    assert result.count("attendance", CREATED) == 12
    assert result.count("attachment", CREATED) == 6


def test_preview_of_reimport_reports_unchanged_and_updated(committee):
    run(WHOLE_TEXT, committee)
    text = WHOLE_TEXT.replace("*Intet.*\n\n\n\n**Punkt 7.**", "*Intet af betydning.*\n\n\n\n**Punkt 7.**")
    result = preview_minutes(minutes=parse_minutes(text), committee=committee)
    changes = {c.number: (c.action, c.fields) for c in result.changes_for("item")}
    assert changes[8] == ("updated", ("decision",))
    assert changes[6] == ("unchanged", ())
    assert AgendaItem.objects.get(number=8).decision == "Intet."


def test_preview_reports_the_same_changes_and_warnings_as_the_import(committee):
    run(WHOLE_TEXT, committee)
    item = AgendaItem.objects.get(number=2)
    item.decision = "Rettet af sekretæren."
    item.save()  # a hand edit: item 2 is kept, item 9 (untouched) is removed
    text = without_item(without_item(WHOLE_TEXT, 9, "Eventuelt"), 2, item.title)
    text = text.replace("Arne Lund Kristensen, ", "").replace("*Intet.*", "*Intet af betydning.*")
    text = text.replace("\n\nLokal intro til nye politiske udvalg - Jobhuset\n", "\n")
    preview = preview_minutes(minutes=parse_minutes(text), committee=committee)
    result = run(text, committee)
    assert {c.action for c in preview.changes} == {"unchanged", "updated", "removed", "kept"}
    assert preview.changes == result.changes
    assert preview.warnings == result.warnings
    assert [s.key for s in preview.suggestions] == [s.key for s in result.suggestions]


@pytest.mark.parametrize("reimport", [False, True], ids=["new meeting", "re-import"])
def test_preview_of_many_items_reads_in_a_few_queries(committee, django_assert_max_num_queries, reimport):
    minutes = parse_minutes(minutes_with_items(200))
    if reimport:
        import_minutes(minutes=minutes, committee=committee)
    with django_assert_max_num_queries(15):  # a constant number: the old preview made ~13 per item
        result = preview_minutes(minutes=minutes, committee=committee)
    assert result.count("item", "unchanged" if reimport else CREATED) == 200
    assert result.count("attachment", "unchanged" if reimport else CREATED) == 200


def test_minutes_with_more_items_than_the_limit_are_refused_before_anything_is_read(
    committee, settings, django_assert_num_queries
):
    settings.MINUTES_MAX_ITEMS = 11
    minutes = parse_minutes(WHOLE_TEXT)
    message = "Referatet har 12 punkter, men højst 11 kan indlæses fra én fil"
    for function in (preview_minutes, import_minutes):
        with django_assert_num_queries(0), pytest.raises(MinutesParseError) as info:
            function(minutes=minutes, committee=committee)
        assert str(info.value) == message
    assert counts()["Meeting"] == 0
    settings.MINUTES_MAX_ITEMS = 12
    assert preview_minutes(minutes=minutes, committee=committee).count("item", CREATED) == 12


# --- re-import ------------------------------------------------------------------------------------


def test_importing_twice_updates_and_never_duplicates(committee):
    run(WHOLE_TEXT, committee)
    first = counts()
    item_pks = set(AgendaItem.objects.values_list("pk", flat=True))
    result = run(WHOLE_TEXT, committee)
    assert counts() == first
    assert set(AgendaItem.objects.values_list("pk", flat=True)) == item_pks
    assert {c.action for c in result.changes} == {"unchanged"}


def test_import_on_top_of_the_hand_made_fixture_updates_it(fixture_committee):
    meeting = Meeting.objects.get(committee=fixture_committee, date=DATE)
    item_pks = dict(meeting.agenda_items.values_list("number", "pk"))
    before = counts()
    result = run(WHOLE_TEXT, fixture_committee)
    assert result.meeting.pk == meeting.pk and not result.meeting_created
    assert meeting.agenda_items.count() == 12
    assert dict(meeting.agenda_items.values_list("number", "pk")) == item_pks
    assert counts()["Meeting"] == before["Meeting"]
    assert counts()["Attendance"] == before["Attendance"]
    assert counts()["Document"] == before["Document"]
    # Only the per-item sources are new; the items keep the sources the fixture gave them.
    assert counts()["Source"] == before["Source"] + 12
    assert meeting.agenda_items.get(number=6).source.locator == "Forside og mødeoplysninger"


def test_reimport_removes_an_item_the_import_created_and_nobody_touched(committee):
    run(WHOLE_TEXT, committee)
    result = run(without_item(WHOLE_TEXT, 9, "Eventuelt"), committee)
    assert not AgendaItem.objects.filter(number=9).exists()
    assert ("item", "removed") in {(c.model, c.action) for c in result.changes}
    assert list(AgendaItem.objects.order_by("position").values_list("number", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
        6,
        8,
        7,
        12,
        10,
        11,
    ]
    assert not Source.objects.filter(locator="Punkt 9").exists()


def test_reimport_keeps_an_item_a_secretary_edited(committee):
    run(WHOLE_TEXT, committee)
    item = AgendaItem.objects.get(number=9)
    item.decision = "Intet. Tilføjet af sekretæren."
    item.save()  # an admin save: no import reason in the history
    result = run(without_item(WHOLE_TEXT, 9, "Eventuelt"), committee)
    item.refresh_from_db()
    assert item.decision == "Intet. Tilføjet af sekretæren."
    assert item.position == 12  # after the items of the minutes
    assert any(w.startswith("Punkt 9 ('Eventuelt') står ikke i referatet, men er bevaret") for w in result.warnings)


def test_reimport_keeps_an_item_added_by_hand(committee):
    run(WHOLE_TEXT, committee)
    meeting = Meeting.objects.get()
    AgendaItem.objects.create(meeting=meeting, number=13, position=13, title="Tilføjet i hånden")
    run(WHOLE_TEXT, committee)
    assert meeting.agenda_items.filter(number=13, title="Tilføjet i hånden").exists()


def test_reimport_removes_imported_attendance_but_keeps_it_after_a_hand_edit(committee):
    run(WHOLE_TEXT, committee)
    text = WHOLE_TEXT.replace("Arne Lund Kristensen, ", "")
    run(text, committee)
    assert not Attendance.objects.filter(name="Arne Lund Kristensen").exists()

    meeting = Meeting.objects.get()
    Attendance.objects.create(meeting=meeting, name="Gæst i hånden", kind=Attendance.Kind.OTHER)
    meeting.save()  # the secretary saved the meeting in the admin
    result = run(text, committee)
    assert Attendance.objects.filter(name="Gæst i hånden").exists()
    assert "Gæst i hånden står ikke i referatets mødeblok, men er bevaret (tilføjet eller ændret i hånden)" in (
        result.warnings
    )


def test_reimport_removes_an_attachment_no_longer_listed_unless_it_has_a_file(committee):
    run(WHOLE_TEXT, committee)
    text = WHOLE_TEXT.replace("\n\nLokal intro til nye politiske udvalg - Jobhuset\n", "\n")
    run(text, committee)
    assert list(AgendaItem.objects.get(number=7).attachments.values_list("title", flat=True)) == [
        "23.01.2018 BSU-intro til Job- og Ydelsesafdelingen"
    ]


# --- two imports at once ------------------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory SQLite test database shares one cache between threads, where SQLite reports "
    "a table lock at once instead of waiting; on SQLite the race runs on a database file in "
    "test_two_imports_at_once_on_a_sqlite_file_make_one_meeting",
)
@pytest.mark.django_db(transaction=True)
def test_two_imports_of_the_same_new_minutes_at_once_make_one_meeting():
    committee = CommitteeFactory(
        name="Beskæftigelsesudvalget", slug="bsu", municipality=MunicipalityFactory(name="Aalborg", slug="aalborg")
    )
    minutes = parse_minutes(WHOLE_TEXT)
    start = threading.Barrier(2, timeout=30)
    results, errors = [], []

    def confirm():
        try:
            start.wait()
            results.append(import_minutes(minutes=minutes, committee=committee))
        except Exception as error:  # noqa: BLE001 - any error fails the test below, with its name
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection; the test database must be left free

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(r.meeting_created for r in results) == [False, True]
    meeting = Meeting.objects.get(committee=committee, date=DATE)
    assert meeting.agenda_items.count() == 12
    assert meeting.attendances.count() == 12
    assert Document.objects.filter(meeting=meeting).count() == 6
    assert Source.objects.filter(locator="Punkt 6").count() == 1


def test_two_imports_at_once_on_a_sqlite_file_make_one_meeting():
    # Without IMMEDIATE transactions and a busy timeout, the second fails with "database is locked".
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    done = subprocess.run(
        [sys.executable, "-m", "meetings.tests.sqlite_race", "100"],
        cwd=REPOSITORY,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert [o["error"] for o in outcome["outcomes"] if "error" in o] == []
    assert sorted(o["created"] for o in outcome["outcomes"]) == [False, True]
    assert (outcome["meetings"], outcome["items"]) == (1, 100)
