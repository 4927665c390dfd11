"""Documents in the admin: who publishes them, links kept beyond one's scope, and deletes refused."""

import pytest

from meetings.models import Document
from meetings.tests import factories as mf
from meetings.tests.helpers import url
from news.tests.factories import NewsItemFactory
from trials.tests import factories as f
from trials.tests.helpers import change_form_data

pytestmark = pytest.mark.django_db


# --- Kommunekoordinator and documents ---------------------------------------------------------


@pytest.fixture
def trials_of_two_municipalities():
    aalborg = f.MunicipalityFactory(name="Aalborg (koordinator)", slug="aalborg-koordinator")
    own = f.ParticipationFactory(municipality=aalborg, trial__title="Aalborgs forsøg").trial
    other = f.ParticipationFactory(trial__title="Hjørrings forsøg").trial
    return {"aalborg": aalborg, "own": own, "other": other}


@pytest.fixture
def coordinator(make_municipal_coordinator_client, trials_of_two_municipalities):
    return make_municipal_coordinator_client(trials_of_two_municipalities["aalborg"])


def shared_document(trials, **kwargs):
    """A document of Aalborg's trial that the network also linked to Hjørring's trial and a news item."""
    document = mf.DocumentFactory(title="Fælles evaluering", kind="evaluation_report", **kwargs)
    document.trials.add(trials["own"], trials["other"])
    document.news_items.add(NewsItemFactory())
    return document


def test_municipal_coordinators_new_document_is_a_draft_even_if_they_tick_published(
    coordinator, trials_of_two_municipalities
):
    response = coordinator.post(
        url("document", "add"),
        {
            "title": "Midtvejsevaluering",
            "kind": "evaluation_report",
            "trials": [trials_of_two_municipalities["own"].pk],
            "position": "0",
            "is_file_public": "on",
            "is_published": "on",
        },
    )

    assert response.status_code == 302
    assert Document.objects.get(title="Midtvejsevaluering").is_published is False


def test_municipal_coordinator_sees_publication_read_only(coordinator, trials_of_two_municipalities):
    document = mf.DocumentFactory(is_published=False)
    document.trials.add(trials_of_two_municipalities["own"])

    form = coordinator.get(url("document", "change", document.pk)).context["adminform"].form

    assert "is_published" not in form.fields
    assert "is_file_public" in form.fields


def test_municipal_coordinator_has_no_publish_action(coordinator, trials_of_two_municipalities):
    document = mf.DocumentFactory(is_published=False)
    document.trials.add(trials_of_two_municipalities["own"])

    listing = coordinator.get(url("document", "changelist"))
    coordinator.post(url("document", "changelist"), {"action": "publish_selected", "_selected_action": [document.pk]})

    offered = [name for name, _label in listing.context["action_form"].fields["action"].choices]
    assert "publish_selected" not in offered
    document.refresh_from_db()
    assert document.is_published is False


def test_municipal_coordinators_change_to_a_published_document_waits_as_a_draft(
    coordinator, trials_of_two_municipalities
):
    document = mf.DocumentFactory(title="Rapport", is_published=True)
    document.trials.add(trials_of_two_municipalities["own"])
    data = change_form_data(coordinator.get(url("document", "change", document.pk)))
    data["title"] = "Rapport med ny konklusion"

    response = coordinator.post(url("document", "change", document.pk), data, follow=True)

    document.refresh_from_db()
    assert (document.title, document.is_published) == ("Rapport med ny konklusion", False)
    assert "kladde" in response.content.decode()


def test_network_coordinator_publishes_a_municipal_coordinators_document(
    network_coordinator_client, trials_of_two_municipalities
):
    document = mf.DocumentFactory(is_published=False)
    document.trials.add(trials_of_two_municipalities["own"])

    network_coordinator_client.post(
        url("document", "changelist"), {"action": "publish_selected", "_selected_action": [document.pk]}
    )

    document.refresh_from_db()
    assert document.is_published is True


def test_secretary_publishes_the_documents_of_their_own_meetings_only(make_secretary_client, committees):
    secretary = make_secretary_client(committees["own"])
    own = mf.DocumentFactory(is_published=False, meeting=mf.MeetingFactory(committee=committees["own"]))
    data = change_form_data(secretary.get(url("document", "change", own.pk)))
    data["is_published"] = "on"

    secretary.post(url("document", "change", own.pk), data)

    own.refresh_from_db()
    assert own.is_published is True


def test_saving_a_document_keeps_its_links_beyond_the_coordinators_municipality(
    coordinator, trials_of_two_municipalities
):
    document = shared_document(trials_of_two_municipalities, is_published=False)
    page = coordinator.get(url("document", "change", document.pk))
    data = change_form_data(page)
    data["title"] = "Fælles evaluering, rettet"

    response = coordinator.post(url("document", "change", document.pk), data)

    assert response.status_code == 302
    offered = list(page.context["adminform"].form.fields["trials"].queryset)
    assert offered == [trials_of_two_municipalities["own"]]
    document.refresh_from_db()
    assert set(document.trials.all()) == {trials_of_two_municipalities["own"], trials_of_two_municipalities["other"]}
    assert document.news_items.count() == 1


def test_municipal_coordinator_cannot_delete_a_document_shared_beyond_their_municipality(
    coordinator, trials_of_two_municipalities
):
    document = shared_document(trials_of_two_municipalities)

    response = coordinator.post(url("document", "delete", document.pk), {"post": "yes"}, follow=True)

    assert Document.objects.filter(pk=document.pk).exists()
    assert "kan ikke slettes" in response.content.decode()


def test_municipal_coordinator_cannot_bulk_delete_a_document_shared_beyond_their_municipality(
    coordinator, trials_of_two_municipalities
):
    shared = shared_document(trials_of_two_municipalities)
    own = mf.DocumentFactory(title="Kun Aalborgs")
    own.trials.add(trials_of_two_municipalities["own"])

    response = coordinator.post(
        url("document", "changelist"),
        {"action": "delete_selected", "_selected_action": [shared.pk, own.pk], "post": "yes"},
        follow=True,
    )

    assert Document.objects.filter(pk__in=[shared.pk, own.pk]).count() == 2
    assert "Fælles evaluering" in response.content.decode()
    assert "kan ikke slettes" in response.content.decode()


def test_municipal_coordinator_deletes_a_document_of_their_own_trials(coordinator, trials_of_two_municipalities):
    own = mf.DocumentFactory(title="Kun Aalborgs")
    own.trials.add(trials_of_two_municipalities["own"])

    coordinator.post(
        url("document", "changelist"), {"action": "delete_selected", "_selected_action": [own.pk], "post": "yes"}
    )
    assert not Document.objects.filter(pk=own.pk).exists()


def test_secretary_cannot_delete_a_meeting_document_the_network_linked_to_a_trial(
    make_secretary_client, committees, trials_of_two_municipalities
):
    secretary = make_secretary_client(committees["own"])
    meeting = mf.MeetingFactory(committee=committees["own"])
    document = mf.DocumentFactory(title="Bilag om forsøget", meeting=meeting)
    document.trials.add(trials_of_two_municipalities["other"])
    data = change_form_data(secretary.get(url("meeting", "change", meeting.pk)))
    data["documents-0-DELETE"] = "on"

    response = secretary.post(url("meeting", "change", meeting.pk), data)

    assert response.status_code == 200
    assert "kan ikke slettes" in response.content.decode()
    assert Document.objects.filter(pk=document.pk).exists()
