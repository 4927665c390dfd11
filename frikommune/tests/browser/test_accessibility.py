"""axe-core's WCAG 2.1 A and AA rules find no violations on the public pages, wide and on a phone."""

import pytest
from playwright.sync_api import expect

from trials.tests.factories import make_many_networks

from .helpers import (
    AXE_RULES_CHECKED,
    DESKTOP,
    LIVE_DB,
    PHONE,
    WCAG_TAGS,
    assert_fits,
    describe_violations,
    rule_ids,
    run_axe,
)

pytestmark = LIVE_DB

PAGES = {
    "home": "/",
    "trial list": "/forsoeg/",
    "trial": "/forsoeg/fritagelse-for-uddannelsespaalaeg-for-en-saerlig-maalgruppe/",
    "municipality": "/kommuner/aalborg/",
    "meeting": "/moeder/beskaeftigelsesudvalget/2018-01-23/",
    "search results": "/soeg/?q=uddannelsesp%C3%A5l%C3%A6g",
    "search with a typo, filters and a bad value": "/soeg/?q=rehabilitring&type=forsoeg&aar=1700",
    "meetings with a bad filter value": "/moeder/?udvalg=ukendt",
    "404": "/findes-ikke/",
}
# The reflow check is cheap, so it also walks the other list pages with tables.
REFLOW_PAGES = {
    **PAGES,
    "municipality list": "/kommuner/",
    "rounds": "/ansoegningsrunder/",
    "round": "/netvaerk/nordjylland/ansoegningsrunder/3/",
    "network": "/netvaerk/nordjylland/",
    "organisation": "/organisering/",
    "meetings": "/moeder/",
    "news": "/vidensdeling/",
    "glossary": "/ordforklaringer/",
    "participation": "/forsoeg/fritagelse-for-uddannelsespaalaeg-for-en-saerlig-maalgruppe/aalborg/",
}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["wide", "phone"])
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag21_aa_violations_found_by_axe(new_page, minutes, name, viewport):
    # The site's CSP allows no injected scripts; this context bypasses it for axe only.
    page = new_page(viewport=viewport, bypass_csp=True)
    response = page.goto(PAGES[name])
    assert response.status == (404 if name == "404" else 200)

    results = run_axe(page)

    checked = rule_ids(results)
    AXE_RULES_CHECKED[f"{name} ({'phone' if viewport == PHONE else 'wide'})"] = checked
    print(f"axe {results['testEngine']['version']}: {len(checked)} rules checked on {name}")
    assert not results["violations"], f"axe found on {PAGES[name]}:\n{describe_violations(results)}"


# With several networks the pages gain a national overview, a network chooser and a network column.
MANY_NETWORKS_PAGES = {
    "home, many networks": "/",
    "trial list, all networks": "/forsoeg/?netvaerk=alle",
    "round list, many networks": "/ansoegningsrunder/",
    "network list": "/netvaerk/",
}


@pytest.fixture
def many_networks(minutes):
    make_many_networks(networks=4, municipalities=20, trials_per_round=3, members_per_network=6)


@pytest.mark.parametrize("name", MANY_NETWORKS_PAGES)
def test_pages_of_many_networks_have_no_wcag21_aa_violations_and_reflow(new_page, many_networks, name):
    page = new_page(bypass_csp=True)
    assert page.goto(MANY_NETWORKS_PAGES[name]).status == 200

    results = run_axe(page)

    AXE_RULES_CHECKED[f"{name} (wide)"] = rule_ids(results)
    assert not results["violations"], f"axe found on {MANY_NETWORKS_PAGES[name]}:\n{describe_violations(results)}"
    narrow = new_page(viewport={"width": 320, "height": 640})
    narrow.goto(MANY_NETWORKS_PAGES[name])
    assert_fits(narrow, 320)


@pytest.mark.parametrize("name", REFLOW_PAGES)
def test_page_reflows_without_sideways_scrolling_at_320_pixels(new_page, minutes, name):
    # WCAG 1.4.10, which axe cannot check: wide tables scroll inside their own box instead.
    page = new_page(viewport={"width": 320, "height": 640})
    response = page.goto(REFLOW_PAGES[name])
    assert response.status == (404 if name == "404" else 200)

    assert_fits(page, 320)


def test_axe_checks_every_wcag21_aa_rule_it_has(new_page, minutes):
    page = new_page(bypass_csp=True)
    page.goto("/")
    results = run_axe(page)
    # Rules that are off by default (deprecated) or experimental do not run under runOnly tags.
    known = set(
        page.evaluate(
            """tags => axe.getRules(tags)
                .filter(rule => !rule.tags.includes('experimental'))
                .map(rule => rule.ruleId)
                .filter(id => axe._audit.rules.find(rule => rule.id === id).enabled)""",
            WCAG_TAGS,
        )
    )

    checked = rule_ids(results)
    print(f"axe-core {results['testEngine']['version']} checked {len(checked)} rules tagged {WCAG_TAGS}")
    assert checked == known, f"not evaluated: {sorted(known - checked)}"
    assert len(checked) > 50, f"only {len(checked)} rules: {sorted(checked)}"
    # The accessibility statement names the version and the number of rules as they are.
    page.goto("/tilgaengelighed/")
    statement = page.locator("main").text_content()  # the test details are folded away
    assert f"version {results['testEngine']['version']}" in statement
    assert f"{len(checked)} regler" in statement


def test_axe_reports_an_image_without_alternative_text(new_page, minutes):
    # The harness can fail: an image with no alt text added to the page is a violation.
    page = new_page(bypass_csp=True)
    page.goto("/")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")

    results = run_axe(page)

    assert [violation["id"] for violation in results["violations"]] == ["image-alt"]
    assert "image-alt" in describe_violations(results)


def test_site_csp_blocks_an_injected_script_without_bypass(page, minutes):
    # The reason for bypass_csp above: without it the site's policy refuses axe's inline script.
    page.goto("/")
    with pytest.raises(Exception, match="(?i)content security policy|Refused|error"):
        page.add_script_tag(content="window.injected = true;")
    expect(page.locator("html")).not_to_have_attribute("data-injected", "true")
    assert page.evaluate("window.injected === undefined")


def test_the_regular_font_is_the_preloaded_woff2(page, minutes):
    # DKFDS lists the regular weight's .woff first; fetched instead of the preloaded .woff2, it arrived
    # after the first paint and the text re-wrapped (Lighthouse measured CLS 0.26 on a trial page).
    fonts = []
    page.on("request", lambda request: fonts.append(request.url) if "/fonts/" in request.url else None)
    page.goto("/forsoeg/fleksibilitet-i-rehabiliteringsteams/")
    page.evaluate("document.fonts.ready.then(() => true)")
    regular = [url for url in fonts if "IBMPlexSans-Regular." in url]
    assert regular and all(url.endswith(".woff2") for url in regular), fonts
