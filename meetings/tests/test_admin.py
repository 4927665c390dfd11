"""The meetings admin: secretaries keep their own committee's meetings, minutes and attachments."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from editors import roles
from meetings.models import CommitteeSecretary, Document, Meeting
from meetings.tests import factories as mf
from meetings.tests import samples
from news.tests.factories import NewsItemFactory
from trials.models import MunicipalCoordinator
from trials.tests import factories as f
from trials.tests.helpers import change_form_data

pytestmark = pytest.mark.django_db


def url(model, view, *args):
    return reverse(f"admin:meetings_{model}_{view}", args=args)


def pdf_upload(name="referat.pdf", text="Referat af moedet"):
    return SimpleUploadedFile(name, samples.pdf_with_text(text), content_type="application/pdf")


@pytest.fixture
def committees():
    aalborg = f.MunicipalityFactory(name="Aalborg", slug="aalborg")
    hjoerring = f.MunicipalityFactory(name="Hjørring", slug="hjoerring")
    own = mf.CommitteeFactory(name="Beskæftigelsesudvalget", slug="bsu", municipality=aalborg)
    other = mf.CommitteeFactory(name="Arbejdsmarkedsudvalget", slug="amu", municipality=hjoerring)
    return {"own": own, "other": other}


@pytest.fixture
def secretary(make_secretary_client, committees):
    return make_secretary_client(committees["own"])


@pytest.fixture
def other_meeting(committees):
    meeting = mf.MeetingFactory(committee=committees["other"])
    item = mf.AgendaItemFactory(meeting=meeting, title="Hjørrings punkt")
    return meeting, item


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


def test_secretary_attaches_a_docx_bilag_to_an_agenda_item(secretary, committees):
    item = mf.AgendaItemFactory(meeting=mf.MeetingFactory(committee=committees["own"]))
    bilag = SimpleUploadedFile("Forretningsorden.docx", samples.ooxml("docx"))

    response = secretary.post(
        url("document", "add"),
        {
            "title": "Forretningsorden",
            "kind": "attachment",
            "file": bilag,
            "agenda_item": item.pk,
            "position": "0",
            "is_file_public": "on",
        },
    )

    assert response.status_code == 302
    assert item.attachments.get().mime_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


# --- uploads refused, input kept, nothing lost ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("referat.pdf", samples.HTML, "Filens indhold er ikke"),
        ("tom.pdf", b"", "tom"),
    ],
)
def test_refused_upload_shows_a_message_keeps_the_input_and_saves_nothing(
    secretary, committees, name, content, message
):
    meeting = mf.MeetingFactory(committee=committees["own"])

    response = secretary.post(
        url("document", "add"),
        {
            "title": "Mit bilag med en lang titel",
            "kind": "attachment",
            "file": SimpleUploadedFile(name, content),
            "meeting": meeting.pk,
            "position": "0",
        },
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors.get("file", []))
    assert "Mit bilag med en lang titel" in response.content.decode()
    assert not Document.objects.exists()


def test_oversize_upload_is_refused_and_the_saved_file_is_kept(secretary, committees, settings):
    meeting = mf.MeetingFactory(committee=committees["own"])
    secretary.post(
        url("document", "add"),
        {"title": "Referat", "kind": "minutes", "file": pdf_upload(), "meeting": meeting.pk, "position": "0"},
    )
    document = Document.objects.get()
    saved_name, saved_hash = document.file.name, document.sha512
    settings.MAX_UPLOAD_SIZE = 100
    data = change_form_data(secretary.get(url("document", "change", document.pk)))
    data["title"] = "Nyt navn"
    data["file"] = pdf_upload("stor.pdf", "x" * 300)

    response = secretary.post(url("document", "change", document.pk), data)

    assert response.status_code == 200
    assert "højst" in " ".join(response.context["adminform"].form.errors["file"])
    assert "Nyt navn" in response.content.decode()
    document.refresh_from_db()
    assert (document.title, document.file.name, document.sha512) == ("Referat", saved_name, saved_hash)
    assert document.file.storage.exists(saved_name)


def test_refused_inline_upload_keeps_the_meetings_saved_items(secretary, committees):
    meeting = mf.MeetingFactory(committee=committees["own"], place="Rådssalen")
    mf.AgendaItemFactory(meeting=meeting, title="Gemt punkt")
    data = change_form_data(secretary.get(url("meeting", "change", meeting.pk)))
    data["place"] = "Jobhuset"
    data.update(
        {
            "documents-TOTAL_FORMS": "1",
            "documents-0-title": "Falsk PDF",
            "documents-0-kind": "minutes",
            "documents-0-file": SimpleUploadedFile("referat.pdf", samples.HTML),
            "documents-0-position": "0",
        }
    )

    response = secretary.post(url("meeting", "change", meeting.pk), data)

    assert response.status_code == 200
    assert "Jobhuset" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.place == "Rådssalen"
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Gemt punkt"]
    assert not Document.objects.exists()


def test_minutes_must_be_a_pdf_even_if_the_file_is_a_valid_docx(secretary, committees):
    meeting = mf.MeetingFactory(committee=committees["own"])

    response = secretary.post(
        url("document", "add"),
        {
            "title": "Referat",
            "kind": "minutes",
            "meeting": meeting.pk,
            "position": "0",
            "file": SimpleUploadedFile("referat.docx", samples.ooxml("docx")),
        },
    )

    assert "PDF" in " ".join(response.context["adminform"].form.errors["file"])


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
def test_changelist_with_200_rows_keeps_a_fixed_number_of_queries(admin_client, django_assert_max_num_queries, model):
    CHANGELISTS[model]()

    with django_assert_max_num_queries(12):
        response = admin_client.get(url(model, "changelist") + "?all=")

    assert response.status_code == 200
    assert response.context["cl"].result_count >= 200


def test_secretary_meeting_changelist_with_200_rows_keeps_a_fixed_number_of_queries(
    secretary, committees, django_assert_max_num_queries
):
    for meeting in mf.MeetingFactory.create_batch(200, committee=committees["own"]):
        mf.AgendaItemFactory(meeting=meeting, is_closed=True)

    # A few more than a superuser's: the role's groups, permissions and committees.
    with django_assert_max_num_queries(15):
        response = secretary.get(url("meeting", "changelist") + "?all=")

    assert response.context["cl"].result_count == 200


# --- PDFs that are slow to read, or that carry script ----------------------------------------


def attachment_data(meeting, content, name="bilag.pdf"):
    return {
        "title": "Bilag",
        "kind": "attachment",
        "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        "meeting": meeting.pk,
        "position": "0",
    }


def test_attacker_pdf_is_stored_within_the_time_bound_with_its_text_cut_and_a_warning(
    network_coordinator_client, settings
):
    settings.PDF_EXTRACT_SECONDS = 2
    meeting = mf.MeetingFactory()
    started = time.perf_counter()

    response = network_coordinator_client.post(
        url("document", "add"), attachment_data(meeting, samples.attacker_pdf()), follow=True
    )

    assert time.perf_counter() - started < settings.PDF_EXTRACT_SECONDS
    assert response.status_code == 200
    document = Document.objects.get()
    assert document.extracted_text.replace("\n", "") == "Frikommune" * 200_000
    assert "teksten er længere end 2000000 tegn), så den er kun delvist søgbar" in response.content.decode()


def test_pdf_slower_than_the_time_bound_is_stored_with_a_warning_not_a_server_error(
    network_coordinator_client, settings
):
    settings.PDF_EXTRACT_SECONDS = 2
    meeting = mf.MeetingFactory()
    slow = samples.attacker_pdf(pages=30, shared_stream=False)
    started = time.perf_counter()

    response = network_coordinator_client.post(url("document", "add"), attachment_data(meeting, slow), follow=True)

    assert time.perf_counter() - started < settings.PDF_EXTRACT_SECONDS + 2
    assert response.status_code == 200
    assert Document.objects.get().sha512
    assert "det tog over 2 sekunder at læse den" in response.content.decode()


def test_pdf_whose_text_holds_a_nul_character_is_stored(network_coordinator_client):
    meeting = mf.MeetingFactory()
    content = samples.pdf_with_text(r"Friko\000mmune")

    response = network_coordinator_client.post(url("document", "add"), attachment_data(meeting, content))

    assert response.status_code == 302
    assert Document.objects.get().extracted_text == "Frikommune"


def test_pdf_uploaded_in_a_meeting_inline_warns_with_its_file_name(secretary, committees, settings):
    settings.PDF_MAX_PAGES = 1
    meeting = mf.MeetingFactory(committee=committees["own"])
    data = change_form_data(secretary.get(url("meeting", "change", meeting.pk)))
    data.update(
        {
            "documents-TOTAL_FORMS": "1",
            "documents-0-title": "Bilag",
            "documents-0-kind": "attachment",
            "documents-0-file": SimpleUploadedFile("to-sider.pdf", samples.pdf_with_pages(["en", "to"])),
            "documents-0-position": "0",
        }
    )

    response = secretary.post(url("meeting", "change", meeting.pk), data, follow=True)

    assert meeting.documents.get().extracted_text == "en"
    assert (
        "to-sider.pdf: Filen er gemt, men teksten kunne ikke læses helt (den har 2 sider, og der læses højst 1), "
        "så den er kun delvist søgbar."
    ) in [str(message) for message in response.context["messages"]]


def test_pdf_with_script_is_flagged_and_still_served_only_as_a_sandboxed_download(network_coordinator_client, client):
    meeting = mf.MeetingFactory(is_published=True)
    content = samples.pdf_with_text("Bilag", catalog_extra=b"/Names << /JavaScript << /Names [] >> >> ")

    response = network_coordinator_client.post(
        url("document", "add"),
        {**attachment_data(meeting, content), "is_published": "on", "is_file_public": "on"},
        follow=True,
    )

    document = Document.objects.get()
    assert document.has_active_content
    assert "PDF-filen indeholder JavaScript eller en handling" in response.content.decode()
    download = client.get(reverse("meetings:document_download", args=[document.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert download["X-Content-Type-Options"] == "nosniff"


# --- serving files ----------------------------------------------------------------------------


def stored_document(**kwargs):
    document = mf.DocumentFactory(is_published=True, mime_type="application/pdf", original_name="Referat.pdf", **kwargs)
    document.file.save("x.pdf", io.BytesIO(samples.pdf_with_text("hej")))
    return document


def test_public_file_is_served_as_a_download_with_its_checked_type(client):
    document = stored_document(meeting=mf.MeetingFactory(is_published=True))

    response = client.get(reverse("meetings:document_download", args=[document.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="Referat.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "setup",
    [
        lambda: {"agenda_item": mf.AgendaItemFactory(is_closed=True, meeting=mf.MeetingFactory(is_published=True))},
        lambda: {"meeting": mf.MeetingFactory(is_published=False)},
        lambda: {"is_file_public": False},
    ],
    ids=["closed item", "unpublished meeting", "withheld file"],
)
def test_withheld_files_are_not_served(client, setup):
    document = stored_document(**setup())

    response = client.get(reverse("meetings:document_download", args=[document.pk]))

    assert response.status_code == 404


def test_draft_document_is_not_served(client):
    document = stored_document()
    Document.objects.filter(pk=document.pk).update(is_published=False)

    assert client.get(reverse("meetings:document_download", args=[document.pk])).status_code == 404


# --- the createuser command -------------------------------------------------------------------


def test_createuser_makes_a_municipal_coordinator(monkeypatch):
    aalborg = f.MunicipalityFactory(slug="aalborg")
    monkeypatch.setenv("FRIKOMMUNE_PASSWORD", "et-langt-kodeord-2018")

    call_command(
        "createuser", "mette", "--role", "kommunekoordinator", "--municipality", "aalborg", stdout=io.StringIO()
    )

    coordinator = MunicipalCoordinator.objects.get(municipality=aalborg)
    assert coordinator.user.username == "mette"
    assert coordinator.user.is_staff
    assert coordinator.user.check_password("et-langt-kodeord-2018")
    assert coordinator.user.groups.filter(name=roles.MUNICIPAL_COORDINATOR).exists()


def test_createuser_puts_an_existing_user_in_the_secretary_role(committees):
    user = f.UserFactory(username="birgitte", is_staff=False)

    call_command(
        "createuser",
        "birgitte",
        "--role",
        "udvalgssekretaer",
        "--committee",
        "bsu",
        "--no-password",
        stdout=io.StringIO(),
    )

    user.refresh_from_db()
    assert user.is_staff
    assert CommitteeSecretary.objects.get(user=user).committee == committees["own"]


@pytest.mark.parametrize(
    "arguments",
    [
        ["--role", "kommunekoordinator"],
        ["--role", "kommunekoordinator", "--municipality", "findes-ikke"],
        ["--role", "udvalgssekretaer"],
        ["--role", "netvaerkskoordinator", "--committee", "bsu"],
    ],
)
def test_createuser_refuses_a_role_without_its_scope(committees, arguments):
    with pytest.raises(CommandError):
        call_command("createuser", "x", *arguments, "--no-password", stdout=io.StringIO())


def test_createuser_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("FRIKOMMUNE_PASSWORD", "1234")

    with pytest.raises(CommandError):
        call_command("createuser", "x", "--role", "netvaerkskoordinator", stdout=io.StringIO())


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
