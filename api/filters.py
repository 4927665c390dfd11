"""Query-string filters of the API's lists (django-filter). A bad value is a 400 that names the parameter."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from meetings.models import AgendaItem, CommitteeDecision, Document, Meeting
from trials.filtering import SORT_ORDERS, TrialQuery
from trials.models import Trial


class IdFilter(django_filters.NumberFilter):
    """A record's id: a whole number in the database's range."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=2**63 - 1, **kwargs)


class TrialFilter(django_filters.FilterSet):
    """The trial list page's filters, read by trials.filtering.TrialQuery as the page and the CSV read them.

    As on the page, the portal's own network is the default; netvaerk=alle gives every network.
    """

    netvaerk = django_filters.CharFilter(help_text="A network's slug, or 'alle' for every network.")
    runde = django_filters.NumberFilter(
        min_value=1, max_value=32767, help_text="A round's number within the chosen network."
    )
    kommune = django_filters.CharFilter(help_text="A municipality's slug.")
    status = django_filters.ChoiceFilter(choices=Trial.Status.choices)
    evaluator = django_filters.CharFilter(
        help_text="An evaluating organisation's slug, or 'kommunerne' for the municipalities themselves."
    )
    sortering = django_filters.ChoiceFilter(choices=[(key, key) for key in SORT_ORDERS])

    class Meta:
        model = Trial
        fields = []

    def filter_queryset(self, queryset):
        query = TrialQuery(self.data)
        errors = query.errors()
        if errors:
            raise ValidationError(errors)
        return query.trials(queryset)


class MeetingFilter(django_filters.FilterSet):
    udvalg = django_filters.CharFilter(field_name="committee__slug", help_text="A committee's slug.")
    aar = django_filters.NumberFilter(
        field_name="date__year", min_value=1, max_value=9999, help_text="The year of the meeting."
    )
    fra = django_filters.DateFilter(field_name="date", lookup_expr="gte", help_text="Meetings on or after this date.")
    til = django_filters.DateFilter(field_name="date", lookup_expr="lte", help_text="Meetings on or before this date.")

    class Meta:
        model = Meeting
        fields = []


class AgendaItemFilter(django_filters.FilterSet):
    moede = IdFilter(field_name="meeting", help_text="A meeting's id.")
    udvalg = django_filters.CharFilter(field_name="meeting__committee__slug", help_text="A committee's slug.")
    forsoeg = django_filters.CharFilter(field_name="trials__slug", distinct=True, help_text="A trial's slug.")

    class Meta:
        model = AgendaItem
        fields = []


class DecisionFilter(django_filters.FilterSet):
    udvalg = django_filters.CharFilter(field_name="committee__slug", help_text="A committee's slug.")
    kommune = django_filters.CharFilter(field_name="committee__municipality__slug", help_text="A municipality's slug.")
    udfald = django_filters.ChoiceFilter(field_name="outcome", choices=CommitteeDecision.Outcome.choices)
    forsoeg = django_filters.CharFilter(field_name="trials__slug", distinct=True, help_text="A trial's slug.")

    class Meta:
        model = CommitteeDecision
        fields = []


class DocumentFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(field_name="kind", choices=Document.Kind.choices, label=_("Type"))
    moede = IdFilter(field_name="meeting", help_text="A meeting's id.")
    forsoeg = django_filters.CharFilter(field_name="trials__slug", distinct=True, help_text="A trial's slug.")

    class Meta:
        model = Document
        fields = []
