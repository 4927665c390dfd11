"""Query-string filters of the API's lists (django-filter). A bad value is a 400 that names the parameter."""

import re

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, CommitteeDecision, Document, Meeting
from trials.filtering import SORT_ORDERS, TrialQuery
from trials.models import Trial


class StrictIntegerField(forms.IntegerField):
    """Digits only (not "1.0", not " 1"), and a given empty value is an error rather than "not given"."""

    empty_values = [None]

    def to_python(self, value):
        if value is not None and not re.fullmatch(r"-?[0-9]+", str(value)):
            raise forms.ValidationError(_("Indtast et heltal."), code="invalid")
        return super().to_python(value)


class StrictDateField(forms.DateField):
    """An ISO date (YYYY-MM-DD); a given empty value is an error rather than "not given"."""

    empty_values = [None]
    input_formats = ["%Y-%m-%d"]


class IntegerFilter(django_filters.NumberFilter):
    field_class = StrictIntegerField


class DateFilter(django_filters.DateFilter):
    field_class = StrictDateField


class IdFilter(IntegerFilter):
    """A record's id: a whole number in the database's range."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=2**63 - 1, **kwargs)


class SlugFilter(django_filters.CharFilter):
    """A slug: letters a-z, digits, hyphens and underscores; anything else is a 400."""

    field_class = forms.SlugField


class TrialFilter(django_filters.FilterSet):
    """The trial list page's filters, read by trials.filtering.TrialQuery as the page and the CSV read them.

    As on the page, the portal's own network is the default; netvaerk=alle gives every network. A
    malformed value (runde=abc, an unknown status) is a 400; a well-formed one that names nothing in
    the register (an unknown slug, a round the network lacks) matches no trial.
    """

    netvaerk = SlugFilter(help_text="A network's slug, or 'alle' for every network.")
    runde = IntegerFilter(min_value=1, max_value=32767, help_text="A round's number within the chosen network.")
    kommune = SlugFilter(help_text="A municipality's slug.")
    status = django_filters.ChoiceFilter(choices=Trial.Status.choices)
    evaluator = SlugFilter(
        help_text="An evaluating organisation's slug, or 'kommunerne' for the municipalities themselves."
    )
    sortering = django_filters.ChoiceFilter(choices=[(key, key) for key in SORT_ORDERS])

    class Meta:
        model = Trial
        fields = []

    def filter_queryset(self, queryset):
        query = TrialQuery(self.data)
        if query.errors():
            return queryset.none()
        return query.trials(queryset)


class MeetingFilter(django_filters.FilterSet):
    udvalg = SlugFilter(field_name="committee__slug", help_text="A committee's slug.")
    aar = IntegerFilter(field_name="date__year", min_value=1, max_value=9999, help_text="The year of the meeting.")
    fra = DateFilter(field_name="date", lookup_expr="gte", help_text="Meetings on or after this date.")
    til = DateFilter(field_name="date", lookup_expr="lte", help_text="Meetings on or before this date.")

    class Meta:
        model = Meeting
        fields = []


class AgendaItemFilter(django_filters.FilterSet):
    moede = IdFilter(field_name="meeting", help_text="A meeting's id.")
    udvalg = SlugFilter(field_name="meeting__committee__slug", help_text="A committee's slug.")
    forsoeg = SlugFilter(field_name="trials__slug", distinct=True, help_text="A trial's slug.")

    class Meta:
        model = AgendaItem
        fields = []


class DecisionFilter(django_filters.FilterSet):
    udvalg = SlugFilter(field_name="committee__slug", help_text="A committee's slug.")
    kommune = SlugFilter(field_name="committee__municipality__slug", help_text="A municipality's slug.")
    udfald = django_filters.ChoiceFilter(field_name="outcome", choices=CommitteeDecision.Outcome.choices)
    forsoeg = SlugFilter(field_name="trials__slug", distinct=True, help_text="A trial's slug.")

    class Meta:
        model = CommitteeDecision
        fields = []


class DocumentFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(field_name="kind", choices=Document.Kind.choices, label=_("Type"))
    moede = IdFilter(field_name="meeting", help_text="A meeting's id.")
    forsoeg = SlugFilter(field_name="trials__slug", distinct=True, help_text="A trial's slug.")

    class Meta:
        model = Document
        fields = []
