"""Tests of the admin pages that import minutes: upload, preview, confirm."""

from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, OperationalError
from django.urls import NoReverseMatch, reverse

from meetings.admin_import import COORDINATOR_GROUP, SIGNING_SALT
from meetings.models import AgendaItem, Committee, CommitteeSecretary, Meeting
from meetings.tests import samples
from meetings.tests.factories import CommitteeFactory
from meetings.tests.import_helpers import counts, minutes_with_items
from meetings.tests.test_importing import BAD_INPUT, WHOLE_TEXT
from trials.models import Trial

UPLOAD_URL = "/admin/meetings/meeting/import/"


@pytest.fixture
def committee(minutes_data):
    committee = Committee.objects.get(slug="beskaeftigelsesudvalget")
    Meeting.objects.filter(committee=committee).delete()  # rebuild the fixture's meeting from the minutes
    return committee


@pytest.fixture
def secretary(committee, django_user_model):
    user = django_user_model.objects.create_user("sekretaer", password="x", is_staff=True)
    CommitteeSecretary.objects.create(user=user, committee=committee)
    return user


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client


def upload(client, committee, text=WHOLE_TEXT, name="referat.md"):
    data = text if isinstance(text, bytes) else text.encode()
    return client.post(UPLOAD_URL, {"committee": committee.pk, "file": SimpleUploadedFile(name, data)})


def payload_of(response):
    return response.context["confirm_form"].initial["payload"]


def meeting_change_url(meeting):
    try:
        return reverse("admin:meetings_meeting_change", args=[meeting.pk])
    except NoReverseMatch:  # the Meeting admin lives on another branch until merged
        return reverse("admin:index")


def test_urls_are_named_and_under_the_admin():
    assert reverse("meetings_import_minutes") == UPLOAD_URL
    assert reverse("meetings_import_minutes_confirm") == UPLOAD_URL + "bekraeft/"


def test_anonymous_user_is_sent_to_the_admin_login(client, db):
    response = client.get(UPLOAD_URL)
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_staff_user_who_keeps_no_committee_is_refused(client, committee, django_user_model):
    client.force_login(django_user_model.objects.create_user("andet", is_staff=True))
    assert client.get(UPLOAD_URL).status_code == 403


def test_secretary_sees_only_their_own_committees(secretary_client, committee):
    other = CommitteeFactory(name="Skoleudvalget", municipality=committee.municipality)
    choices = list(secretary_client.get(UPLOAD_URL).context["form"].fields["committee"].queryset)
    assert choices == [committee]
    before = counts()
    response = upload(secretary_client, other)
    assert "committee" in response.context["form"].errors
    assert counts() == before


def test_coordinator_group_and_superuser_see_every_committee(client, committee, django_user_model):
    CommitteeFactory(name="Skoleudvalget", municipality=committee.municipality)
    coordinator = django_user_model.objects.create_user("koordinator", is_staff=True)
    coordinator.groups.add(Group.objects.get_or_create(name=COORDINATOR_GROUP)[0])
    client.force_login(coordinator)
    assert client.get(UPLOAD_URL).context["form"].fields["committee"].queryset.count() == 2
    client.force_login(django_user_model.objects.create_superuser("chef", password="x"))
    assert client.get(UPLOAD_URL).context["form"].fields["committee"].queryset.count() == 2


def test_preview_shows_meeting_items_closed_items_warnings_and_trial_checkboxes(secretary_client, committee):
    before = counts()
    response = upload(secretary_client, committee)
    assert response.status_code == 200
    assert counts() == before  # a preview saves nothing
    html = response.content.decode()
    assert "Beskæftigelsesudvalget 23.01.2018" in html
    assert "Rådssalen, Jobhuset, Vestre Havnepromenade 15, Aalborg" in html
    assert html.count(">Lukket</strong>") == 2
    assert html.index("Orientering fra rådmand og direktør<") < html.index("Temamøde: Yderlig introduktion")
    assert "afviger fra titlen i teksten" in html
    assert "Tinna Kjær Poulsen (Øvrige deltagere)" in html
    trial = Trial.objects.get(title="Fleksibilitet i rehabiliteringsteams")
    assert f'name="link" value="6:{trial.pk}" checked' in html


def test_confirm_imports_links_the_chosen_trials_and_redirects(secretary_client, committee, secretary):
    response = upload(secretary_client, committee)
    trial = Trial.objects.get(title="Fleksibilitet i rehabiliteringsteams")
    response = secretary_client.post(
        reverse("meetings_import_minutes_confirm"), {"payload": payload_of(response), "link": [f"6:{trial.pk}"]}
    )
    meeting = Meeting.objects.get(committee=committee)
    assert response.status_code == 302
    assert response.url == meeting_change_url(meeting)
    assert meeting.agenda_items.count() == 12
    assert list(meeting.agenda_items.get(number=6).trials.all()) == [trial]
    assert AgendaItem.objects.get(number=6).history.first().history_user == secretary
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Referatet er importeret: Beskæftigelsesudvalget 23.01.2018 med 12 punkter."]


def test_confirming_twice_does_not_duplicate(secretary_client, committee):
    payload = payload_of(upload(secretary_client, committee))
    secretary_client.post(reverse("meetings_import_minutes_confirm"), {"payload": payload})
    before = counts()
    secretary_client.post(reverse("meetings_import_minutes_confirm"), {"payload": payload})
    assert counts() == before


