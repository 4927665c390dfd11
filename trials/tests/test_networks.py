"""Many networks in one register: each round under its network, the pages and filters per network."""

import datetime
import re

import pytest

from trials.models import ApplicationRound, Network, Participation, Trial

from .factories import (
    ApplicationRoundFactory,
    MunicipalityFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    ParticipationFactory,
    TrialFactory,
    make_many_networks,
)


def text_of(response):
    return response.content.decode()


def main_of(response):
    """The page's own content, without the menu and the footer."""
    return text_of(response).split("<main", 1)[1].split("</main>", 1)[0]


@pytest.fixture
def two_networks(db):
    """Two networks that both have a round 1 and a round 2, with a trial in each round."""
    portal = NetworkFactory(name="Det første netværk", slug="foerste")
    other = NetworkFactory(name="Det andet netværk", slug="andet")
    for network, year in ((portal, 2016), (other, 2019)):
        for number in (1, 2):
            application_round = ApplicationRoundFactory(
                network=network, number=number, deadline=datetime.date(year, number, 1)
            )
            TrialFactory(application_round=application_round, title=f"Forsøg {number} i {network.slug}")
    return portal, other


def test_rounds_of_the_same_number_in_two_networks_have_their_own_pages(client, two_networks):
    portal, other = two_networks
    first = main_of(client.get("/netvaerk/foerste/ansoegningsrunder/2/"))
    second = main_of(client.get("/netvaerk/andet/ansoegningsrunder/2/"))
    assert "1. februar 2016" in first
    assert "Forsøg 2 i foerste" in first
    assert "Forsøg 2 i andet" not in first
    assert "1. februar 2019" in second
    assert "Forsøg 2 i andet" in second
    assert "Forsøg 2 i foerste" not in second


def test_round_page_names_its_network(client, two_networks):
    page = main_of(client.get("/netvaerk/andet/ansoegningsrunder/1/"))
    assert '<a href="/netvaerk/andet/">Det andet netværk</a>' in page


def test_rounds_link_to_their_own_network(two_networks):
    portal, other = two_networks
    assert ApplicationRound.objects.get(network=other, number=2).get_absolute_url() == (
        "/netvaerk/andet/ansoegningsrunder/2/"
    )


def test_old_round_address_redirects_permanently_to_the_portal_networks_round(client, two_networks):
    response = client.get("/ansoegningsrunder/2/")
    assert response.status_code == 301
    assert response["Location"] == "/netvaerk/foerste/ansoegningsrunder/2/"


def test_old_round_address_follows_the_portal_network_not_the_name_order(client, db):
    # "Aaa" sorts first by name, but the portal's own network is the first entered.
    portal = NetworkFactory(name="Nordjylland", slug="nordjylland")
    later = NetworkFactory(name="Aaa-netværket", slug="aaa")
    ApplicationRoundFactory(network=later, number=1)
    ApplicationRoundFactory(network=portal, number=1)
    assert client.get("/ansoegningsrunder/1/")["Location"] == "/netvaerk/nordjylland/ansoegningsrunder/1/"


def test_old_address_of_a_round_only_another_network_has_is_not_found(client, two_networks):
    portal, other = two_networks
    ApplicationRoundFactory(network=other, number=3)
    assert client.get("/ansoegningsrunder/3/").status_code == 404
    assert client.get("/netvaerk/andet/ansoegningsrunder/3/").status_code == 200


def test_old_round_address_redirects_with_the_fixtures(client, minutes_data):
    response = client.get("/ansoegningsrunder/3/")
    assert response.status_code == 301
    assert response["Location"] == "/netvaerk/nordjylland/ansoegningsrunder/3/"


def test_trial_page_names_its_network(client, two_networks):
    trial = Trial.objects.get(title="Forsøg 1 i andet")
    page = main_of(client.get(trial.get_absolute_url()))
    assert '<a href="/netvaerk/andet/">Det andet netværk</a>' in page
    assert 'href="/netvaerk/andet/ansoegningsrunder/1/"' in page


