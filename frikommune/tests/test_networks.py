"""Many networks in one register: the home page per network with a national overview, the sitemap, queries."""

import re
from collections import Counter

import pytest

from conftest import sitemap_urls
from trials.models import Trial
from trials.tests.factories import ApplicationRoundFactory, NetworkFactory, TrialFactory, make_many_networks


def main_of(response):
    """The page's own content, without the menu and the footer."""
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def footer_of(response):
    return response.content.decode().split("<footer", 1)[1]


@pytest.fixture
def networks(db):
    return make_many_networks(networks=4, municipalities=20, trials_per_round=3, members_per_network=6)


def test_home_page_shows_the_portal_networks_rounds_by_default(client, networks):
    portal, other = networks[0], networks[1]
    page = main_of(client.get("/"))
    assert f'href="/netvaerk/{portal.slug}/ansoegningsrunder/1/"' in page
    assert f"/netvaerk/{other.slug}/" not in page.split('id="id_netvaerk"', 1)[1]
    assert f'<option value="{portal.slug}" selected>' in page


def test_home_page_shows_the_chosen_networks_rounds_and_figures(client, networks):
    portal, other = networks[0], networks[1]
    page = main_of(client.get("/", {"netvaerk": other.slug}))
    assert f'href="/netvaerk/{other.slug}/ansoegningsrunder/3/"' in page
    assert f"/netvaerk/{portal.slug}/ansoegningsrunder/" not in page
    assert f"<h2>{other.name}</h2>" in page
    assert '<span class="key-figure">6</span> kommuner i netværket' in page
    assert '<span class="key-figure">9</span> forsøg på portalen' in page
    assert f'<option value="{other.slug}" selected>' in page


def test_home_page_lists_only_one_networks_rounds(client, networks):
    page = main_of(client.get("/"))
    assert len(re.findall(r'<th scope="row"[^>]*><a href="/netvaerk/[^/]+/ansoegningsrunder/', page)) == 3


def test_home_page_gives_the_national_overview_above_the_network(client, networks):
    TrialFactory(application_round=networks[2].rounds.first(), is_published=False)
    page = main_of(client.get("/"))
    overview = page.split("Hele registret", 1)[1].split('id="id_netvaerk"', 1)[0]
    assert '<span class="key-figure">4</span> <a href="/netvaerk/">frikommunenetværk</a>' in overview
    assert '<span class="key-figure">20</span> <a href="/kommuner/">kommuner</a>' in overview
    assert '<span class="key-figure">36</span> <a href="/forsoeg/?netvaerk=alle">forsøg i alle netværk</a>' in overview
    published = Trial.objects.public()
    for status in Trial.Status:
        count = published.filter(status=status).count()
        assert f'<tr><th scope="row">{status.label}</th><td>{count}</td></tr>' in overview


def test_home_page_of_one_network_has_no_overview_and_no_chooser(client, minutes_data):
    page = main_of(client.get("/"))
    assert "Hele registret" not in page
    assert 'name="netvaerk"' not in page
    assert "Alle nordjyske kommuner afprøver sammen" in page


def test_home_page_ignores_an_unknown_network(client, networks):
    response = client.get("/", {"netvaerk": "findes-ikke"})
    assert response.status_code == 200
    assert f'href="/netvaerk/{networks[0].slug}/ansoegningsrunder/1/"' in main_of(response)


@pytest.mark.parametrize("url", ["/", "/forsoeg/", "/ansoegningsrunder/", "/netvaerk/"])
def test_footer_names_the_portal_network_whichever_network_the_page_shows(client, networks, url):
    portal, other = networks[0], networks[1]
    footer = footer_of(client.get(url, {"netvaerk": other.slug}))
    assert f"Alle 6 nordjyske kommuner med {portal.lead_municipality.name} Kommune som netværksansvarlig." in footer


# --- The sitemap ---


def test_sitemap_lists_every_url_once(client, networks):
    urls = sitemap_urls(client)
    assert [url for url, times in Counter(urls).items() if times > 1] == []


def test_sitemap_lists_each_round_once_under_its_network(client, networks):
    urls = sitemap_urls(client)
    rounds = [url for url in urls if "/ansoegningsrunder/" in url and url != "/ansoegningsrunder/"]
    assert len(rounds) == 4 * 3
    assert all(re.fullmatch(r"/netvaerk/[^/]+/ansoegningsrunder/\d/", url) for url in rounds)
    for network in networks:
        assert network.get_absolute_url() in urls


def test_sitemap_lists_rounds_of_the_same_number_apart(client, db):
    for network in NetworkFactory.create_batch(3):
        ApplicationRoundFactory(network=network, number=1)
    rounds = [url for url in sitemap_urls(client) if url.endswith("/ansoegningsrunder/1/")]
    assert len(rounds) == len(set(rounds)) == 3


# --- Queries at national size ---


def national_budget(networks):
    """The pages that show one network or all, and the most SQL queries each may make."""
    other = networks[7]
    return {
        "/": 9,
        f"/?netvaerk={other.slug}": 9,
        "/forsoeg/": 11,
        "/forsoeg/?netvaerk=alle": 11,
        f"/forsoeg/?netvaerk={other.slug}&runde=2&status=started&sortering=kommuner": 11,
        "/ansoegningsrunder/": 2,
        f"/ansoegningsrunder/?netvaerk={other.slug}": 2,
        "/ansoegningsrunder/2/": 1,
        "/netvaerk/": 2,
        other.get_absolute_url(): 7,
        other.rounds.get(number=2).get_absolute_url(): 4,
        "/sitemap-networks.xml": 2,
        "/sitemap-rounds.xml": 2,
    }


@pytest.mark.django_db
def test_network_pages_keep_a_fixed_number_of_queries_at_national_size(client, django_assert_max_num_queries):
    # 20 networks of 98 municipalities, 60 rounds, 1,200 trials with 3,600 participations: 20 times
    # the networks and rounds of the minutes, 9 times their municipalities, 60 times their trials.
    networks = make_many_networks(networks=20, municipalities=98, trials_per_round=20, members_per_network=10)
    assert Trial.objects.count() == 1200
    for url, limit in national_budget(networks).items():
        # +1: the page cache's query for the data's version (pagecache.middleware).
        with django_assert_max_num_queries(limit + 1):
            response = client.get(url)
        assert response.status_code in (200, 301), url
    # Each page shows one network's rounds and municipalities, not the whole country's.
    trial_list = main_of(client.get("/forsoeg/"))
    assert len(re.findall(r'<th scope="col" class="municipality">', trial_list)) == 10
    assert len(re.findall(r'<option value="\d+"', trial_list)) == 3
