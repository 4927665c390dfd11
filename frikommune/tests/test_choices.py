"""ChoiceLabels: get_FOO_display() from a dict made once per field, in the active language."""

from django.utils import translation

from meetings.models import CommitteeDecision
from trials.models import Trial


def test_the_label_follows_the_active_language():
    trial = Trial(status=Trial.Status.ENDED)
    assert trial.get_status_display() == "Afsluttet"
    with translation.override("en"):
        assert trial.get_status_display() == "Ended"
    assert trial.get_status_display() == "Afsluttet"


def test_each_value_gets_its_own_label_and_an_unknown_value_itself():
    for outcome in CommitteeDecision.Outcome:
        assert CommitteeDecision(outcome=outcome.value).get_outcome_display() == outcome.label
    assert Trial(status="no-such-status").get_status_display() == "no-such-status"
    assert Trial(status=None).get_status_display() is None
