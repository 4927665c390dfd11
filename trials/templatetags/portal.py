"""Presentation filters for the public pages: Markdown rendering and glossary mark-up."""

import datetime
import functools
import re
import textwrap
import threading

import markdown as markdown_lib
import nh3
from django import template
from django.template.defaulttags import querystring
from django.template.loader import get_template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext as _

from frikommune.reversing import object_url

from ..models import Participation, participation_url

register = template.Library()

# Tags a case description or news text may use once rendered; everything else is stripped.
MARKDOWN_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li",
    "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
MARKDOWN_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}

# A tag, with quoted attribute values that may themselves contain ">".
TAG_RE = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")
# Inside these elements a term is left alone: no links in links, no mark-up in code.
SKIP_ELEMENTS = {"a", "abbr", "code", "pre", "dfn"}


HEADING_RE = re.compile(r"<(/?)h([1-6])\b")


def _shift_headings(html, offset):
    return HEADING_RE.sub(lambda m: f"<{m.group(1)}h{min(max(int(m.group(2)) + offset, 1), 6)}", html)


_converters = threading.local()


def _markdown_converter():
    """This thread's Markdown converter, reused (reset) for each text: a page may render dozens of texts,
    and making a converter loads its extensions each time. A converter is not safe to share between threads."""
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown_lib.Markdown(extensions=["sane_lists", "tables"])
    return converter


@register.filter(is_safe=True)
def markdown(text, heading_offset=0):
    """Render Markdown to HTML, then sanitise it with nh3 so no script or raw HTML survives.

    ``{{ text|markdown:1 }}`` moves every heading one level down (## becomes h3), so text from the
    minutes keeps its own outline below the page's headings.
    """
    if not text:
        return ""
    html = _markdown_converter().reset().convert(str(text))
    if heading_offset:
        html = _shift_headings(html, int(heading_offset))
    return mark_safe(
        nh3.clean(
            html,
            tags=MARKDOWN_TAGS,
            attributes=MARKDOWN_ATTRIBUTES,
            link_rel="noopener",
        )
    )


# A paragraph that points to a figure below it: the minutes' figures do not survive into their text.
FIGURE_REFERENCE_RE = re.compile(
    r"(<p>(?:(?!</p>).)*?\b(?:nedenstående|følgende) (?:figur|model|illustration|tegning|diagram)"
    r"(?:(?!</p>).)*</p>)",
    re.IGNORECASE | re.DOTALL,
)


@register.filter(is_safe=True)
def missing_figures(html):
    """After a paragraph that refers to a figure below, say that the figure is not reproduced."""
    note = escape(_("Figuren, som teksten henviser til, er ikke med i den tekst af referatet, portalen bygger på."))
    return mark_safe(FIGURE_REFERENCE_RE.sub(rf'\1<p class="not-stated">{note}</p>', str(html)))


@functools.lru_cache(maxsize=16)
def _terms_pattern(words):
    """The pattern that finds any of ``words`` (the terms, HTML-escaped), the longest first: built once
    for a page that marks up dozens of decisions."""
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=lambda word: (-len(word), word)))
    return re.compile(r"(?<![\w&])(" + alternatives + r")(?!\w)")


def _term_markup(term, glossary_url):
    explanation = " – ".join(part for part in (term.full_form, term.definition) if part)
    described = f' title="{escape(explanation)}"' if explanation else ""
    return (
        f'<a class="glossary-term" href="{glossary_url}#{escape(term.slug)}"{described}>'
        f"<dfn>{escape(term.term)}</dfn></a>"
    )


@register.filter(is_safe=True)
def glossary(text, terms=None):
    """Link each defined term, the first time it appears, to its explanation on the glossary page.

    Plain text is escaped first; HTML that is already safe (e.g. from ``markdown``) is marked up in
    its text only, never inside tags, links or code. Pass ``glossary_terms`` from the context
    processor to avoid a query per use: ``{{ text|glossary:glossary_terms }}``.
    """
    if not text:
        return ""
    if terms is None:
        from trials.models import GlossaryTerm

        terms = GlossaryTerm.objects.all()
    terms = list(terms)
    html = str(text) if isinstance(text, SafeData) else str(conditional_escape(text))
    by_escaped_word = {escape(term.term): term for term in terms}
    pattern = _terms_pattern(frozenset(by_escaped_word))
    if pattern is None:
        return mark_safe(html)
    glossary_url = object_url("trials:glossary")
    seen = set()

    def replace(match):
        word = match.group(1)
        if word in seen:
            return word
        seen.add(word)
        return _term_markup(by_escaped_word[word], glossary_url)

    parts = []
    skip_depth = 0
    position = 0
    for tag in TAG_RE.finditer(html):
        chunk = html[position : tag.start()]
        parts.append(chunk if skip_depth else pattern.sub(replace, chunk))
        parts.append(tag.group(0))
        name = re.match(r"</?\s*([a-zA-Z0-9]+)", tag.group(0))
        if name and name.group(1).lower() in SKIP_ELEMENTS:
            skip_depth += -1 if tag.group(0).startswith("</") else 1
            skip_depth = max(skip_depth, 0)
        position = tag.end()
    tail = html[position:]
    parts.append(tail if skip_depth else pattern.sub(replace, tail))
    return mark_safe("".join(parts))