@pytest.mark.parametrize(
    "error",
    [
        IntegrityError('duplicate key value violates unique constraint "unique_meeting_per_day"'),
        OperationalError("database is locked"),
    ],
    ids=["postgresql", "sqlite"],
)
def test_confirm_colliding_with_another_import_shows_a_message_and_the_preview_again(
    secretary_client, committee, error
):
    payload = payload_of(upload(secretary_client, committee))
    trial = Trial.objects.get(title="Fleksibilitet i rehabiliteringsteams")
    before = counts()
    with mock.patch("meetings.admin_import.import_minutes", side_effect=error):
        response = secretary_client.post(
            reverse("meetings_import_minutes_confirm"), {"payload": payload, "link": [f"6:{trial.pk}"]}
        )
    assert response.status_code == 200
    assert counts() == before
    html = response.content.decode()
    assert "Referatet blev indlæst samtidig af en anden, eller databasen var optaget." in html
    # Nothing the secretary chose is lost: the same minutes and choices, ready to confirm again.
    assert payload_of(response) == payload
    assert response.context["confirm_form"].initial["link"] == [f"6:{trial.pk}"]
    other = Trial.objects.get(title="Fleksible rammer for uddannelse")
    assert f'name="link" value="6:{trial.pk}" checked' in html
    assert f'name="link" value="6:{other.pk}">' in html
    response = secretary_client.post(reverse("meetings_import_minutes_confirm"), {"payload": payload_of(response)})
    assert response.status_code == 302
    assert Meeting.objects.get(committee=committee).agenda_items.count() == 12


def test_preview_of_a_long_file_asks_the_database_a_fixed_number_of_times(
    secretary_client, committee, django_assert_max_num_queries
):
    with django_assert_max_num_queries(25):  # the old preview imported and rolled back: ~13 per item
        response = upload(secretary_client, committee, minutes_with_items(300))
    assert response.status_code == 200
    assert response.content.decode().count("<td>oprettes</td>") == 300


def test_file_with_more_items_than_the_limit_is_refused_with_its_message(secretary_client, committee, settings):
    settings.MINUTES_MAX_ITEMS = 10
    before = counts()
    response = upload(secretary_client, committee)
    assert response.context["form"].errors["file"] == ["Referatet har 12 punkter, men højst 10 kan indlæses fra én fil"]
    assert counts() == before


def test_tampered_payload_is_refused_and_saves_nothing(secretary_client, committee):
    payload = payload_of(upload(secretary_client, committee))
    before = counts()
    response = secretary_client.post(
        reverse("meetings_import_minutes_confirm"), {"payload": payload[:-2] + "xx"}, follow=True
    )
    assert "Forhåndsvisningen er ugyldig; upload referatet igen." in response.content.decode()
    assert counts() == before


def test_payload_for_a_committee_the_user_does_not_keep_is_forbidden(secretary_client, committee):
    other = CommitteeFactory(name="Skoleudvalget", municipality=committee.municipality)
    payload = signing.dumps({"committee": other.pk, "text": WHOLE_TEXT}, salt=SIGNING_SALT, compress=True)
    response = secretary_client.post(reverse("meetings_import_minutes_confirm"), {"payload": payload})
    assert response.status_code == 403
    assert not Meeting.objects.filter(committee=other).exists()


@pytest.mark.parametrize("text, message", [case[1:] for case in BAD_INPUT], ids=[case[0] for case in BAD_INPUT])
def test_bad_input_shows_the_message_keeps_the_committee_and_saves_nothing(secretary_client, committee, text, message):
    before = counts()
    response = upload(secretary_client, committee, text)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["file"] == [message]
    assert f'<option value="{committee.pk}" selected>' in response.content.decode()
    assert counts() == before


def test_pdf_whose_text_cannot_be_read_in_full_is_refused(secretary_client, committee):
    before = counts()

    response = upload(secretary_client, committee, samples.attacker_pdf(), name="referat.pdf")

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "PDF-filens tekst kunne ikke læses helt (teksten er længere end 2000000 tegn), og et delvist referat "
        "importeres ikke; del PDF-filen op, eller importér referatet som tekst (.txt eller .md)"
    ]
    assert counts() == before


def test_file_too_large_is_refused(secretary_client, committee, settings):
    settings.MAX_UPLOAD_SIZE = 100
    response = upload(secretary_client, committee)
    assert response.context["form"].errors["file"] == ["Filen er for stor (højst 100\xa0bytes)."]


def test_meeting_list_in_admin_links_to_the_minutes_import(admin_client):
    response = admin_client.get(reverse("admin:meetings_meeting_changelist"))
    assert reverse("meetings_import_minutes") in response.content.decode()
    assert "Indlæs referat" in response.content.decode()


def test_a_secretary_with_one_committee_finds_it_chosen_and_the_page_says_indlaes_referat(secretary_client, committee):
    response = secretary_client.get(UPLOAD_URL)

    page = response.content.decode()
    assert response.context["form"]["committee"].value() == committee.pk
    assert f'<option value="{committee.pk}" selected>' in page
    assert "Indlæs referat" in page
    assert "Importér" not in page
    assert '<a href="/admin/">Hjem</a>' in page


def test_a_secretary_with_two_committees_chooses_one(secretary_client, secretary, committee):
    CommitteeSecretary.objects.create(user=secretary, committee=CommitteeFactory(municipality=committee.municipality))

    response = secretary_client.get(UPLOAD_URL)

    assert response.context["form"]["committee"].value() is None
