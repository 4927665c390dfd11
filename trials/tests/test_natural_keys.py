"""Models a reader knows by a slug have natural keys, and the fixtures refer to them by those keys."""

from pathlib import Path

import pytest
import yaml
from django.apps import apps

from conftest import MINUTES_FIXTURES

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


def fixture_objects():
    for path in MINUTES_FIXTURES:
        yield from yaml.safe_load(Path(path).read_text(encoding="utf-8"))


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


def test_fixtures_refer_by_natural_key_to_every_model_that_has_one():
    """`trial: [mikrolaan-til-forskellige-maalgrupper]`, not `trial: 1`: the fixtures read as the minutes do."""
    by_pk, checked = [], 0
    for obj in fixture_objects():
        model = apps.get_model(obj["model"])
        for name, value in obj["fields"].items():
            field = model._meta.get_field(name)
            if not field.is_relation or not hasattr(field.related_model, "natural_key") or value is None:
                continue
            for reference in value if field.many_to_many else [value]:
                checked += 1
                if not isinstance(reference, list):
                    by_pk.append(f"{obj['model']} {obj['pk']}: {name}: {reference}")
    assert checked > 300
    assert by_pk == []
