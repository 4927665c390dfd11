"""Which committees' records each editor may edit: Committee/Meeting/Document.objects.editable_by(user)."""

import pytest
from django.contrib.auth.models import Group

from editors import roles
from meetings.models import AgendaItem, Committee, Document, Meeting
from meetings.tests import factories as mf
from trials.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_meetings():
    return {"own": mf.AgendaItemFactory().meeting, "other": mf.AgendaItemFactory().meeting}


def test_secretary_edits_their_own_committees_records_only(make_secretary_client, two_meetings):
    own = two_meetings["own"]
    user = make_secretary_client(own.committee).user
    mf.DocumentFactory(meeting=own)
    mf.DocumentFactory(meeting=two_meetings["other"])

    assert list(Committee.objects.editable_by(user)) == [own.committee]
    assert list(Meeting.objects.editable_by(user)) == [own]
    assert list(AgendaItem.objects.editable_by(user)) == list(own.agenda_items.all())
    assert [d.meeting for d in Document.objects.editable_by(user)] == [own]


def test_kommunekoordinator_edits_documents_of_their_trials_but_not_of_a_meeting(
    make_municipal_coordinator_client, two_meetings
):
    participation = f.ParticipationFactory()
    user = make_municipal_coordinator_client(participation.municipality).user
    on_trial = mf.DocumentFactory()
    on_trial.trials.add(participation.trial)
    at_meeting = mf.DocumentFactory(meeting=two_meetings["own"])
    at_meeting.trials.add(participation.trial)

    assert list(Document.objects.editable_by(user)) == [on_trial]
    assert not Committee.objects.editable_by(user).exists()


def test_network_coordinator_edits_every_committee(network_coordinator_client, two_meetings):
    user = network_coordinator_client.user
    assert Committee.objects.editable_by(user).count() == 2
    assert Meeting.objects.editable_by(user).count() == 2


def test_secretary_who_keeps_no_committee_edits_none(editor_roles, two_meetings):
    user = f.UserFactory()
    user.groups.add(Group.objects.get(name=roles.COMMITTEE_SECRETARY))
    assert not Committee.objects.editable_by(user).exists()
    assert not Meeting.objects.editable_by(user).exists()
