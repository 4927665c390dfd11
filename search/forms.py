"""The search box."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Søg på portalen"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={
            "max_length": _("Skriv højst %(limit_value)d tegn (du skrev %(show_value)d)."),
        },
    )

    def text(self):
        """The query with its whitespace collapsed, or "" when there is nothing valid to search for."""
        if not self.is_valid():
            return ""
        return " ".join(self.cleaned_data["q"].split())
