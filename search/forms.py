"""The search box and its filters."""

from django import forms
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frikommune.forms import option_tags
from meetings.models import Committee, Meeting
from news.models import NewsItem
from trials.models import Municipality

from .backends import Filters

MAX_QUERY_LENGTH = 200

# The kinds of content, as the filter names them in the address (Danish) and to the reader.
KINDS = {
    "forsoeg": ("trial", pgettext_lazy("search filter", "Forsøg")),
    "kommune": ("municipality", _("Kommuner")),
    "moede": ("meeting", _("Møder")),
    "dagsordenspunkt": ("agenda_item", _("Dagsordenspunkter")),
    "beslutning": ("decision", _("Beslutninger")),
    "nyhed": ("news", _("Nyheder")),
    "dokument": ("document", _("Dokumenter")),
}


class SearchForm(forms.Form):
    """The query and its filters (kind, committee, municipality, year); a filter value not offered is
    ignored, and the field says so."""

    q = forms.CharField(
        label=_("Søg på portalen"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={
            "max_length": _("Skriv højst %(limit_value)d tegn (du skrev %(show_value)d)."),
        },
    )
    type = forms.ChoiceField(label=_("Type"), required=False)
    udvalg = forms.ChoiceField(label=_("Udvalg"), required=False)
    kommune = forms.ChoiceField(label=_("Kommune"), required=False)
    aar = forms.TypedChoiceField(label=_("År"), coerce=int, required=False, empty_value=None)

    FILTER_NAMES = ("type", "udvalg", "kommune", "aar")
    INVALID = _("Værdien kendes ikke og er ikke brugt.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Three queries, whatever is chosen: the committees with published meetings, the
        # municipalities, and the years of published meetings and news.
        published = Meeting.objects.public()
        committees = (
            Committee.objects.filter(pk__in=published.values("committee"))
            .order_by("name", "municipality__name")
            .values_list("pk", "slug", "name", "municipality__name")
        )
        self.committee_ids = {}
        committee_choices = [("", _("Alle udvalg"))]
        label = str(Committee.LABEL)  # translated once, not per committee
        for pk, slug, name, municipality in committees:
            self.committee_ids[slug] = pk
            committee_choices.append((slug, label % {"name": name, "municipality": municipality}))
        self.municipality_ids = {}
        municipality_choices = [("", _("Alle kommuner"))]
        for pk, slug, name in Municipality.objects.order_by("name").values_list("pk", "slug", "name"):
            self.municipality_ids[slug] = pk
            municipality_choices.append((slug, name))
        years = (
            published.annotate(y=ExtractYear("date"))
            .values_list("y", flat=True)
            .order_by()
            .union(NewsItem.objects.public().annotate(y=ExtractYear("date")).values_list("y", flat=True).order_by())
        )
        self.fields["type"].choices = [("", _("Alle typer"))] + [
            (value, label) for value, (_kind, label) in KINDS.items()
        ]
        self.fields["udvalg"].choices = committee_choices
        self.fields["kommune"].choices = municipality_choices
        self.fields["aar"].choices = [("", _("Alle år"))] + [(y, y) for y in sorted(set(years), reverse=True)]
        for name in self.FILTER_NAMES:
            self.fields[name].error_messages["invalid_choice"] = self.INVALID

    def text(self):
        """The query with its whitespace collapsed, or "" when there is nothing valid to search for."""
        if not self.is_bound or (not self.is_valid() and "q" in self.errors):
            return ""
        return " ".join(self.cleaned_data["q"].split())

    def filters(self):
        """The valid filters as ids for the search; text() must have been called."""
        data = self.cleaned_data
        return Filters(
            kind=KINDS[data["type"]][0] if data.get("type") else None,
            committee_id=self.committee_ids.get(data.get("udvalg")),
            municipality_id=self.municipality_ids.get(data.get("kommune")),
            year=data.get("aar"),
        )

    def has_filters(self):
        """Whether the request names any filter, valid or not."""
        return any(self.data.get(name) for name in self.FILTER_NAMES)

    def selects(self):
        """(bound field, its <option> elements) for each filter, for the template to write in one loop."""
        result = []
        for name in self.FILTER_NAMES:
            bound = self[name]
            chosen = str(bound.value() or "")
            options = ((str(value), label, str(value) == chosen) for value, label in bound.field.choices)
            result.append((bound, option_tags(options)))
        return result
