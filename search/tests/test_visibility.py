"""The index's stored visibility follows every change that decides it: the sources' dependencies.

The search reads SearchEntry.public; these tests change the rows a source's public rule reads
(a meeting's publish state, an item's closed flag, a trial's or news item's publish state, the
links of a document) through saves, deletes and many-to-many changes, and check the search.
On SQLite the search reads the sources directly, so the same tests check the fallback.
"""

import pytest
from django.db import connection

from meetings.tests.factories import AgendaItemFactory, CommitteeDecisionFactory, DocumentFactory
from news.tests.factories import NewsItemFactory
from search.models import SearchEntry
from trials.tests.factories import TrialFactory


def result_titles(client, query):
    response = client.get("/soeg/", {"q": query})
    assert response.status_code == 200
    return sorted(hit.title for hit in response.context["hits"])


def page_text(client, query):
    return client.get("/soeg/", {"q": query}).content.decode()


def test_unpublishing_a_meeting_hides_its_items_decisions_and_documents(db, client):
    item = AgendaItemFactory(title="Punkt om flamingoer", text="Om flamingoerne.")
    CommitteeDecisionFactory(agenda_item=item, text="Flamingoerne godkendt")
    DocumentFactory(title="Bilag om flamingoer", meeting=item.meeting, agenda_item=item)
    assert len(result_titles(client, "flamingoer")) == 3
    meeting = item.meeting
    meeting.is_published = False
    meeting.save()
    assert result_titles(client, "flamingoer") == []
    meeting.is_published = True
    meeting.save()
    assert len(result_titles(client, "flamingoer")) == 3


def test_closing_an_item_keeps_its_title_and_hides_its_text_decisions_and_attachments(db, client):
    item = AgendaItemFactory(title="Punkt om pelikaner", text="Fortrolig sagsfremstilling om pingviner.")
    CommitteeDecisionFactory(agenda_item=item, text="Pelikanerne godkendt")
    DocumentFactory(title="Bilag om pelikaner", agenda_item=item, extracted_text="pingviner")
    assert len(result_titles(client, "pelikaner")) == 3
    assert len(result_titles(client, "pingviner")) == 2
    item.is_closed = True
    item.save()
    assert result_titles(client, "pelikaner") == [str(item)]
    assert result_titles(client, "pingviner") == []
    assert "Fortrolig" not in page_text(client, "pelikaner")
    assert "pingviner" not in page_text(client, "pelikaner")


def test_a_document_follows_the_trials_and_news_it_hangs_on(db, client):
    """A document on draft trials only is not public; publishing, linking and unlinking change that."""
    draft = TrialFactory(title="Kladde", is_published=False)
    document = DocumentFactory(title="Rapport om odderne")
    document.trials.add(draft)
    assert result_titles(client, "odderne") == []
    draft.is_published = True
    draft.save()
    assert result_titles(client, "odderne") == ["Rapport om odderne"]
    draft.is_published = False
    draft.save()
    assert result_titles(client, "odderne") == []
    # Linked from the other side, to a published news item: public again.
    news = NewsItemFactory(title="Nyhed", is_published=True)
    news.documents.add(document)
    assert result_titles(client, "odderne") == ["Rapport om odderne"]
    news.documents.remove(document)
    assert result_titles(client, "odderne") == []
    news.documents.add(document)
    news.documents.clear()
    assert result_titles(client, "odderne") == []
    document.trials.clear()
    # Hanging on nothing at all, it is public.
    assert result_titles(client, "odderne") == ["Rapport om odderne"]


def test_deleting_the_draft_a_document_hangs_on_makes_it_public(db, client):
    draft = TrialFactory(title="Kladde", is_published=False)
    document = DocumentFactory(title="Rapport om bævere")
    document.trials.add(draft)
    assert result_titles(client, "bævere") == []
    draft.delete()
    assert result_titles(client, "bævere") == ["Rapport om bævere"]


def test_a_decision_follows_its_items_meeting(db, client):
    decision = CommitteeDecisionFactory(text="Vaskebjørnene godkendt")
    meeting = decision.agenda_item.meeting
    meeting.is_published = False
    meeting.save()
    assert result_titles(client, "vaskebjørnene") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_every_entry_says_what_the_sources_public_rule_says(minutes_data):
    """After the fixtures' saves and m2m links, the stored flags equal the rule asked now."""
    from search.sources import SOURCES

    for source in SOURCES:
        public = set(source.queryset().values_list("pk", flat=True))
        stored = set(SearchEntry.objects.filter(kind=source.kind, public=True).values_list("object_id", flat=True))
        assert stored == public, source.kind
