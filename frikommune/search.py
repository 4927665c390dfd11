"""One search over the portal's public content: full text on PostgreSQL, a plain fallback elsewhere.

Each kind of thing that can be found is a SearchSource: its public QuerySet and the text that
counts as its title (weight A) and its body (weight B). Every source yields rows of
(kind, id, rank); the rows are combined with UNION, ordered by rank and paginated in the
database, and only the page's objects are then fetched, one query per kind. So a page of
results costs a fixed number of queries however much matches.

Agenda items take their text from AgendaItem.public_value(), which is empty for a closed
item: a closed item is found by its title and nothing else.
"""

import re
from dataclasses import dataclass, field

from django import forms
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.db.models.functions import Cast, Concat
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from meetings.models import AgendaItem, CommitteeDecision, Document, Meeting
from trials.models import Municipality, NewsItem, Trial

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 20
SNIPPET_CHARS = 240
# Below this trigram word similarity a title is not taken as a misspelling of the query.
TYPO_THRESHOLD = 0.5
HIT_START, HIT_STOP = "\x02", "\x03"

MARKDOWN_MARKS = re.compile(r"\*+|^#+ ", re.MULTILINE)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Søg på portalen"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={
            "max_length": _("Skriv højst %(limit_value)d tegn (du skrev %(show_value)d)."),
        },
    )


@dataclass
class Hit:
    """One search result as the template shows it; every field is plain text."""

    kind: str
    title: str
    url: str
    context_title: str = ""
    context_url: str = ""
    snippet: list = field(default_factory=list)  # [(text, is_match), …]


def _text(*names_or_expressions):
    """Concatenate fields or expressions into one text expression."""
    parts = [F(part) if isinstance(part, str) else part for part in names_or_expressions]
    if len(parts) == 1:
        return Cast(parts[0], TextField())
    spaced = []
    for part in parts:
        spaced += [part, Value(" ")]
    return Concat(*spaced[:-1], output_field=TextField())


class SearchSource:
    kind = ""
    label = ""

    def queryset(self):
        raise NotImplementedError

    def title(self):
        raise NotImplementedError

    def body(self):
        return None

    def hit(self, obj):
        raise NotImplementedError

    def fetch(self, ids):
        return self.queryset().filter(pk__in=ids)


class TrialSource(SearchSource):
    kind, label = "trial", pgettext_lazy("search result kind", "Forsøg")

    def queryset(self):
        return Trial.objects.public()

    def title(self):
        return _text("title")

    def body(self):
        return _text("summary", "status_reason", "scope_note")

    def fetch(self, ids):
        return super().fetch(ids).select_related("application_round")

    def hit(self, trial):
        return Hit(
            self.label,
            trial.title,
            trial.get_absolute_url(),
            str(trial.application_round),
            trial.application_round.get_absolute_url(),
        )


class MunicipalitySource(SearchSource):
    kind, label = "municipality", _("Kommune")

    def queryset(self):
        return Municipality.objects.all()

    def title(self):
        return _text("name")

    def hit(self, municipality):
        return Hit(self.label, _("%(name)s Kommune") % {"name": municipality.name}, municipality.get_absolute_url())


class MeetingSource(SearchSource):
    kind, label = "meeting", _("Møde")

    def queryset(self):
        return Meeting.objects.public()

    def title(self):
        return _text("committee__name")

    def body(self):
        return _text("place", "other_participants", "other_information")

    def fetch(self, ids):
        return super().fetch(ids).select_related("committee__municipality")

    def hit(self, meeting):
        return Hit(
            self.label,
            str(meeting),
            meeting.get_absolute_url(),
            str(meeting.committee),
            meeting.committee.get_absolute_url(),
        )


class AgendaItemSource(SearchSource):
    kind, label = "agenda_item", _("Dagsordenspunkt")

    def queryset(self):
        return AgendaItem.objects.public().prefetch_related(None)

    def title(self):
        return _text("title")

    def body(self):
        return _text(
            *(
                AgendaItem.public_value(name)
                for name in ("case_number", "proposal", "text", "decision", "case_description")
            )
        )

    def fetch(self, ids):
        return super().fetch(ids).select_related("meeting__committee")

    def hit(self, item):
        return Hit(
            self.label,
            str(item),
            item.get_absolute_url(),
            str(item.meeting),
            item.meeting.get_absolute_url(),
        )