# --- The network's own page and the list of networks ---


def test_network_page_lists_its_members_rounds_and_trials(client, two_networks):
    portal, other = two_networks
    member = MunicipalityFactory(name="Medlemsby")
    NetworkMembershipFactory(network=other, municipality=member)
    outsider = MunicipalityFactory(name="Udenforby")
    NetworkMembershipFactory(network=portal, municipality=outsider)
    page = main_of(client.get("/netvaerk/andet/"))
    assert "<h1>Det andet netværk</h1>" in page
    assert 'href="/kommuner/' + member.slug + '/"' in page
    assert "Udenforby" not in page
    assert 'href="/netvaerk/andet/ansoegningsrunder/1/"' in page
    assert 'href="/netvaerk/andet/ansoegningsrunder/2/"' in page
    assert "/netvaerk/foerste/ansoegningsrunder/" not in page
    assert "Forsøg 1 i andet" in page
    assert "Forsøg 1 i foerste" not in page
    assert 'href="/forsoeg/?netvaerk=andet"' in page


def test_network_page_leaves_out_drafts(client, two_networks):
    portal, other = two_networks
    TrialFactory(application_round=other.rounds.first(), title="Kladde", is_published=False)
    page = main_of(client.get("/netvaerk/andet/"))
    assert "Kladde" not in page
    assert '<span class="key-figure">2</span> forsøg på portalen' in page


def test_network_page_shows_fifty_trials_at_a_time(client, db):
    application_round = ApplicationRoundFactory()
    TrialFactory.create_batch(55, application_round=application_round)
    url = application_round.network.get_absolute_url()
    first = main_of(client.get(url))
    assert len(re.findall(r'<li><a href="/forsoeg/', first)) == 50
    assert 'href="?side=2#forsoeg"' in first
    assert len(re.findall(r'<li><a href="/forsoeg/', main_of(client.get(url, {"side": 2})))) == 5
    assert client.get(url, {"side": "x"}).status_code == 200


def test_network_list_counts_each_networks_members_rounds_and_trials(client, two_networks):
    portal, other = two_networks
    NetworkMembershipFactory.create_batch(3, network=other)
    page = main_of(client.get("/netvaerk/"))
    row = re.search(r'<tr><th scope="row"><a href="/netvaerk/andet/">.*?</tr>', page).group(0)
    assert row.endswith("<td>3</td><td>2</td><td>2</td></tr>")
    assert 'href="/netvaerk/foerste/"' in page


# --- The round list: one network at a time ---


def test_round_list_shows_the_portal_networks_rounds_by_default(client, two_networks):
    page = main_of(client.get("/ansoegningsrunder/"))
    assert 'href="/netvaerk/foerste/ansoegningsrunder/1/"' in page
    assert "/netvaerk/andet/ansoegningsrunder/" not in page
    assert '<option value="foerste" selected>' in page


def test_round_list_shows_the_chosen_networks_rounds(client, two_networks):
    page = main_of(client.get("/ansoegningsrunder/", {"netvaerk": "andet"}))
    assert 'href="/netvaerk/andet/ansoegningsrunder/2/"' in page
    assert "/netvaerk/foerste/ansoegningsrunder/" not in page
    assert '<option value="andet" selected>' in page


@pytest.mark.parametrize("value", ["findes-ikke", "alle", "<script>"])
def test_round_list_falls_back_to_the_portal_network_on_a_bad_choice(client, two_networks, value):
    response = client.get("/ansoegningsrunder/", {"netvaerk": value})
    assert response.status_code == 200
    assert 'href="/netvaerk/foerste/ansoegningsrunder/1/"' in main_of(response)


def test_round_list_of_one_network_offers_no_choice(client, minutes_data):
    page = main_of(client.get("/ansoegningsrunder/"))
    assert 'name="netvaerk"' not in page
    assert "<td>24</td><td>19</td>" in page


# --- The trial list: network first, then its rounds ---


