"""Models a reader knows by a slug have natural keys."""

import pytest
from django.apps import apps

# The models with a unique key a reader meets in the minutes and on the site: a slug, or for a
# round its network's slug and its number.
NATURALLY_KEYED = [
    "trials.programme",
    "trials.municipality",
    "trials.network",
    "trials.applicationround",
    "trials.trial",
    "trials.organisation",
    "meetings.committee",
]


@pytest.mark.parametrize("label", NATURALLY_KEYED)
def test_every_fixture_object_is_found_by_its_natural_key(minutes_data, label):
    model = apps.get_model(label)
    objects = list(model.objects.all())
    assert objects
    for obj in objects:
        assert model._default_manager.get_by_natural_key(*obj.natural_key()) == obj


def test_a_round_is_known_by_its_networks_slug_and_its_number(minutes_data):
    round_ = apps.get_model("trials.applicationround").objects.get_by_natural_key("nordjylland", 3)
    assert round_.natural_key() == ("nordjylland", 3)
    assert round_.answer_received == "Lige før jul 2017"
