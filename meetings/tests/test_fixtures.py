"""The meeting of 23.01.2018 in the fixtures is the meeting the minutes describe."""

import datetime

import pytest

from meetings.models import AgendaItem, Attendance, CommitteeDecision, Document, Meeting
from trials.models import Trial

pytestmark = pytest.mark.usefixtures("minutes_data")


@pytest.fixture
def meeting():
    return Meeting.objects.get(committee__slug="beskaeftigelsesudvalget", date=datetime.date(2018, 1, 23))


def names(meeting, kind):
    return list(meeting.attendances.filter(kind=kind).order_by("position").values_list("name", flat=True))


def test_meeting_time_place_and_state(meeting):
    assert meeting.committee.name == "Beskæftigelsesudvalget"
    assert meeting.committee.municipality.name == "Aalborg"
    assert meeting.start_time == datetime.time(8, 30)
    assert meeting.end_time == datetime.time(11, 30)
    assert meeting.place == "Rådssalen, Jobhuset, Vestre Havnepromenade 15, Aalborg"
    assert meeting.state == Meeting.State.HELD


def test_apologies(meeting):
    assert names(meeting, Attendance.Kind.APOLOGIES) == ["Kristoffer Hjort Storm", "Anne Honoré Østergaard"]


def test_present(meeting):
    assert names(meeting, Attendance.Kind.PRESENT) == [
        "Daniel Borup",
        "Mai-Britt Iversen",
        "Christina Halkjær",
        "Tobias Bøgeskov",
        "Bjarne Sørensen",
    ]


def test_others_present_with_the_minute_taker_and_a_guest_under_item_7(meeting):
    assert names(meeting, Attendance.Kind.OTHER) == [
        "Arne Lund Kristensen",
        "Jesper Dahlgaard",
        "Arne Bilgram",
        "Birgitte Welling",
        "Tinna Kjær Poulsen",
    ]
    assert meeting.attendances.get(name="Birgitte Welling").role == "ref."
    guest = meeting.attendances.get(name="Tinna Kjær Poulsen")
    assert guest.agenda_item.number == 7
    assert guest.role == "leder af Jobhuset"


def test_twelve_items_in_the_order_held_with_8_before_7(meeting):
    numbers = list(meeting.agenda_items.order_by("position").values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6, 8, 7, 9, 12, 10, 11]


def test_items_10_and_11_are_closed_and_hold_only_their_titles(meeting):
    closed = meeting.agenda_items.closed()
    assert list(closed.values_list("number", "title")) == [
        (10, "Orientering fra rådmand og direktør - lukket"),
        (11, "Eventuelt - lukket"),
    ]
    for item in closed:
        assert (item.case_number, item.proposal, item.decision, item.case_description) == ("", "", "", "")
    assert meeting.agenda_items.open().count() == 10


@pytest.mark.parametrize(
    "number, case_number",
    [
        (1, ""),
        (2, "2017-065859"),
        (3, "2017-065859"),
        (4, "2017-032501"),
        (5, "2017-018056"),
        (6, "2017-064898"),
        (7, "2018-003653"),
        (8, ""),
        (9, ""),
        (12, ""),
    ],
)
def test_case_numbers(meeting, number, case_number):
    assert meeting.agenda_items.get(number=number).case_number == case_number


@pytest.mark.parametrize(
    "number, kind, opening",
    [
        (2, "indstiller", "Familie- og Beskæftigelsesforvaltningen indstiller til Beskæftigelsesudvalget"),
        (3, "fremsender", "Familie- og Beskæftigelsesforvaltningen fremsender"),
        (6, "fremsender", "Familie og Beskæftigelsesforvaltningen fremsender"),
        (7, "fremsender", "Familie og Beskæftigelsesforvaltningen fremsender"),
    ],
)
def test_proposals(meeting, number, kind, opening):
    item = meeting.agenda_items.get(number=number)
    assert item.proposal_kind == kind
    assert item.proposal.startswith(opening)


@pytest.mark.parametrize(
    "number, first_line",
    [
        (1, "Godkendt."),
        (2, "Godkendt."),
        (3, "Til orientering."),
        (4, "Godkendt."),
        (5, "Godkendt."),
        (6, "Til orientering."),
        (7, "Til orientering."),
        (8, "Intet."),
        (9, "Intet."),
        (12, "Godkendt."),
    ],
)
def test_decisions(meeting, number, first_line):
    assert meeting.agenda_items.get(number=number).decision.splitlines()[0] == first_line


def test_vice_chair_elected_under_item_2(meeting):
    assert "Som næstformand for Beskæftigelsesudvalget er valgt Daniel Borup (V)." in (
        meeting.agenda_items.get(number=2).decision
    )


def test_case_description_of_item_6_holds_the_status_of_the_trials(meeting):
    description = meeting.agenda_items.get(number=6).case_description
    assert description.startswith("I perioden 2012-2015")
    assert "### Runde 2" in description
    assert "2. Psykologbehandling i jobcenterindsatsen - Jammerbugt, Thisted og Vesthimmerland" in description


def test_attachment_titles(meeting):
    titles = {
        item.number: list(item.attachments.order_by("position").values_list("title", flat=True))
        for item in meeting.agenda_items.all()
    }
    assert titles[3] == ["Aalborg Kommunes styrelsesvedtægt pr. 01.01.2018"]
    assert titles[4] == ["Forretningsorden - Beskæftigelsesudvalget pr. 01.01.2018.docx"]
    assert titles[5] == ["Udkast til mødeplan i Beskæftigelsesudvalget 2018.docx"]
    assert titles[6] == ["Kort oversigt over Aalborg-forsøg"]
    assert titles[7] == [
        "23.01.2018 BSU-intro til Job- og Ydelsesafdelingen",
        "Lokal intro til nye politiske udvalg - Jobhuset",
    ]
    assert Document.objects.filter(agenda_item__is_closed=True).count() == 0


def test_item_6_concerns_every_trial(meeting):
    assert meeting.agenda_items.get(number=6).trials.count() == Trial.objects.count() == 19


def test_committee_decided_not_to_start_the_education_order_trial():
    decision = CommitteeDecision.objects.get(outcome=CommitteeDecision.Outcome.NOT_STARTED)
    assert list(decision.trials.values_list("title", flat=True)) == [
        "Fritagelse for uddannelsespålæg for en særlig målgruppe"
    ]
    assert decision.committee.abbreviation == "BSU"


def test_committee_approved_the_ten_applications_aalborg_took_part_in():
    decision = CommitteeDecision.objects.get(outcome=CommitteeDecision.Outcome.APPROVED)
    aalborg_trials = Trial.objects.filter(participations__municipality__name="Aalborg")
    assert set(decision.trials.all()) == set(aalborg_trials)
    assert decision.trials.count() == 10


def test_agenda_item_string_names_number_and_title():
    assert str(AgendaItem.objects.get(number=8)) == "Punkt 8. Orientering fra rådmand og direktør"
