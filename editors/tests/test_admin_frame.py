"""The admin speaks the portal's name and Danish: its header, a refused object, the login lockout."""

import pytest
from django.urls import reverse

from trials.tests import factories as f

pytestmark = pytest.mark.django_db

HEADER = "Frikommuneportalen – redigering"


def test_the_admin_carries_the_portals_name(network_coordinator_client):
    page = network_coordinator_client.get(reverse("admin:index")).content.decode()

    assert HEADER in page
    assert "Django" not in page


def test_a_network_coordinator_is_not_offered_the_lockout_records(network_coordinator_client):
    page = network_coordinator_client.get(reverse("admin:index")).content.decode()

    assert "/axes/" not in page
    assert network_coordinator_client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403


@pytest.fixture
def others_trial_response(make_municipal_coordinator_client):
    aalborg = f.MunicipalityFactory(name="Aalborg", slug="aalborg")
    hjoerring = f.MunicipalityFactory(name="Hjørring", slug="hjoerring")
    others = f.TrialFactory(title="Hjørrings forsøg")
    f.ParticipationFactory(trial=others, municipality=hjoerring)
    client = make_municipal_coordinator_client(aalborg)
    changelist = "http://testserver" + reverse("admin:trials_trial_changelist")
    return client.get(reverse("admin:trials_trial_change", args=[others.pk]), headers={"referer": changelist})


def test_another_municipalitys_object_gets_a_danish_page_in_the_admins_frame(others_trial_response):
    page = others_trial_response.content.decode()

    assert others_trial_response.status_code == 403
    assert HEADER in page
    assert "Ingen adgang" in page
    assert "Forsøg hører under en anden kommune eller et andet udvalg" in page
    assert "Forbidden" not in page


def test_the_refusal_offers_the_way_back(others_trial_response):
    page = others_trial_response.content.decode()

    assert f'href="http://testserver{reverse("admin:trials_trial_changelist")}"' in page
    assert f'href="{reverse("admin:index")}"' in page


def test_a_refusal_never_links_back_to_another_site(make_municipal_coordinator_client):
    hjoerring = f.MunicipalityFactory(name="Hjørring", slug="hjoerring")
    others = f.TrialFactory()
    f.ParticipationFactory(trial=others, municipality=hjoerring)
    client = make_municipal_coordinator_client(f.MunicipalityFactory())

    response = client.get(
        reverse("admin:trials_trial_change", args=[others.pk]), headers={"referer": "https://evil.example/"}
    )

    assert response.status_code == 403
    assert "evil.example" not in response.content.decode()


PASSWORD = "rigtigt-kodeord-42"


def fail_until_locked(client, settings):
    user = f.UserFactory(username="koordinator")
    user.set_password(PASSWORD)
    user.save()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("admin:login"), {"username": "koordinator", "password": "forkert"})
    return client.post(reverse("admin:login"), {"username": "koordinator", "password": PASSWORD})


def test_the_lockout_says_in_danish_why_for_how_long_and_whom_to_ask(client, settings):
    settings.AXES_COOLOFF_TIME = 1.0

    response = fail_until_locked(client, settings)
    page = response.content.decode()

    assert response.status_code == 429
    assert HEADER in page
    assert "Kontoen er midlertidigt låst" in page
    assert f"forkert adgangskode {settings.AXES_FAILURE_LIMIT} gange" in page
    assert "om 60 minutter" in page
    assert "kontakt portalens administrator" in page
    assert "Account locked" not in page
    assert "_auth_user_id" not in client.session


def test_the_lockout_names_the_support_address_when_there_is_one(client, settings):
    settings.EDITOR_SUPPORT_EMAIL = "portal@example.dk"

    page = fail_until_locked(client, settings).content.decode()

    assert 'href="mailto:portal@example.dk"' in page
