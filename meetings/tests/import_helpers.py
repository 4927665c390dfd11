"""Helpers shared by the import's test modules: counting the rows an import writes, importing a text,
and minutes as long as one likes."""

import datetime

from meetings.importing import import_minutes
from meetings.minutes import parse_minutes
from meetings.models import AgendaItem, Attendance, Document, Meeting
from trials.models import Source

DATE = datetime.date(2018, 1, 23)


def counts():
    return {model.__name__: model.objects.count() for model in (Meeting, AgendaItem, Attendance, Document, Source)}


def run(text, committee, **kwargs):
    return import_minutes(minutes=parse_minutes(text), committee=committee, **kwargs)


def minutes_with_items(count):
    """Whole minutes with `count` short items, each with one attachment."""
    head = "# Referat\n\nAalborg Byråd\n\n**Beskæftigelsesudvalget**\n\nMødet den 23.01.2018 kl. 08.30 - 11.30\n\n"
    items = (
        f"**Punkt {n}.**\n\n**Sag nummer {n}**\n\n*Beslutning:*\n\n*Godkendt.*\n\nBilag:\n\nOversigt {n}\n\n"
        for n in range(1, count + 1)
    )
    return head + "".join(items)
