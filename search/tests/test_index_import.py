"""The stored search index follows an import of minutes (PostgreSQL)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from meetings.models import AgendaItem, Committee, Meeting
from meetings.tests.test_importing import WHOLE
from search.models import SearchEntry


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_imported_minutes_are_indexed_and_found(minutes_data, client):
    committee = Committee.objects.get(slug="beskaeftigelsesudvalget")
    Meeting.objects.filter(committee=committee).delete()
    assert not SearchEntry.objects.filter(kind="agenda_item").exists()

    call_command("import_minutes", str(WHOLE), "--committee", committee.slug, "--publish", stdout=StringIO())

    items = AgendaItem.objects.filter(meeting__committee=committee)
    assert SearchEntry.objects.filter(kind="agenda_item", object_id__in=items.values("pk")).count() == 12
    hits = client.get("/soeg/", {"q": "styrelsesvedtægt"}).context["hits"]
    assert any(hit.title.startswith("Punkt 3.") for hit in hits)
