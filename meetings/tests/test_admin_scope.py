"""The meetings admin's scope: a secretary keeps their own committee, a Kommunekoordinator their trials' documents."""

import pytest

from meetings.models import Document, Meeting
from meetings.tests import factories as mf
from meetings.tests.helpers import pdf_upload, url
from trials.tests import factories as f
from trials.tests.helpers import change_form_data

pytestmark = pytest.mark.django_db


# --- Udvalgssekretær: their own committee -----------------------------------------------------


def test_secretary_lists_only_meetings_of_their_committee(secretary, committees, other_meeting):
    own = mf.MeetingFactory(committee=committees["own"])

    response = secretary.get(url("meeting", "changelist"))

    assert list(response.context["cl"].result_list) == [own]


@pytest.mark.parametrize("view", ["change", "delete", "history"])
def test_secretary_gets_403_for_another_committees_meeting_and_items(secretary, other_meeting, view):
    meeting, item = other_meeting
    decision = mf.CommitteeDecisionFactory(committee=meeting.committee, agenda_item=item)
    document = mf.DocumentFactory(meeting=meeting)

    assert secretary.get(url("meeting", view, meeting.pk)).status_code == 403
    assert secretary.get(url("agendaitem", view, item.pk)).status_code == 403
    assert secretary.get(url("committeedecision", view, decision.pk)).status_code == 403
    if view != "history":
        assert secretary.get(url("document", view, document.pk)).status_code == 403


def test_secretary_cannot_delete_another_committees_meeting_by_post(secretary, other_meeting):
    meeting, _item = other_meeting

    response = secretary.post(url("meeting", "delete", meeting.pk), {"post": "yes"})

    assert response.status_code == 403
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_secretary_cannot_add_a_meeting_to_another_committee(secretary, committees):
    response = secretary.post(
        url("meeting", "add"),
        {
            "committee": committees["other"].pk,
            "date": "2018-02-20",
            "state": "planned",
            **empty_meeting_inlines(),
        },
    )

    assert response.status_code == 200
    assert "committee" in response.context["adminform"].form.errors
    assert not Meeting.objects.exists()


def empty_meeting_inlines():
    data = {}
    for prefix in ("agenda_items", "attendances", "documents"):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    return data


def test_crafted_inline_row_cannot_change_another_committees_agenda_item(secretary, committees, other_meeting):
    own = mf.MeetingFactory(committee=committees["own"])
    mf.AgendaItemFactory(meeting=own, number=1, position=1)
    _meeting, foreign_item = other_meeting
    data = change_form_data(secretary.get(url("meeting", "change", own.pk)))
    data["agenda_items-0-id"] = str(foreign_item.pk)
    data["agenda_items-0-title"] = "Kapret"

    secretary.post(url("meeting", "change", own.pk), data)

    foreign_item.refresh_from_db()
    assert foreign_item.title == "Hjørrings punkt"


# --- Kommunekoordinator and documents ---------------------------------------------------------


def test_municipal_coordinator_keeps_documents_of_their_trials_only(make_municipal_coordinator_client):
    aalborg = f.MunicipalityFactory()
    own_trial = f.ParticipationFactory(municipality=aalborg).trial
    other_trial = f.ParticipationFactory().trial
    own_doc = mf.DocumentFactory(title="Aalborgs rapport")
    own_doc.trials.add(own_trial)
    other_doc = mf.DocumentFactory(title="Andres rapport")
    other_doc.trials.add(other_trial)
    client = make_municipal_coordinator_client(aalborg)

    listed = client.get(url("document", "changelist")).context["cl"].result_list

    assert list(listed) == [own_doc]
    assert client.get(url("document", "change", other_doc.pk)).status_code == 403
    refused = client.post(
        url("document", "add"),
        {"title": "Snyd", "kind": "evaluation_report", "trials": [other_trial.pk], "position": "0"},
    )
    assert "trials" in refused.context["adminform"].form.errors
    accepted = client.post(
        url("document", "add"),
        {
            "title": "Midtvejsevaluering",
            "kind": "evaluation_report",
            "trials": [own_trial.pk],
            "position": "0",
            "file": pdf_upload("midtvejs.pdf"),
        },
    )
    assert accepted.status_code == 302
    assert Document.objects.get(title="Midtvejsevaluering").uploaded_by == client.user


def test_municipal_coordinator_cannot_see_meetings(make_municipal_coordinator_client, other_meeting):
    client = make_municipal_coordinator_client(f.MunicipalityFactory())

    assert client.get(url("meeting", "changelist")).status_code == 403
