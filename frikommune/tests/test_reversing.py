"""object_url: the same URLs as reverse(), made once per URL name and language."""

import datetime

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, include, path, reverse, set_script_prefix
from django.utils import translation

from frikommune.reversing import object_url
from meetings.tests.factories import AgendaItemFactory, CommitteeFactory
from news.tests.factories import NewsItemFactory
from trials.tests.factories import ParticipationFactory

pytestmark = pytest.mark.django_db

# A URLconf of this module's own, for the test that swaps it in.
urlpatterns = [path("anderswo/", include("trials.urls"))]


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


def objects_and_their_urls():
    """Each kind of object the public pages link to, with the URL reverse() gives it."""
    participation = ParticipationFactory(trial__slug="mentor-2", municipality__slug="vejle")
    trial, municipality = participation.trial, participation.municipality
    application_round = trial.application_round
    item = AgendaItemFactory(meeting__date=datetime.date(2019, 3, 7), meeting__committee__slug="beu-vejle")
    meeting, committee = item.meeting, item.meeting.committee
    news = NewsItemFactory(slug="nyt-om-mentor")
    return [
        (trial, reverse("trials:trial_detail", kwargs={"slug": "mentor-2"})),
        (municipality, reverse("trials:municipality_detail", kwargs={"slug": "vejle"})),
        (application_round.network, reverse("trials:network_detail", kwargs={"slug": application_round.network.slug})),
        (
            application_round,
            reverse(
                "trials:round_detail",
                kwargs={"network": application_round.network.slug, "number": application_round.number},
            ),
        ),
        (participation, reverse("trials:participation_detail", kwargs={"slug": "mentor-2", "municipality": "vejle"})),
        (committee, reverse("meetings:committee_detail", kwargs={"committee": "beu-vejle"})),
        (meeting, reverse("meetings:meeting_detail", kwargs={"committee": "beu-vejle", "date": "2019-03-07"})),
        (
            item,
            reverse("meetings:meeting_detail", kwargs={"committee": "beu-vejle", "date": "2019-03-07"})
            + f"#punkt-{item.number}",
        ),
        (news, reverse("news:detail", kwargs={"slug": "nyt-om-mentor"})),
    ]


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_object_url_is_the_one_reverse_gives(language):
    with translation.override(language):
        pairs = objects_and_their_urls()
        for obj, url in pairs:
            # Twice: the second call fills in the format string the first one made.
            assert obj.get_absolute_url() == url
            assert obj.get_absolute_url() == url
    assert pairs[0][1] == ("/forsoeg/mentor-2/" if language == "da" else "/en/forsoeg/mentor-2/")


def test_object_urls_follow_the_language_and_the_script_prefix(script_prefix):
    committee = CommitteeFactory(slug="beu-vejle")
    assert committee.get_absolute_url() == "/moeder/beu-vejle/"
    with translation.override("en"):
        assert committee.get_absolute_url() == "/en/moeder/beu-vejle/"
    script_prefix("/portal/")
    assert committee.get_absolute_url() == "/portal/moeder/beu-vejle/"
    with translation.override("en"):
        assert committee.get_absolute_url() == "/portal/en/moeder/beu-vejle/"


@pytest.mark.parametrize("slug", ["", "a b", "kø", "a/b", "a%2F"])
def test_a_value_the_converter_rejects_fails_as_reverse_does(slug):
    with pytest.raises(NoReverseMatch):
        reverse("trials:trial_detail", kwargs={"slug": slug})
    with pytest.raises(NoReverseMatch):
        object_url("trials:trial_detail", slug=slug)


def test_values_of_other_types_get_what_reverse_gives():
    # A number or a date as text, which the stand-ins do not cover, goes through reverse() itself.
    assert object_url("trials:round_detail", network="syd", number="3") == reverse(
        "trials:round_detail", kwargs={"network": "syd", "number": 3}
    )
    assert object_url("meetings:meeting_detail", committee="beu", date="2019-03-07") == "/moeder/beu/2019-03-07/"
    with pytest.raises(NoReverseMatch):
        object_url("trials:round_detail", network="syd", number=-1)


def test_a_swapped_urlconf_is_followed():
    assert object_url("trials:trial_detail", slug="mentor") == "/forsoeg/mentor/"
    with override_settings(ROOT_URLCONF=__name__):
        assert object_url("trials:trial_detail", slug="mentor") == "/anderswo/forsoeg/mentor/"
    assert object_url("trials:trial_detail", slug="mentor") == "/forsoeg/mentor/"