def test_trial_list_shows_the_portal_networks_trials_by_default(client, two_networks):
    page = main_of(client.get("/forsoeg/"))
    assert "Forsøg 1 i foerste" in page
    assert "Forsøg 1 i andet" not in page
    assert "Viser 2 af 4 forsøg." in page


def test_trial_list_shows_the_chosen_networks_trials(client, two_networks):
    page = main_of(client.get("/forsoeg/", {"netvaerk": "andet"}))
    assert "Forsøg 1 i andet" in page
    assert "Forsøg 2 i andet" in page
    assert "Forsøg 1 i foerste" not in page


def test_trial_list_of_all_networks_names_each_trials_network(client, two_networks):
    page = main_of(client.get("/forsoeg/", {"netvaerk": "alle"}))
    assert "Viser 4 af 4 forsøg." in page
    assert '<td data-title="Netværk"><a href="/netvaerk/andet/">Det andet netværk</a></td>' in page
    assert '<td data-title="Netværk"><a href="/netvaerk/foerste/">Det første netværk</a></td>' in page


def test_round_filter_offers_the_chosen_networks_rounds_once_each(client, two_networks):
    page = main_of(client.get("/forsoeg/", {"netvaerk": "andet"}))
    select = re.search(r'<select class="form-select" id="id_runde".*?</select>', page, re.S).group(0)
    assert re.findall(r'<option value="(\d+)"', select) == ["1", "2"]
    assert select.count("1. ansøgningsrunde") == 1


def test_round_filter_picks_the_round_of_the_chosen_network(client, two_networks):
    page = main_of(client.get("/forsoeg/", {"netvaerk": "andet", "runde": 2}))
    assert "Forsøg 2 i andet" in page
    assert "Forsøg 1 i andet" not in page
    assert "Forsøg 2 i foerste" not in page
    assert "Viser 1 af 4 forsøg." in page


def test_round_filter_without_a_network_means_the_portal_networks_round(client, two_networks):
    page = main_of(client.get("/forsoeg/", {"runde": 2}))
    assert "Forsøg 2 i foerste" in page
    assert "Forsøg 2 i andet" not in page


def test_all_networks_offer_no_round_filter_and_ignore_a_round(client, two_networks):
    page = main_of(client.get("/forsoeg/", {"netvaerk": "alle", "runde": 2}))
    assert 'id="id_runde"' not in page
    assert "Viser 4 af 4 forsøg." in page


def test_network_filter_counts_each_networks_trials_with_the_other_filters(client, two_networks):
    portal, other = two_networks
    Trial.objects.filter(title="Forsøg 1 i andet").update(status=Trial.Status.ENDED)
    page = main_of(client.get("/forsoeg/", {"status": "ended", "runde": 2}))
    assert '<option value="alle">Alle netværk (1)</option>' in page
    assert '<option value="foerste" selected>Det første netværk (0)</option>' in page
    assert '<option value="andet">Det andet netværk (1)</option>' in page


def test_bad_network_is_ignored_on_the_trial_list(client, two_networks):
    response = client.get("/forsoeg/", {"netvaerk": "<script>"})
    assert response.status_code == 200
    assert "Viser 2 af 4 forsøg." in main_of(response)
    assert "<script>" not in main_of(response)


def test_trial_list_of_one_network_offers_no_network_filter(client, minutes_data):
    page = main_of(client.get("/forsoeg/"))
    assert 'name="netvaerk"' not in page
    assert "Viser 19 af 19 forsøg." in page
    assert "Nulstil" not in page


def test_matrix_has_a_column_for_each_municipality_of_the_network_only(client, db):
    networks = make_many_networks(networks=3, municipalities=30, trials_per_round=2, members_per_network=5)
    other = networks[1]
    guest = MunicipalityFactory(name="Gæsteby")
    ParticipationFactory(trial=Trial.objects.in_network(other).first(), municipality=guest)
    page = main_of(client.get("/forsoeg/", {"netvaerk": other.slug}))
    columns = re.findall(r'<th scope="col" class="municipality"><a href="/kommuner/([^/]+)/">', page)
    members = set(other.members.values_list("slug", flat=True))
    assert set(columns) == members | {guest.slug}
    assert len(columns) == 6


