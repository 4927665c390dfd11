"""Fixtures shared by the meetings tests.

The admin's: two committees, a secretary of one, a meeting of the other. The import's: a committee
with no meetings, and the committee of the minutes loaded from the fixtures."""

import pytest

from meetings.models import Committee
from meetings.tests import factories as mf
from trials.tests import factories as f

# --- the admin's tests ------------------------------------------------------------------------


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


# --- the import's tests -----------------------------------------------------------------------


@pytest.fixture
def committee(db):
    return mf.CommitteeFactory(
        name="Beskæftigelsesudvalget", slug="bsu", municipality=f.MunicipalityFactory(name="Aalborg", slug="aalborg")
    )


@pytest.fixture
def fixture_committee(minutes_data):
    return Committee.objects.get(slug="beskaeftigelsesudvalget")
