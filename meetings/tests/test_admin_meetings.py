"""The meetings admin's screens: a meeting with its items, attendance and minutes; closed items, publishing, history."""

import pytest

from meetings.models import Meeting
from meetings.tests import factories as mf
from meetings.tests.helpers import pdf_upload, url
from trials.tests.helpers import change_form_data

pytestmark = pytest.mark.django_db


# --- a meeting with its items, attendance and minutes -----------------------------------------


def test_secretary_records_a_meeting_with_items_attendance_and_minutes(secretary, committees):
    data = {
        "committee": committees["own"].pk,
        "date": "2018-01-23",
        "start_time": "08:30",
        "end_time": "11:30",
        "place": "Rådssalen, Jobhuset",
        "state": "held",
        "agenda_items-TOTAL_FORMS": "2",
        "agenda_items-INITIAL_FORMS": "0",
        "agenda_items-0-number": "6",
        "agenda_items-0-position": "6",
        "agenda_items-0-title": "Orientering om status på frikommuneforsøg",
        "agenda_items-1-number": "10",
        "agenda_items-1-position": "10",
        "agenda_items-1-title": "Orientering fra rådmand og direktør - lukket",
        "agenda_items-1-is_closed": "on",
        "attendances-TOTAL_FORMS": "1",
        "attendances-INITIAL_FORMS": "0",
        "attendances-0-name": "Daniel Borup",
        "attendances-0-kind": "present",
        "attendances-0-position": "0",
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "0",
        "documents-0-title": "Referat",
        "documents-0-kind": "minutes",
        "documents-0-file": pdf_upload("Referat BSU 23.01.2018.pdf", "Frikommunenetvaerk Nordjylland"),
        "documents-0-is_file_public": "on",
        "documents-0-position": "0",
    }

    response = secretary.post(url("meeting", "add"), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    meeting = Meeting.objects.get()
    assert meeting.agenda_items.closed().get().number == 10
    assert meeting.attendances.get().name == "Daniel Borup"
    minutes = meeting.documents.get()
    assert minutes.original_name == "Referat BSU 23.01.2018.pdf"
    assert minutes.file.name.startswith("documents/") and "Referat" not in minutes.file.name
    assert minutes.mime_type == "application/pdf"
    assert len(minutes.sha512) == 128
    assert minutes.size > 0
    assert minutes.uploaded_by == secretary.user
    found = secretary.get(url("document", "changelist") + "?q=Nordjylland").context["cl"].result_list
    assert list(found) == [minutes]


def test_meeting_inlines_offer_only_that_meetings_agenda_items(secretary, committees, other_meeting):
    meeting = mf.MeetingFactory(committee=committees["own"])
    own_item = mf.AgendaItemFactory(meeting=meeting, title="Eget punkt")
    _foreign_meeting, foreign_item = other_meeting

    response = secretary.get(url("meeting", "change", meeting.pk))

    for formset in response.context["inline_admin_formsets"]:
        choices = formset.formset.form.base_fields.get("agenda_item")
        if choices is not None:
            assert list(choices.queryset) == [own_item], formset.opts
    assert foreign_item.title not in response.content.decode()


# --- closed items and publishing --------------------------------------------------------------


def test_closed_agenda_items_are_marked_in_the_list(secretary, committees):
    meeting = mf.MeetingFactory(committee=committees["own"])
    mf.AgendaItemFactory(meeting=meeting, title="Eventuelt - lukket", is_closed=True)

    response = secretary.get(url("agendaitem", "changelist"))

    assert "LUKKET" in response.content.decode()


def test_secretary_publishes_their_meeting(secretary, committees, other_meeting):
    own = mf.MeetingFactory(committee=committees["own"], is_published=False)
    foreign, _item = other_meeting
    foreign.is_published = False
    foreign.save()

    secretary.post(
        url("meeting", "changelist"),
        {"action": "publish_selected", "_selected_action": [own.pk, foreign.pk]},
    )

    assert list(Meeting.objects.public()) == [own]


def test_agenda_item_edit_is_in_history_and_can_be_reverted(secretary, committees):
    item = mf.AgendaItemFactory(meeting=mf.MeetingFactory(committee=committees["own"]), title="Før")
    first = item.history.earliest()
    data = change_form_data(secretary.get(url("agendaitem", "change", item.pk)))
    data["title"] = "Efter"
    secretary.post(url("agendaitem", "change", item.pk), data)
    assert item.history.latest().history_user == secretary.user

    revert = change_form_data(secretary.get(url("agendaitem", "simple_history", item.pk, first.pk)))
    response = secretary.post(url("agendaitem", "simple_history", item.pk, first.pk), revert)

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Før"


# --- lists keep a fixed number of queries -----------------------------------------------------


CHANGELISTS = {
    "committee": lambda: mf.CommitteeFactory.create_batch(200),
    "meeting": lambda: [mf.AgendaItemFactory(meeting=m) for m in mf.MeetingFactory.create_batch(200)],
    "agendaitem": lambda: mf.AgendaItemFactory.create_batch(200),
    "committeedecision": lambda: mf.CommitteeDecisionFactory.create_batch(200, agenda_item=mf.AgendaItemFactory()),
    "document": lambda: mf.DocumentFactory.create_batch(
        200, agenda_item=mf.AgendaItemFactory(), meeting=mf.MeetingFactory()
    ),
    "committeesecretary": lambda: mf.CommitteeSecretaryFactory.create_batch(200),
}


@pytest.mark.parametrize("model", sorted(CHANGELISTS))
def test_changelist_with_200_rows_keeps_a_fixed_number_of_queries(
    admin_client, django_assert_max_num_queries, model, search_indexed_at_the_end
):
    CHANGELISTS[model]()

    with django_assert_max_num_queries(12):
        response = admin_client.get(url(model, "changelist") + "?all=")

    assert response.status_code == 200
    assert response.context["cl"].result_count >= 200


def test_secretary_meeting_changelist_with_200_rows_keeps_a_fixed_number_of_queries(
    secretary, committees, django_assert_max_num_queries, search_indexed_at_the_end
):
    for meeting in mf.MeetingFactory.create_batch(200, committee=committees["own"]):
        mf.AgendaItemFactory(meeting=meeting, is_closed=True)

    # A few more than a superuser's: the role's groups, permissions and committees.
    with django_assert_max_num_queries(15):
        response = secretary.get(url("meeting", "changelist") + "?all=")

    assert response.context["cl"].result_count == 200


def test_the_meeting_form_lists_attendance_in_the_minutes_order(secretary, committees):
    meeting = mf.MeetingFactory(committee=committees["own"])
    for kind, name in [("other", "Anna Øvrig"), ("apologies", "Bo Afbud"), ("present", "Carl Tilstede")]:
        mf.AttendanceFactory(meeting=meeting, kind=kind, name=name)

    response = secretary.get(url("meeting", "change", meeting.pk))

    formset = next(
        inline.formset for inline in response.context["inline_admin_formsets"] if inline.formset.prefix == "attendances"
    )
    assert [form.instance.kind for form in formset.initial_forms] == ["present", "apologies", "other"]


@pytest.fixture
def imported_draft(committees):
    """A draft meeting as the import leaves it: its documents hidden, one item closed."""
    meeting = mf.MeetingFactory(committee=committees["own"], is_published=False)
    open_item = mf.AgendaItemFactory(meeting=meeting, number=1, title="Åbent punkt")
    closed_item = mf.AgendaItemFactory(meeting=meeting, number=2, title="Lukket punkt", is_closed=True)
    documents = {
        "minutes": mf.DocumentFactory(meeting=meeting, kind="minutes", is_published=False),
        "open": mf.DocumentFactory(agenda_item=open_item, title="Bilag til åbent punkt", is_published=False),
        "closed": mf.DocumentFactory(agenda_item=closed_item, title="Bilag til lukket punkt", is_published=False),
    }
    return meeting, documents


def published(documents):
    return {name for name, document in documents.items() if type(document).objects.get(pk=document.pk).is_published}


def test_publishing_a_meeting_from_the_list_publishes_its_attachments_but_not_a_closed_items(secretary, imported_draft):
    meeting, documents = imported_draft

    response = secretary.post(
        url("meeting", "changelist"), {"action": "publish_selected", "_selected_action": [meeting.pk]}, follow=True
    )

    assert published(documents) == {"minutes", "open"}
    text = " ".join(str(message) for message in response.context["messages"])
    assert f"Mødet {meeting} er nu offentligt på portalen." in text
    assert "2 dokumenter blev offentliggjort med det." in text
    assert "1 bilag til lukkede punkter forbliver skjult." in text
    page = secretary.get(meeting.get_absolute_url()).content.decode()
    assert "Bilag til åbent punkt" in page
    assert "Bilag til lukket punkt" not in page


def test_publishing_a_meeting_from_its_form_publishes_its_attachments(secretary, imported_draft):
    meeting, documents = imported_draft
    change_url = url("meeting", "change", meeting.pk)
    data = change_form_data(secretary.get(change_url))
    data["is_published"] = "on"

    response = secretary.post(change_url, data, follow=True)

    assert published(documents) == {"minutes", "open"}
    assert "er nu offentligt på portalen" in " ".join(str(message) for message in response.context["messages"])


def test_withdrawing_a_meeting_leaves_its_documents_as_they_are(secretary, imported_draft):
    meeting, documents = imported_draft
    meeting.publish()

    secretary.post(url("meeting", "changelist"), {"action": "unpublish_selected", "_selected_action": [meeting.pk]})

    meeting.refresh_from_db()
    assert not meeting.is_published
    assert published(documents) == {"minutes", "open"}


def test_publishing_several_meetings_says_so_in_one_message(secretary, committees):
    meetings = [mf.MeetingFactory(committee=committees["own"], is_published=False) for _ in range(2)]

    response = secretary.post(
        url("meeting", "changelist"),
        {"action": "publish_selected", "_selected_action": [meeting.pk for meeting in meetings]},
        follow=True,
    )

    assert [str(message) for message in response.context["messages"]] == ["2 møder er nu offentlige på portalen."]
    assert Meeting.objects.filter(is_published=True).count() == 2


def test_an_editor_sees_a_draft_meeting_on_the_site_marked_as_a_draft(secretary, client, imported_draft):
    meeting, _documents = imported_draft

    response = secretary.get(meeting.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert "Kladde" in page
    assert "Mødet er ikke offentliggjort." in page
    assert "Åbent punkt" in page and "Lukket punkt" in page
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert client.get(meeting.get_absolute_url()).status_code == 404


def test_a_draft_of_another_committee_stays_hidden_from_an_editor(secretary, other_meeting):
    meeting, _item = other_meeting
    meeting.is_published = False
    meeting.save()

    assert secretary.get(meeting.get_absolute_url()).status_code == 404


def test_a_drafts_closed_item_shows_its_title_only_in_the_preview(secretary, committees):
    meeting = mf.MeetingFactory(committee=committees["own"], is_published=False)
    mf.AgendaItemFactory(meeting=meeting, title="Personsag", is_closed=True, decision="Hemmelig beslutning")

    page = secretary.get(meeting.get_absolute_url()).content.decode()

    assert "Personsag" in page
    assert "Hemmelig beslutning" not in page