def matrix_of(page):
    """{trial slug: [what each column's cell says, in the columns' order]} and the columns' slugs."""
    table = re.search(r'<table class="table table--compact matrix">.*?</table>', page, re.S).group(0)
    columns = re.findall(r'<th scope="col" class="municipality[^"]*"><a href="(?:/en)?/kommuner/([^/]+)/">', table)
    rows = {}
    for slug, cells in re.findall(
        r'<th scope="row"><a href="(?:/en)?/forsoeg/([^/]+)/"[^>]*>.*?</th>(.*?)</tr>', table, re.S
    ):
        rows[slug] = re.findall(r'<td class="cell">.*?<span class="sr-only">([^<]+)</span></td>', cells)
    return columns, rows


@pytest.mark.parametrize(
    ("prefix", "applied", "joined", "neither"),
    [("", "Ansøger", "Tilsluttet senere", "Deltager ikke"), ("/en", "Applicant", "Joined later", "Not taking part")],
)
def test_matrix_cells_say_who_applied_who_joined_later_and_who_takes_no_part(
    client, db, prefix, applied, joined, neither
):
    networks = make_many_networks(networks=2, municipalities=12, trials_per_round=2, members_per_network=4)
    network = networks[0]
    trial = Trial.objects.in_network(network).order_by("pk").first()
    late = network.members.exclude(participations__trial=trial).first()
    ParticipationFactory(trial=trial, municipality=late, kind=Participation.Kind.JOINED_LATER)
    columns, rows = matrix_of(
        main_of(client.get(f"{prefix}/forsoeg/", {"netvaerk": network.slug, "kommune": late.slug}))
    )
    assert columns[0] == late.slug  # the chosen municipality's column comes first
    kinds = {
        (p.trial.slug, p.municipality.slug): p.kind
        for p in Participation.objects.select_related("trial", "municipality")
    }
    label = {Participation.Kind.APPLICANT: applied, Participation.Kind.JOINED_LATER: joined, None: neither}
    assert rows, "the matrix has rows"
    for slug, cells in rows.items():
        assert cells == [label[kinds.get((slug, column))] for column in columns]
    assert rows[trial.slug][0] == joined


def test_municipality_filter_offers_the_networks_municipalities(client, db):
    networks = make_many_networks(networks=3, municipalities=30, trials_per_round=2, members_per_network=5)
    page = main_of(client.get("/forsoeg/", {"netvaerk": networks[2].slug}))
    select = re.search(r'<select class="form-select" id="id_kommune".*?</select>', page, re.S).group(0)
    offered = set(re.findall(r'<option value="([^"]+)"', select))
    assert offered == set(networks[2].members.values_list("slug", flat=True))


def test_matrix_is_left_out_for_all_networks(client, two_networks):
    page = main_of(client.get("/forsoeg/", {"netvaerk": "alle"}))
    assert "Hvilke kommuner deltager i hvilke forsøg" not in page
    assert "vises for ét netværk ad gangen" in page


# --- The portal's own network ---


def test_portal_network_is_the_first_entered(db):
    first = NetworkFactory(name="Østjylland")
    NetworkFactory(name="Aabenraa-netværket")
    assert Network.objects.portal() == first
    assert Network.objects.none().portal() is None


def test_with_counts_counts_members_rounds_and_published_trials_without_multiplying(db):
    network = NetworkFactory()
    NetworkMembershipFactory.create_batch(4, network=network)
    rounds = [ApplicationRoundFactory(network=network, number=n) for n in (1, 2)]
    TrialFactory.create_batch(3, application_round=rounds[0])
    TrialFactory(application_round=rounds[1], is_published=False)
    counted = Network.objects.with_counts().get(pk=network.pk)
    assert (counted.member_count, counted.round_count, counted.trial_count) == (4, 2, 3)
