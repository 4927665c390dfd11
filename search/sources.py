"""What the search finds: one SearchSource per kind of public content, with the text it is found by.

A source names its public QuerySet and the text that counts as its title (weight A) and its body
(weight B). Both are database expressions, defined here and nowhere else, so the query-time search
in backends.py and a stored search index read the same text. So are the facts the search page
filters by: a row's committee, municipalities and date (its year), where the kind has them.

Agenda items take their text from AgendaItem.public_value(), which is empty for a closed item:
a closed item is found by its title and nothing else.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.db.models import BigIntegerField, Case, Exists, F, Func, OuterRef, TextField, Value, When
from django.db.models.functions import Cast, Coalesce, Concat
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from meetings.models import AgendaItem, Committee, CommitteeDecision, Document, Meeting
from news.models import NewsItem
from trials.models import Municipality, Participation, Trial


def meeting_name(meeting):
    """A meeting as the rest of the site writes it: "Beskæftigelsesudvalget, 23. januar 2018"."""
    return f"{meeting.committee.name}, {date_format(meeting.date)}"


@dataclass
class Hit:
    """One search result as the template shows it; every field is plain text."""

    kind: str
    title: str
    url: str
    context_title: str = ""
    context_url: str = ""
    snippet: list = field(default_factory=list)  # [(text, is_match), …]
    date: datetime.date | None = None  # where the context line does not already give it


def _text(*names_or_expressions):
    """Concatenate fields or expressions into one text expression."""
    parts = [F(part) if isinstance(part, str) else part for part in names_or_expressions]
    if len(parts) == 1:
        return Cast(parts[0], TextField())
    spaced = []
    for part in parts:
        spaced += [part, Value(" ")]
    return Concat(*spaced[:-1], output_field=TextField())


class ArrayOf(Func):
    """An array of the given ids, leaving out nulls (PostgreSQL's ARRAY[…]; the stored index only)."""

    template = "array_remove(ARRAY[%(expressions)s]::bigint[], NULL)"
    output_field = ArrayField(BigIntegerField())


class SearchSource:
    """One kind of searchable content: its public rows, its title and body text, and its result.

    committee(), municipality() and date() are the expressions the search's filters read (None
    where the kind has no such fact); a stored index keeps them as columns, the fallback asks them
    of the rows.
    """

    kind = ""
    label = ""

    def queryset(self):
        raise NotImplementedError

    def title(self):
        raise NotImplementedError

    def body(self):
        return None

    def committee(self):
        """The id of the row's committee."""
        return None

    def municipality(self):
        """The id of the row's municipality."""
        return None

    def date(self):
        """The row's date, whose year the year filter reads."""
        return None

    def municipality_ids(self):
        """The ids of the row's municipalities as an array, for the stored index."""
        expression = self.municipality()
        return ArrayOf(expression) if expression is not None else None

    def in_municipality(self, municipality_id):
        """A condition on the source's rows, for the fallback: they belong to the municipality."""
        expression = self.municipality()
        return Exact(expression, municipality_id) if expression is not None else None

    def hit(self, obj):
        raise NotImplementedError

    def text_depends_on(self):
        """Other models whose rows the text reads, each with the lookup from this source's model to it."""
        return {}

    def visibility_depends_on(self):
        """(model, lookup) pairs: other rows the public QuerySet reads, and the path from this model to them.

        The index stores whether each row is public; saving or deleting such a row reindexes the
        rows that reach it by the lookup. A row's own fields (is_published, is_closed) need no entry.
        """
        return []

    def m2m_depends_on(self):
        """Many-to-many fields of this source's model that the public QuerySet reads."""
        return []

    def filters_depend_on(self):
        """(model, lookup) pairs: other rows that the committee, municipality or date read, beyond the above."""
        return []

    def dependencies(self):
        """Every (model, lookup) whose change can change this source's entries (text, visibility or filters)."""
        pairs = [*self.text_depends_on().items(), *self.visibility_depends_on(), *self.filters_depend_on()]
        return list(dict.fromkeys(pairs))

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

    def municipality_ids(self):
        return ArraySubquery(
            Participation.objects.filter(trial=OuterRef("pk")).order_by("municipality_id").values("municipality_id")
        )

    def in_municipality(self, municipality_id):
        return Exists(Participation.objects.filter(trial=OuterRef("pk"), municipality=municipality_id))

    def filters_depend_on(self):
        return [(Participation, "participations")]

    def fetch(self, ids):
        return super().fetch(ids).select_related("application_round__network")

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

    def municipality(self):
        return F("pk")

    def hit(self, municipality):
        return Hit(self.label, _("%(name)s Kommune") % {"name": municipality.name}, municipality.get_absolute_url())


class MeetingSource(SearchSource):
    kind, label = "meeting", _("Møde")

    def queryset(self):
        return Meeting.objects.public()

    def title(self):
        return _text("committee__name")

    def text_depends_on(self):
        return {Committee: "committee"}

    def body(self):
        return _text("place", "other_participants", "other_information")

    def committee(self):
        return F("committee_id")

    def municipality(self):
        return F("committee__municipality_id")

    def date(self):
        return F("date")

    def fetch(self, ids):
        return super().fetch(ids).select_related("committee__municipality")

    def hit(self, meeting):
        return Hit(
            self.label,
            meeting_name(meeting),
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

    def committee(self):
        return F("meeting__committee_id")

    def municipality(self):
        return F("meeting__committee__municipality_id")

    def date(self):
        return F("meeting__date")

    def visibility_depends_on(self):
        return [(Meeting, "meeting")]  # its publish state, and its committee and date

    def filters_depend_on(self):
        return [(Committee, "meeting__committee")]

    def fetch(self, ids):
        return super().fetch(ids).select_related("meeting__committee")

    def hit(self, item):
        return Hit(
            self.label,
            str(item),
            item.get_absolute_url(),
            meeting_name(item.meeting),
            item.meeting.get_absolute_url(),
        )


class DecisionSource(SearchSource):
    kind, label = "decision", _("Beslutning")

    def queryset(self):
        return CommitteeDecision.objects.public()

    def title(self):
        return _text("text")

    def committee(self):
        return F("committee_id")

    def municipality(self):
        return F("committee__municipality_id")

    def date(self):
        return Coalesce("decided_on", "agenda_item__meeting__date")

    def visibility_depends_on(self):
        # Its item's closed flag and its meeting's publish state (and date).
        return [(AgendaItem, "agenda_item"), (Meeting, "agenda_item__meeting")]

    def filters_depend_on(self):
        return [(Committee, "committee")]

    def fetch(self, ids):
        return (
            super()
            .fetch(ids)
            .select_related("committee", "agenda_item__meeting__committee")
            .only(
                "pk",
                "text",
                "outcome",
                "decided_on",
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
                f"{meeting_name(item.meeting)}, {item}",
                item.get_absolute_url(),
                date=decision.decided_on,
            )
        return Hit(self.label, title, decision.committee.get_absolute_url(), date=decision.decided_on)


class NewsSource(SearchSource):
    kind, label = "news", _("Nyhed")

    def queryset(self):
        return NewsItem.objects.public()

    def title(self):
        return _text("title")

    def body(self):
        return _text("body")

    def date(self):
        return F("date")

    def hit(self, news_item):
        return Hit(self.label, news_item.title, news_item.get_absolute_url(), date=news_item.date)


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

    def committee(self):
        return Coalesce("meeting__committee_id", "agenda_item__meeting__committee_id")

    def municipality(self):
        return Coalesce("meeting__committee__municipality_id", "agenda_item__meeting__committee__municipality_id")

    def date(self):
        return Coalesce("date", "meeting__date", "agenda_item__meeting__date")

    def filters_depend_on(self):
        return [(Committee, "meeting__committee"), (Committee, "agenda_item__meeting__committee")]

    def visibility_depends_on(self):
        # Its meeting's and item's state, and whether the trials and news items it hangs on are published.
        return [
            (Meeting, "meeting"),
            (Meeting, "agenda_item__meeting"),
            (AgendaItem, "agenda_item"),
            (Trial, "trials"),
            (NewsItem, "news_items"),
        ]

    def m2m_depends_on(self):
        return ["trials", "news_items"]

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
            url = reverse("news:list")
        hit = Hit(f"{self.label} ({document.get_kind_display()})", document.title, url, date=document.date)
        if document.agenda_item:
            hit.context_title, hit.context_url = (
                f"{meeting_name(meeting)}, {document.agenda_item}",
                document.agenda_item.get_absolute_url(),
            )
        elif meeting:
            hit.context_title, hit.context_url = meeting_name(meeting), meeting.get_absolute_url()
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
