"""The register's admin: roles, scoping per municipality, history, publishing, lists, login."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from editors import roles
from trials.models import Exemption, Participation, Trial
from trials.tests import factories as f
from trials.tests.helpers import change_form_data

pytestmark = pytest.mark.django_db


def url(model, view, *args):
    return reverse(f"admin:trials_{model}_{view}", args=args)


@pytest.fixture
def two_municipalities():
    """Aalborg and Hjørring share one trial; each also has a trial of its own."""
    aalborg = f.MunicipalityFactory(name="Aalborg", slug="aalborg")
    hjoerring = f.MunicipalityFactory(name="Hjørring", slug="hjoerring")
    shared = f.TrialFactory(title="Fælles forsøg")
    f.ParticipationFactory(trial=shared, municipality=aalborg)
    f.ParticipationFactory(trial=shared, municipality=hjoerring)
    own = f.TrialFactory(title="Aalborgs forsøg", is_published=False)
    f.ParticipationFactory(trial=own, municipality=aalborg)
    other = f.TrialFactory(title="Hjørrings forsøg")
    f.ParticipationFactory(trial=other, municipality=hjoerring)
    return {"aalborg": aalborg, "hjoerring": hjoerring, "shared": shared, "own": own, "other": other}


@pytest.fixture
def aalborg_client(make_municipal_coordinator_client, two_municipalities):
    return make_municipal_coordinator_client(two_municipalities["aalborg"])


# --- the roles --------------------------------------------------------------------------------


def test_migration_creates_the_three_roles_with_their_permissions():
    def codenames(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    assert {"change_trial", "change_newsitem", "change_meeting"} <= codenames(roles.NETWORK_COORDINATOR)
    municipal = codenames(roles.MUNICIPAL_COORDINATOR)
    assert {"change_participation", "add_exemption", "change_evaluation", "add_document"} <= municipal
    assert not {"add_trial", "delete_trial", "change_newsitem", "change_meeting"} & municipal
    secretary = codenames(roles.COMMITTEE_SECRETARY)
    assert {"add_meeting", "change_agendaitem", "add_committeedecision", "add_document"} <= secretary
    assert not {"change_trial", "change_participation", "change_committee"} & secretary


# --- Kommunekoordinator -----------------------------------------------------------------------


def test_municipal_coordinator_lists_only_trials_of_their_municipality(aalborg_client):
    response = aalborg_client.get(url("trial", "changelist"))

    assert response.status_code == 200
    titles = {trial.title for trial in response.context["cl"].result_list}
    assert titles == {"Fælles forsøg", "Aalborgs forsøg"}


@pytest.mark.parametrize("view", ["change", "delete", "history"])
def test_municipal_coordinator_gets_403_for_another_municipalitys_trial(aalborg_client, two_municipalities, view):
    response = aalborg_client.get(url("trial", view, two_municipalities["other"].pk))

    assert response.status_code == 403


def test_municipal_coordinator_cannot_edit_the_trials_own_fields(aalborg_client, two_municipalities):
    trial = two_municipalities["own"]
    page = aalborg_client.get(url("trial", "change", trial.pk))
    data = change_form_data(page)
    data["title"] = "Omdøbt"
    data["is_published"] = "on"

    response = aalborg_client.post(url("trial", "change", trial.pk), data)

    assert response.status_code == 302
    trial.refresh_from_db()
    assert trial.title == "Aalborgs forsøg"
    assert trial.is_published is False


def test_municipal_coordinator_edits_exemptions_and_own_participation_on_the_trial_page(
    aalborg_client, two_municipalities
):
    trial = two_municipalities["shared"]
    exemption = f.ExemptionFactory(trial=trial, title="Før")
    page = aalborg_client.get(url("trial", "change", trial.pk))
    data = change_form_data(page)
    data["exemptions-0-title"] = "Efter"
    data["participations-0-local_start"] = "2018-07-01"

    response = aalborg_client.post(url("trial", "change", trial.pk), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    exemption.refresh_from_db()
    assert exemption.title == "Efter"
    own = Participation.objects.get(trial=trial, municipality=two_municipalities["aalborg"])
    assert str(own.local_start) == "2018-07-01"


def test_trial_page_shows_a_municipal_coordinator_only_their_own_participation(aalborg_client, two_municipalities):
    page = aalborg_client.get(url("trial", "change", two_municipalities["shared"].pk))

    formset = next(
        inline.formset for inline in page.context["inline_admin_formsets"] if inline.formset.prefix == "participations"
    )
    assert [form.instance.municipality.slug for form in formset.initial_forms] == ["aalborg"]


def test_crafted_inline_row_cannot_change_a_partners_participation(aalborg_client, two_municipalities):
    trial = two_municipalities["shared"]
    partner = Participation.objects.get(trial=trial, municipality=two_municipalities["hjoerring"])
    data = change_form_data(aalborg_client.get(url("trial", "change", trial.pk)))
    data["participations-0-id"] = str(partner.pk)
    data["participations-0-local_start"] = "2019-01-01"

    aalborg_client.post(url("trial", "change", trial.pk), data)

    partner.refresh_from_db()
    assert partner.local_start is None


def test_municipal_coordinator_lists_and_edits_only_own_participations(aalborg_client, two_municipalities):
    response = aalborg_client.get(url("participation", "changelist"))
    municipalities = {p.municipality.slug for p in response.context["cl"].result_list}
    partner = Participation.objects.get(
        trial=two_municipalities["shared"], municipality=two_municipalities["hjoerring"]
    )

    assert municipalities == {"aalborg"}
    assert aalborg_client.get(url("participation", "change", partner.pk)).status_code == 403
    assert aalborg_client.post(url("participation", "change", partner.pk), {}).status_code == 403


def test_municipal_coordinator_cannot_change_or_delete_another_municipalitys_exemption(
    aalborg_client, two_municipalities
):
    exemption = f.ExemptionFactory(trial=two_municipalities["other"], title="Hjørrings")

    assert aalborg_client.get(url("exemption", "change", exemption.pk)).status_code == 403
    assert aalborg_client.post(url("exemption", "delete", exemption.pk), {"post": "yes"}).status_code == 403
    assert Exemption.objects.filter(pk=exemption.pk).exists()
    listed = aalborg_client.get(url("exemption", "changelist")).context["cl"].result_list
    assert exemption not in listed


def test_municipal_coordinator_cannot_add_an_exemption_to_another_municipalitys_trial(
    aalborg_client, two_municipalities
):
    response = aalborg_client.post(
        url("exemption", "add"),
        {"trial": two_municipalities["other"].pk, "number": 1, "outcome": "sought"},
    )

    assert response.status_code == 200
    assert "trial" in response.context["adminform"].form.errors
    assert not Exemption.objects.exists()


def test_municipal_coordinator_adds_an_evaluation_to_their_trial(aalborg_client, two_municipalities):
    trial = two_municipalities["own"]

    response = aalborg_client.post(url("evaluation", "add"), {"trial": trial.pk, "kind": "midway"})

    assert response.status_code == 302
    assert trial.evaluations.get().kind == "midway"


def test_municipal_coordinator_cannot_publish_a_trial(aalborg_client, two_municipalities):
    trial = two_municipalities["own"]

    aalborg_client.post(url("trial", "changelist"), {"action": "publish_selected", "_selected_action": [trial.pk]})

    trial.refresh_from_db()
    assert trial.is_published is False


def test_municipal_coordinator_cannot_revert_a_trial(aalborg_client, two_municipalities):
    trial = two_municipalities["own"]
    version = trial.history.earliest()

    response = aalborg_client.post(url("trial", "simple_history", trial.pk, version.pk), {})

    assert response.status_code == 403


# --- Netværkskoordinator ----------------------------------------------------------------------


def test_network_coordinator_lists_every_trial(network_coordinator_client, two_municipalities):
    response = network_coordinator_client.get(url("trial", "changelist"))

    assert len(response.context["cl"].result_list) == 3


def test_network_coordinator_edits_a_trial_and_history_records_who(network_coordinator_client, two_municipalities):
    trial = two_municipalities["other"]
    data = change_form_data(network_coordinator_client.get(url("trial", "change", trial.pk)))
    data["title"] = "Nyt navn"

    response = network_coordinator_client.post(url("trial", "change", trial.pk), data)

    assert response.status_code == 302
    latest = trial.history.latest()
    assert latest.title == "Nyt navn"
    assert latest.history_user == network_coordinator_client.user
    history_page = network_coordinator_client.get(url("trial", "history", trial.pk))
    assert network_coordinator_client.user.username in history_page.content.decode()


def test_network_coordinator_reverts_a_trial_from_its_history(network_coordinator_client, two_municipalities):
    trial = two_municipalities["other"]
    original = trial.history.earliest()
    data = change_form_data(network_coordinator_client.get(url("trial", "change", trial.pk)))
    data["title"] = "Forkert navn"
    network_coordinator_client.post(url("trial", "change", trial.pk), data)

    revert_page = network_coordinator_client.get(url("trial", "simple_history", trial.pk, original.pk))
    revert_data = change_form_data(revert_page)
    response = network_coordinator_client.post(url("trial", "simple_history", trial.pk, original.pk), revert_data)

    assert response.status_code == 302
    trial.refresh_from_db()
    assert trial.title == "Hjørrings forsøg"
    assert trial.history.latest().history_user == network_coordinator_client.user


def test_network_coordinator_publishes_and_withdraws_trials(network_coordinator_client, two_municipalities):
    ids = [t.pk for t in two_municipalities.values() if isinstance(t, Trial)]

    network_coordinator_client.post(url("trial", "changelist"), {"action": "publish_selected", "_selected_action": ids})
    assert Trial.objects.public().count() == 3

    network_coordinator_client.post(
        url("trial", "changelist"), {"action": "unpublish_selected", "_selected_action": ids[:1]}
    )
    assert Trial.objects.public().count() == 2


def test_secretary_reads_trials_but_cannot_revert_one(make_secretary_client, two_municipalities):
    client = make_secretary_client()
    trial = two_municipalities["other"]

    assert client.get(url("trial", "change", trial.pk)).status_code == 200
    response = client.post(url("trial", "simple_history", trial.pk, trial.history.earliest().pk), {})
    assert response.status_code == 403


def test_staff_user_without_a_role_sees_no_trials(two_municipalities):
    user = f.UserFactory()
    user.user_permissions.add(*Group.objects.get(name=roles.MUNICIPAL_COORDINATOR).permissions.all())
    client = Client()
    client.force_login(user)

    response = client.get(url("trial", "changelist"))

    assert len(response.context["cl"].result_list) == 0


# --- lists keep a fixed number of queries -----------------------------------------------------


def _many(factory, **kwargs):
    return lambda: factory.create_batch(200, **kwargs)


CHANGELISTS = {
    "source": lambda: f.SourceFactory.create_batch(200),
    "programme": _many(f.ProgrammeFactory),
    "municipality": _many(f.MunicipalityFactory),
    "network": _many(f.NetworkFactory),
    "applicationround": lambda: [
        f.TrialFactory(application_round=r) for r in f.ApplicationRoundFactory.create_batch(200)
    ],
    "trial": lambda: [f.ParticipationFactory(trial=t) for t in f.TrialFactory.create_batch(200)],
    "participation": _many(f.ParticipationFactory),
    "exemption": _many(f.ExemptionFactory),
    "evaluation": _many(f.EvaluationFactory),
    "organisation": _many(f.OrganisationFactory),
    "organisationbody": lambda: f.OrganisationBodyFactory.create_batch(200, trial=f.TrialFactory()),
    "glossaryterm": _many(f.GlossaryTermFactory),
    "municipalcoordinator": _many(f.MunicipalCoordinatorFactory),
}


@pytest.mark.parametrize("model", sorted(CHANGELISTS))
def test_changelist_with_200_rows_keeps_a_fixed_number_of_queries(
    admin_client, django_assert_max_num_queries, model, search_indexed_at_the_end
):
    CHANGELISTS[model]()

    with django_assert_max_num_queries(12):
        response = admin_client.get(url(model, "changelist") + "?all=")

    assert response.status_code == 200
    assert response.context["cl"].result_count >= 200


# --- login safety -----------------------------------------------------------------------------


def test_admin_lives_at_the_configured_path():
    assert reverse("admin:index") == "/" + settings.ADMIN_URL


def test_non_staff_user_cannot_log_in_to_the_admin(client):
    user = f.UserFactory(username="borger", is_staff=False)
    user.set_password("et-godt-kodeord-42")
    user.save()

    response = client.post(reverse("admin:login"), {"username": "borger", "password": "et-godt-kodeord-42"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_repeated_failed_logins_lock_the_account_out(client, settings):
    user = f.UserFactory(username="koordinator")
    user.set_password("rigtigt-kodeord-42")
    user.save()
    login = reverse("admin:login")

    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": "koordinator", "password": "forkert"})
    response = client.post(login, {"username": "koordinator", "password": "rigtigt-kodeord-42"})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_correct_login_before_the_limit_works(client):
    user = f.UserFactory(username="koordinator")
    user.set_password("rigtigt-kodeord-42")
    user.save()
    login = reverse("admin:login")

    client.post(login, {"username": "koordinator", "password": "forkert"})
    response = client.post(login, {"username": "koordinator", "password": "rigtigt-kodeord-42"})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_every_admin_add_page_renders_for_a_network_coordinator(network_coordinator_client):
    from django.contrib import admin

    for model in admin.site._registry:
        if model._meta.app_label not in {"trials", "meetings"}:
            continue
        opts = model._meta
        response = network_coordinator_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        assert response.status_code == 200, opts.model_name


def test_coordinator_records_an_evaluations_result_and_date_in_the_trial_form(aalborg_client, two_municipalities):
    trial = two_municipalities["shared"]
    evaluation = f.EvaluationFactory(trial=trial, kind="final")
    change_url = url("trial", "change", trial.pk)
    data = change_form_data(aalborg_client.get(change_url))
    data["evaluations-0-result"] = "Flere kom i job."
    data["evaluations-0-completed_on"] = "03.03.2020"

    response = aalborg_client.post(change_url, data)

    assert response.status_code == 302, response.context["errors"] if response.context else response
    evaluation.refresh_from_db()
    assert evaluation.result == "Flere kom i job."
    assert str(evaluation.completed_on) == "2020-03-03"
