"""Tests of published_at: stamped whichever way a meeting, decision, document or news item is published."""

import datetime

import pytest
from django.utils import timezone

from meetings.models import CommitteeDecision, Document, Meeting
from meetings.tests import factories as mf
from meetings.tests.helpers import url
from meetings.tests.import_helpers import run
from meetings.tests.seed_minutes import WHOLE
from news.models import NewsItem
from news.tests.factories import NewsItemFactory

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.datetime(2018, 1, 23, 12, tzinfo=datetime.UTC)


def reloaded(obj):
    return type(obj)._base_manager.get(pk=obj.pk)


@pytest.mark.parametrize(
    "factory",
    [mf.MeetingFactory, mf.CommitteeDecisionFactory, mf.DocumentFactory, NewsItemFactory],
    ids=["meeting", "decision", "document", "news"],
)
def test_a_row_is_stamped_when_published_and_cleared_when_withdrawn(factory):
    before = timezone.now()
    draft = factory(is_published=False)
    assert reloaded(draft).published_at is None

    draft = reloaded(draft)
    draft.is_published = True
    draft.save(update_fields=["is_published"])  # as the admin's list actions save
    stamped = reloaded(draft).published_at
    assert stamped is not None and stamped >= before

    draft = reloaded(draft)
    draft.is_published = False
    draft.save()
    assert reloaded(draft).published_at is None


def test_a_row_created_published_is_stamped():
    assert mf.CommitteeDecisionFactory().published_at is not None
    assert reloaded(NewsItemFactory()).published_at is not None


def test_editing_a_published_row_keeps_its_stamp():
    decision = mf.CommitteeDecisionFactory()
    type(decision)._base_manager.filter(pk=decision.pk).update(published_at=LONG_AGO)

    decision = reloaded(decision)
    decision.text = "Godkendt med en rettelse."
    decision.save()

    assert reloaded(decision).published_at == LONG_AGO


def test_editing_a_row_published_before_the_stamp_existed_does_not_make_it_new():
    news = NewsItemFactory()
    NewsItem.objects.filter(pk=news.pk).update(published_at=None)  # as a loaded fixture leaves it

    news = reloaded(news)
    news.title = "Ny titel"
    news.save()

    assert reloaded(news).published_at is None


def test_a_reloaded_instance_knows_it_was_published_elsewhere():
    meeting = mf.MeetingFactory(is_published=False)
    Meeting.objects.get(pk=meeting.pk).publish()
    Meeting.objects.filter(pk=meeting.pk).update(published_at=LONG_AGO)

    meeting.refresh_from_db()
    meeting.place = "Byrådssalen"
    meeting.save()

    assert reloaded(meeting).published_at == LONG_AGO


def test_an_instance_not_loaded_from_the_database_reads_whether_it_was_published():
    # As a revert from the history builds it: a new instance with the stored row's values.
    decision = mf.CommitteeDecisionFactory()
    CommitteeDecision.objects.filter(pk=decision.pk).update(published_at=LONG_AGO)
    rebuilt = decision.history.earliest().instance
    rebuilt.published_at = LONG_AGO
    rebuilt.text = "Tilbageført."

    rebuilt.save()

    assert reloaded(decision).published_at == LONG_AGO


def test_publishing_a_meeting_stamps_it_and_the_documents_it_publishes():
    meeting = mf.MeetingFactory(is_published=False)
    open_item = mf.AgendaItemFactory(meeting=meeting)
    closed_item = mf.AgendaItemFactory(meeting=meeting, is_closed=True)
    minutes = mf.DocumentFactory(meeting=meeting, is_published=False)
    attachment = mf.DocumentFactory(agenda_item=open_item, is_published=False)
    hidden = mf.DocumentFactory(agenda_item=closed_item, is_published=False)

    meeting.publish()

    assert reloaded(meeting).published_at is not None
    assert reloaded(minutes).published_at is not None
    assert reloaded(attachment).published_at is not None
    assert reloaded(hidden).published_at is None


def test_publishing_from_the_admin_list_stamps_the_meeting(make_secretary_client):
    meeting = mf.MeetingFactory(is_published=False)
    client = make_secretary_client(meeting.committee)

    client.post(url("meeting", "changelist"), {"action": "publish_selected", "_selected_action": [meeting.pk]})

    assert reloaded(meeting).published_at is not None


@pytest.mark.skipif(not WHOLE.exists(), reason="seed minutes not found")
def test_an_import_that_publishes_stamps_the_meeting_and_its_attachments(committee):
    run(WHOLE.read_text(encoding="utf-8"), committee, publish=True)

    assert Meeting.objects.get().published_at is not None
    assert not Document.objects.filter(published_at__isnull=True).exists()
