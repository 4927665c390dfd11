"""Two threads confirm the same new minutes on a file-based SQLite database; prints the outcome as JSON.

Run by test_importing_updates in a subprocess: the test database of pytest-django is in-memory with a
shared cache, where SQLite does not wait for a lock, so the race needs a database file of its own.
"""

import json
import os
import sys
import tempfile
import threading


def main(item_count: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from meetings.importing import import_minutes
    from meetings.minutes import parse_minutes
    from meetings.models import AgendaItem, Committee, Meeting
    from meetings.tests.import_helpers import minutes_with_items
    from trials.models import Municipality

    call_command("migrate", verbosity=0)
    municipality = Municipality.objects.create(name="Aalborg", slug="aalborg")
    committee = Committee.objects.create(name="Beskæftigelsesudvalget", slug="bsu", municipality=municipality)
    connection.close()
    minutes = parse_minutes(minutes_with_items(item_count))
    start = threading.Barrier(2, timeout=30)
    outcomes = []

    def confirm():
        try:
            start.wait()
            outcomes.append({"created": import_minutes(minutes=minutes, committee=committee).meeting_created})
        except Exception as error:  # noqa: BLE001 - reported to the test
            outcomes.append({"error": repr(error)})
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return {"outcomes": outcomes, "meetings": Meeting.objects.count(), "items": AgendaItem.objects.count()}


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/race.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frikommune.settings")
        print(json.dumps(main(int(sys.argv[1]))))
