"""The presentation filters: Markdown is sanitised, glossary mark-up escapes what it is given."""

import datetime

import pytest
from django.template import Context, Template

from trials.models import ApplicationRound, GlossaryTerm, Network, Programme
from trials.templatetags.portal import glossary, markdown, missing_figures, organisation_figure, timeline_period
from trials.tests.factories import OrganisationBodyFactory


def test_markdown_renders_emphasis_and_lists():
    html = markdown("Et *vigtigt* punkt\n\n- første\n- anden")
    assert "<em>vigtigt</em>" in html
    assert "<li>første</li>" in html


def test_markdown_strips_script_and_event_handlers():
    html = markdown('<script>alert(1)</script><img src=x onerror="alert(2)">[x](javascript:alert(3))')
    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


def test_markdown_of_empty_text_is_empty():
    assert markdown("") == ""


def test_markdown_moves_headings_below_the_pages_own():
    html = markdown("## Samarbejde\n\n### Runde 1\n\nTekst", 1)
    assert "<h3>Samarbejde</h3>" in html
    assert "<h4>Runde 1</h4>" in html
    assert "<h6>" in markdown("###### Dybt", 3), "never below h6"


@pytest.fixture
def lbr():
    return GlossaryTerm(term="LBR", slug="lbr", full_form="Det lokale beskæftigelsesråd")


@pytest.mark.django_db
def test_glossary_links_first_occurrence_to_glossary_page(lbr):
    html = glossary("LBR holder høring. LBR svarer.", [lbr])
    assert html.count('class="glossary-term"') == 1
    assert 'href="/ordforklaringer/#lbr"' in html
    assert 'title="Det lokale beskæftigelsesråd"' in html
    assert "<dfn>LBR</dfn>" in html


@pytest.mark.django_db
def test_glossary_escapes_html_in_plain_text(lbr):
    html = glossary('<script>alert("LBR")</script> LBR', [lbr])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_glossary_escapes_the_definition_in_the_title_attribute():
    term = GlossaryTerm(term="STAR", slug="star", full_form='Styrelsen "><script>x</script>')
    html = glossary("STAR", [term])
    assert "<script>" not in html
    assert "&quot;&gt;&lt;script&gt;" in html


@pytest.mark.django_db
def test_glossary_does_not_match_inside_words(lbr):
    assert "glossary-term" not in glossary("ALBRECHT", [lbr])


@pytest.mark.django_db
def test_glossary_leaves_tags_and_links_of_safe_html_alone(lbr):
    html = glossary(markdown('[LBR](https://example.org/LBR "LBR") og LBR'), [lbr])
    assert 'href="https://example.org/LBR"' in html
    assert html.count('class="glossary-term"') == 1
    assert html.endswith(
        'og <a class="glossary-term" href="/ordforklaringer/#lbr" '
        'title="Det lokale beskæftigelsesråd"><dfn>LBR</dfn></a></p>'
    )


@pytest.mark.django_db
def test_glossary_filter_reads_terms_from_the_database_in_templates():
    GlossaryTerm.objects.create(
        term="VIVE",
        slug="vive",
        full_form="Det Nationale Forsknings- og Analysecenter for Velfærd",
    )
    out = Template("{% load portal %}{{ text|glossary }}").render(Context({"text": "VIVE & co"}))
    assert "<dfn>VIVE</dfn>" in out
    assert "&amp; co" in out


def test_timeline_widens_to_show_a_round_dated_outside_the_networks_period():
    network = Network(start_year=2016, approved_until=datetime.date(2020, 7, 31), programme=Programme(end_year=2020))
    rounds = [
        ApplicationRound(deadline=datetime.date(2015, 11, 1), earliest_start=datetime.date(2021, 2, 1)),
        ApplicationRound(deadline=datetime.date(2017, 3, 1), earliest_start=None),
    ]
    assert timeline_period(network, rounds) == (datetime.date(2015, 1, 1), datetime.date(2021, 2, 1))
    assert timeline_period(network, rounds[1:]) == (datetime.date(2016, 1, 1), datetime.date(2020, 7, 31))


def test_a_paragraph_pointing_to_a_figure_below_is_told_the_figure_is_missing():
    html = missing_figures(markdown("Organiseringen er illustreret i nedenstående figur.\n\nNæste afsnit."))
    assert html.index("nedenstående figur") < html.index("er ikke med i den tekst af referatet") < html.index("Næste")
    assert html.count('class="not-stated"') == 1


def test_text_without_a_figure_reference_is_left_alone():
    html = markdown("Figurerne i bilaget viser tallene.")
    assert missing_figures(html) == html


@pytest.mark.django_db
def test_organisation_figure_has_a_box_per_body_and_wraps_long_members():
    short = OrganisationBodyFactory(members="KKR Nordjylland", position=1)
    long = OrganisationBodyFactory(members="Frikommunekoordinator samt jobcenterchefer fra 3-4 kommuner", position=2)
    figure = organisation_figure([short, long])
    first, second = figure["boxes"]
    assert [text for _, text in first["lines"]] == ["KKR Nordjylland"]
    assert len(second["lines"]) == 2
    assert second["y"] >= first["y"] + first["height"]
    assert figure["height"] == second["y"] + second["height"]


def test_markdown_forgets_one_text_before_the_next():
    # The converter is reused from text to text: a link reference defined in one must not serve another.
    first = markdown("Se [referatet][ref].\n\n[ref]: https://example.org/referat")
    assert '<a href="https://example.org/referat"' in first
    second = markdown("Se [referatet][ref].")
    assert "example.org" not in second
    assert "[referatet][ref]" in second