# --- Pictures drawn on the server as SVG: the tags compute coordinates, the templates draw. ---

TIMELINE_WIDTH = 760
TIMELINE_LEFT = 110


def _x(day, start, end, width=TIMELINE_WIDTH, left=TIMELINE_LEFT):
    span = (end - start).days or 1
    return round(left + (day - start).days / span * width, 1)


def timeline_period(network, rounds):
    """From 1 January of the network's first year to the day it is approved until.

    Without an approval date the period runs to the end of the programme; a round dated outside
    the period widens it, so every mark stays on the chart.
    """
    dates = [day for r in rounds for day in (r.deadline, r.earliest_start) if day]
    start = datetime.date(min([network.start_year, *(day.year for day in dates)]), 1, 1)
    end = network.approved_until or datetime.date(network.programme.end_year, 12, 31)
    return start, max([end, *dates])


@register.inclusion_tag("includes/chart_timeline.html")
def timeline_chart(rounds, network):
    """The network's period with each round's deadline and the date its trials could start."""
    if not network:
        return {}
    rounds = list(rounds)
    start, end = timeline_period(network, rounds)
    rows = []
    for index, application_round in enumerate(rounds):
        y = 50 + index * 44
        run_start = application_round.earliest_start
        start_x = _x(run_start, start, end) if run_start else None
        rows.append(
            {
                "round": application_round,
                "y": y,
                "deadline_x": _x(application_round.deadline, start, end),
                "start_x": start_x,
                "run_width": round(_x(end, start, end) - start_x, 1) if run_start else 0,
            }
        )
    years = [{"year": year, "x": _x(datetime.date(year, 1, 1), start, end)} for year in range(start.year, end.year + 1)]
    height = 50 + len(rows) * 44 + 30
    return {
        "rows": rows,
        "years": years,
        "end": end,
        "end_x": _x(end, start, end),
        "start": start,
        "height": height,
        "axis_y": height - 26,
    }


@register.inclusion_tag("includes/chart_round_bars.html")
def round_bars_chart(rounds):
    """Each round's applications sent beside those approved, as horizontal bars."""
    rounds = list(rounds)
    largest = max((r.applications_sent for r in rounds), default=0) or 1
    scale = 540 / largest
    rows = [
        {
            "round": r,
            "y": 20 + index * 70,
            "sent_width": round(r.applications_sent * scale, 1),
            "approved_width": round(r.applications_approved * scale, 1),
        }
        for index, r in enumerate(rounds)
    ]
    return {"rows": rows, "height": 20 + len(rows) * 70}


ORGANISATION_FIGURE_WIDTH = 460
ORGANISATION_LINE_CHARS = 44  # what fits in a box at 16 px; on a phone the text stays at 12 px or more


@register.inclusion_tag("includes/chart_organisation.html")
def organisation_figure(bodies):
    """The project organisation as boxes, one per body, in the order the minutes name them.

    The minutes draw it as a figure that did not survive into their text; this draws it again
    from the bodies, without lines between them, since the text does not say who reports to whom.
    """
    boxes = []
    y = 0
    for body in bodies:
        lines = textwrap.wrap(str(body.members), ORGANISATION_LINE_CHARS) or [""]
        height = 40 + 22 * len(lines)
        baselines = [y + 48 + 22 * index for index in range(len(lines))]
        boxes.append({"body": body, "y": y, "height": height, "lines": list(zip(baselines, lines, strict=True))})
        y += height + 16
    return {"boxes": boxes, "height": max(y - 16, 0), "width": ORGANISATION_FIGURE_WIDTH}


@register.inclusion_tag("includes/participation_matrix.html")
def participation_matrix(trials, municipalities, chosen=""):
    """Trials × municipalities as a table: who applied, who joined later (from prefetched rows).

    chosen: the slug of the municipality the list is filtered by; its column comes first, so a phone
    shows it without scrolling.
    """
    municipalities = sorted(municipalities, key=lambda m: m.slug != chosen)
    # A network's matrix has hundreds of cells of three kinds: each kind is rendered once.
    cell_template = get_template("includes/participation_matrix_cell.html")
    cells = {kind: cell_template.render({"kind": kind}).strip() for kind in [*Participation.Kind.values, None]}
    rows = []
    for trial in trials:
        kinds = {p.municipality_id: p.kind for p in trial.participations.all()}
        row = "".join(cells.get(kinds.get(m.pk), cells[None]) for m in municipalities)
        rows.append({"trial": trial, "cells": mark_safe(row)})
    return {"rows": rows, "municipalities": municipalities, "chosen": chosen}


@register.simple_tag(takes_context=True)
def page_querystring(context, page_param, number):
    """The current query string with `page_param` set to the page number.

    Like ``{% querystring page=number %}``, for a page that pages several lists, each under its own parameter.
    """
    return querystring(context, **{page_param: number})


@register.simple_tag(name="participation_url")
def participation_url_tag(trial, municipality):
    """``{% url 'trials:participation_detail' ... %}`` for a list of trials, at a third of its cost."""
    return participation_url(trial, municipality)
