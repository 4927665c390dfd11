"""Fixtures of the meetings admin's tests: two committees, a secretary of one, a meeting of the other."""

import pytest

from meetings.tests import factories as mf
from trials.tests import factories as f


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
