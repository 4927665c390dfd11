"""A committee secretary records a meeting in the admin, and the public pages show it."""

import datetime

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from editors import roles
from meetings.models import AgendaItem, Committee, Meeting
from meetings.tests.factories import CommitteeSecretaryFactory
from meetings.tests.samples import pdf_with_text
from trials.models import Trial
from trials.tests.factories import UserFactory

from .helpers import LIVE_DB, PASSWORD, admin_url, choose_autocomplete, log_in

pytestmark = LIVE_DB

COMMITTEE_SLUG = "beskaeftigelsesudvalget"
TRIAL_SLUG = "psykologbehandling-i-jobcenterindsatsen"
# A word that appears only in the closed item, to prove it never reaches a public page.
CLOSED_WORD = "Fortrolighedsmarkoer"


def test_secretary_records_a_meeting_that_the_public_meeting_and_trial_pages_show(page, new_page, minutes):
    committee = Committee.objects.get(slug=COMMITTEE_SLUG)
    trial = Trial.objects.get(slug=TRIAL_SLUG)
    user = UserFactory(username="sekretaer", is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name=roles.COMMITTEE_SECRETARY))
    CommitteeSecretaryFactory(user=user, committee=committee)

    log_in(page, "sekretaer")

    # The meeting, its two items (one closed) and its minutes.
    page.goto(admin_url("meetings/meeting/add/"))
    page.select_option("#id_committee", str(committee.pk))
    page.fill("#id_date", "20.02.2018")
    page.fill("#id_start_time", "16:00")
    page.fill("#id_end_time", "18:00")
    page.fill("#id_place", "Mødelokale 1, Rådhuset")
    page.select_option("#id_state", Meeting.State.HELD)
    page.click("#agenda_items-group .add-row a")
    page.click("#agenda_items-group .add-row a")
    page.fill("#id_agenda_items-0-number", "1")
    page.fill("#id_agenda_items-0-position", "1")
    page.fill("#id_agenda_items-0-title", "Opfølgning på psykologforsøget")
    page.fill("#id_agenda_items-0-case_number", "2018-000001")
    page.fill("#id_agenda_items-1-number", "2")
    page.fill("#id_agenda_items-1-position", "2")
    page.fill("#id_agenda_items-1-title", "Personsag")
    page.check("#id_agenda_items-1-is_closed")
    page.click("#documents-group .add-row a")
    page.fill("#id_documents-0-title", "Referat af mødet")
    page.select_option("#id_documents-0-kind", "minutes")
    page.set_input_files(
        "#id_documents-0-file",
        {"name": "referat.pdf", "mimeType": "application/pdf", "buffer": pdf_with_text("Referat BSU 2018")},
    )
    page.check("#id_documents-0-is_file_public")
    page.check("#id_documents-0-is_published")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    meeting = Meeting.objects.get(committee=committee, date=datetime.date(2018, 2, 20))
    open_item = AgendaItem.objects.get(meeting=meeting, number=1)
    closed_item = AgendaItem.objects.get(meeting=meeting, number=2)

    # The open item concerns the trial, has an attachment and a decision linked to the trial.
    page.goto(admin_url(f"meetings/agendaitem/{open_item.pk}/change/"))
    choose_autocomplete(page, "id_trials", trial.title)
    page.fill("#id_decision", "Udvalget tog orienteringen til efterretning.")
    page.click("#decisions-group .add-row a")
    page.select_option("#id_decisions-0-committee", str(committee.pk))
    page.select_option("#id_decisions-0-outcome", "noted")
    page.fill("#id_decisions-0-decided_on", "20.02.2018")
    page.check("#id_decisions-0-is_published")
    page.fill("#id_decisions-0-text", "Orienteringen om psykologforsøget blev taget til efterretning.")
    choose_autocomplete(page, "id_decisions-0-trials", trial.title)
    page.click("#attachments-group .add-row a")
    page.fill("#id_attachments-0-title", "Bilag: status for psykologforsøget")
    page.select_option("#id_attachments-0-kind", "attachment")
    page.set_input_files(
        "#id_attachments-0-file",
        {"name": "bilag.pdf", "mimeType": "application/pdf", "buffer": pdf_with_text("Status psykolog")},
    )
    page.check("#id_attachments-0-is_file_public")
    page.check("#id_attachments-0-is_published")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()

    # The closed item's decision carries a word the public must never see.
    page.goto(admin_url(f"meetings/agendaitem/{closed_item.pk}/change/"))
    page.fill("#id_decision", f"Drøftet. {CLOSED_WORD}.")
    page.click("#decisions-group .add-row a")
    page.select_option("#id_decisions-0-committee", str(committee.pk))
    page.select_option("#id_decisions-0-outcome", "other")
    page.check("#id_decisions-0-is_published")
    page.fill("#id_decisions-0-text", f"Sagen blev afgjort. {CLOSED_WORD}.")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    closed_item.refresh_from_db()
    assert CLOSED_WORD in closed_item.decision
    assert closed_item.decisions.get().is_published

    # Publish the meeting with the list's action.
    page.goto(admin_url("meetings/meeting/"))
    page.check(f"input[name=_selected_action][value='{meeting.pk}']")
    page.select_option("select[name=action]", "publish_selected")
    page.click("button[name=index]")
    expect(page.locator(".messagelist .success")).to_contain_text(f"Mødet {meeting} er nu offentligt på portalen.")

    # A visitor, not logged in.
    public = new_page()
    public.goto(meeting.get_absolute_url())
    main = public.locator("main")
    expect(main).to_contain_text("Opfølgning på psykologforsøget")
    expect(main).to_contain_text("Orienteringen om psykologforsøget blev taget til efterretning.")
    expect(main).to_contain_text("Personsag")
    expect(main.get_by_role("link", name="Referat af mødet")).to_be_visible()
    expect(main).not_to_contain_text(CLOSED_WORD)
    attachment = main.get_by_role("link", name="Bilag: status for psykologforsøget")
    download = public.request.get(attachment.get_attribute("href"))
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    assert download.body().startswith(b"%PDF")

    public.goto(trial.get_absolute_url())
    main = public.locator("main")
    expect(main).to_contain_text("Orienteringen om psykologforsøget blev taget til efterretning.")
    item = "Beskæftigelsesudvalget, 20. februar 2018: punkt 1. Opfølgning på psykologforsøget"
    expect(main.get_by_role("link", name=item)).to_be_visible()
    expect(main).not_to_contain_text(CLOSED_WORD)

    public.goto(f"/soeg/?q={CLOSED_WORD}")
    expect(public.locator("main h2")).to_contain_text("0 resultater")