class DecisionSource(SearchSource):
    kind, label = "decision", _("Beslutning")

    def queryset(self):
        return CommitteeDecision.objects.public()

    def title(self):
        return _text("text")

    def fetch(self, ids):
        return (
            super()
            .fetch(ids)
            .select_related("committee", "agenda_item__meeting__committee")
            .only(
                "pk",
                "text",
                "outcome",
                "committee__name",
                "committee__slug",
                *(f"agenda_item__{name}" for name in AgendaItem.PUBLIC_FIELDS_WHEN_CLOSED),
                "agenda_item__meeting__date",
                "agenda_item__meeting__committee__name",
                "agenda_item__meeting__committee__slug",
            )
        )

    def hit(self, decision):
        title = f"{decision.committee.name}: {decision.get_outcome_display()}"
        if decision.agenda_item:
            item = decision.agenda_item
            return Hit(
                self.label,
                title,
                f"{item.meeting.get_absolute_url()}#beslutning-{decision.pk}",
                str(item),
                item.get_absolute_url(),
            )
        return Hit(self.label, title, decision.committee.get_absolute_url())


class NewsSource(SearchSource):
    kind, label = "news", _("Nyhed")

    def queryset(self):
        return NewsItem.objects.public()

    def title(self):
        return _text("title")

    def body(self):
        return _text("body")

    def hit(self, news_item):
        return Hit(self.label, news_item.title, news_item.get_absolute_url())


class DocumentSource(SearchSource):
    kind, label = "document", _("Dokument")

    def queryset(self):
        return Document.objects.public()

    def title(self):
        return _text("title")

    def body(self):
        # The text of a withheld file is as private as the file.
        return Case(
            When(is_file_public=True, then=F("extracted_text")),
            default=Value(""),
            output_field=TextField(),
        )

    def fetch(self, ids):
        return super().fetch(ids).select_related("meeting__committee", "agenda_item__meeting__committee")

    def hit(self, document):
        meeting = document.meeting or (document.agenda_item.meeting if document.agenda_item else None)
        if document.is_downloadable:
            # The checked download view, never the storage path: it applies the public rule.
            url = reverse("meetings:document_download", args=[document.pk])
        elif document.agenda_item:
            url = document.agenda_item.get_absolute_url()
        elif meeting:
            url = meeting.get_absolute_url()
        else:
            url = reverse("news_list")
        hit = Hit(f"{self.label} ({document.get_kind_display()})", document.title, url)
        if document.agenda_item:
            hit.context_title, hit.context_url = (
                f"{meeting}, {document.agenda_item}",
                document.agenda_item.get_absolute_url(),
            )
        elif meeting:
            hit.context_title, hit.context_url = str(meeting), meeting.get_absolute_url()
        return hit


SOURCES = [
    TrialSource(),
    MunicipalitySource(),
    MeetingSource(),
    AgendaItemSource(),
    DecisionSource(),
    NewsSource(),
    DocumentSource(),
]
SOURCES_BY_KIND = {source.kind: source for source in SOURCES}


def is_full_text_available():
    return connection.vendor == "postgresql"


def _rows_postgresql(source, text, query):
    vector = SearchVector(source.title(), weight="A", config="danish")
    if source.body() is not None:
        vector = vector + SearchVector(source.body(), weight="B", config="danish")
    similarity = TrigramWordSimilarity(Value(text), source.title())
    return (
        source.queryset()
        .annotate(hit_vector=vector, hit_similarity=similarity)
        .filter(Q(hit_vector=query) | Q(hit_similarity__gte=TYPO_THRESHOLD))
        .annotate(
            hit_kind=Value(source.kind, output_field=TextField()),
            hit_id=F("pk"),
            hit_rank=SearchRank(F("hit_vector"), query) + F("hit_similarity") * Value(0.1),
        )
    )


# Common Danish inflections, longest first: a poor man's stemmer for the fallback, so that
# "rehabiliteringsteamet" still finds "rehabiliteringsteams".
DANISH_SUFFIXES = ("erne", "ene", "ens", "ets", "et", "en", "er", "e", "s")


def fallback_stem(term):
    for suffix in DANISH_SUFFIXES:
        if term.lower().endswith(suffix) and len(term) - len(suffix) >= 4:
            return term[: -len(suffix)]
    return term


