"""The subscribe form: an e-mail address, and the subject the page it sits on names in hidden fields."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SEARCH_QUERY_MAX_LENGTH, Subscription, normalize_email
from .subjects import find_subject


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Din e-mailadresse"),
        max_length=254,
        error_messages={
            "required": _("Skriv din e-mailadresse."),
            "invalid": _("Skriv en gyldig e-mailadresse, fx navn@example.dk."),
        },
    )
    kind = forms.ChoiceField(choices=Subscription.Kind.choices, widget=forms.HiddenInput)
    subject = forms.CharField(max_length=SEARCH_QUERY_MAX_LENGTH, widget=forms.HiddenInput)

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        if "kind" in cleaned and "subject" in cleaned:
            self.subject_object = find_subject(cleaned["kind"], cleaned["subject"])
            if self.subject_object is None:
                raise forms.ValidationError(_("Det, du vil følge, findes ikke på portalen."), code="no_subject")
        return cleaned
