"""Validated filters from the query string for the meeting pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Committee, Meeting


class MeetingFilterForm(forms.Form):
    """Filter the published meetings by committee and year; an invalid value is ignored."""

    udvalg = forms.ModelChoiceField(
        label=_("Udvalg"),
        queryset=Committee.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle udvalg"),
    )
    aar = forms.TypedChoiceField(label=_("År"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        published = Meeting.objects.published()
        self.fields["udvalg"].queryset = Committee.objects.filter(
            meetings__in=published
        ).distinct().select_related("municipality")
        years = [d.year for d in published.dates("date", "year", order="DESC")]
        self.fields["aar"].choices = [("", _("Alle år"))] + [(y, y) for y in years]

    def filter(self, queryset):
        """Apply the valid filters; is_valid() must have been called."""
        data = self.cleaned_data if self.is_bound else {}
        if data.get("udvalg"):
            queryset = queryset.filter(committee=data["udvalg"])
        if data.get("aar"):
            queryset = queryset.filter(date__year=data["aar"])
        return queryset