def _rows_fallback(source, terms):
    annotations = {"hit_title": source.title()}
    if source.body() is not None:
        annotations["hit_body"] = source.body()
    rows = source.queryset().annotate(**annotations)
    in_title = Q()
    for term in map(fallback_stem, terms):
        matches = Q(hit_title__icontains=term)
        if "hit_body" in annotations:
            matches |= Q(hit_body__icontains=term)
        rows = rows.filter(matches)
        in_title &= Q(hit_title__icontains=term)
    return rows.annotate(
        hit_kind=Value(source.kind, output_field=TextField()),
        hit_id=F("pk"),
        hit_rank=Case(When(in_title, then=Value(1.0)), default=Value(0.5), output_field=FloatField()),
    )


def ranked_rows(text):
    """All hits as (hit_kind, hit_id, hit_rank) rows, best first, as one combined QuerySet."""
    terms = text.split()
    parts = []
    query = SearchQuery(text, config="danish", search_type="websearch")
    for source in SOURCES:
        rows = _rows_postgresql(source, text, query) if is_full_text_available() else _rows_fallback(source, terms)
        parts.append(rows.order_by().values("hit_kind", "hit_id", "hit_rank"))
    first, *rest = parts
    return first.union(*rest, all=True).order_by("-hit_rank", "hit_kind", "hit_id")


def _split_marked(headline):
    """Turn text with HIT_START/HIT_STOP markers into [(text, is_match), …] for the template."""
    segments = []
    for piece in re.split(f"({HIT_START}.*?{HIT_STOP})", headline, flags=re.DOTALL):
        if not piece:
            continue
        if piece.startswith(HIT_START):
            segments.append((piece.strip(HIT_START + HIT_STOP), True))
        else:
            segments.append((piece, False))
    return segments


def excerpt(body, terms):
    """A plain excerpt of body around the first term, with the terms marked."""
    body = " ".join((body or "").split())
    if not body:
        return []
    lowered = body.lower()
    positions = [lowered.find(term.lower()) for term in terms if term and term.lower() in lowered]
    start = max(min(positions) - SNIPPET_CHARS // 3, 0) if positions else 0
    if start > 0:
        # Begin at a word, not in the middle of one.
        start = body.find(" ", start) + 1 or start
    window = body[start : start + SNIPPET_CHARS]
    if start > 0:
        window = "…" + window
    if start + SNIPPET_CHARS < len(body):
        window += "…"
    pattern = "|".join(re.escape(term) for term in terms if term)
    if pattern:
        window = re.sub(f"({pattern})", lambda m: f"{HIT_START}{m.group(0)}{HIT_STOP}", window, flags=re.IGNORECASE)
    return _split_marked(window)


def page_hits(rows, text):
    """Fetch the objects behind one page of rows, one query per kind, and make Hits in order."""
    ids_by_kind = {}
    for row in rows:
        ids_by_kind.setdefault(row["hit_kind"], []).append(row["hit_id"])
    terms = [fallback_stem(term) for term in text.split()]
    query = SearchQuery(text, config="danish", search_type="websearch")
    found = {}
    for kind, ids in ids_by_kind.items():
        source = SOURCES_BY_KIND[kind]
        objects = source.fetch(ids)
        body = source.body()
        if body is not None:
            if is_full_text_available():
                objects = objects.annotate(
                    hit_snippet=SearchHeadline(
                        body,
                        query,
                        config="danish",
                        start_sel=HIT_START,
                        stop_sel=HIT_STOP,
                        max_words=35,
                        min_words=15,
                    )
                )
            else:
                objects = objects.annotate(hit_snippet=body)
        for obj in objects:
            hit = source.hit(obj)
            # Snippets are plain text: the Markdown emphasis of the minutes is noise there.
            snippet = MARKDOWN_MARKS.sub("", getattr(obj, "hit_snippet", "") or "")
            if is_full_text_available():
                hit.snippet = _split_marked(" ".join((snippet or "").split()))
            else:
                hit.snippet = excerpt(snippet, terms)
            found[(kind, obj.pk)] = hit
    return [found[(row["hit_kind"], row["hit_id"])] for row in rows if (row["hit_kind"], row["hit_id"]) in found]


def search(request):
    """The search page: one box, results from every kind of public content, best first."""
    form = SearchForm(request.GET or None)
    context = {"form": form, "text": "", "hits": [], "page_obj": None}
    if form.is_valid() and form.cleaned_data["q"]:
        text = " ".join(form.cleaned_data["q"].split())
        paginator = Paginator(ranked_rows(text), PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            text=text,
            page_obj=page_obj,
            hits=page_hits(list(page_obj.object_list), text),
            query_string=query.urlencode(),
        )
    return render(request, "frikommune/search.html", context)
