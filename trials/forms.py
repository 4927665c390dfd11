"""Forms that check what the public pages read from the query string."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ApplicationRound, Municipality, Organisation, Trial

# The value of the evaluator filter for trials the participating municipalities evaluate themselves.
BY_MUNICIPALITIES = "kommunerne"


class TrialFilterForm(forms.Form):
    """Filters and sort order for the trial list; a bad value is dropped, never an error page."""

    SORT_CHOICES = (
        ("runde", _("Runde")),
        ("titel", _("Titel")),
        ("kommuner", _("Antal kommuner")),
    )

    runde = forms.TypedChoiceField(label=_("Ansøgningsrunde"), coerce=int, required=False)
    kommune = forms.ChoiceField(label=_("Kommune"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Trial.Status.choices, required=False)
    evaluator = forms.ChoiceField(label=_("Evaluering"), required=False)
    sortering = forms.ChoiceField(label=_("Sortér efter"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args, rounds, municipalities, evaluators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["runde"].choices = [(r.number, str(r)) for r in rounds]
        self.fields["kommune"].choices = [(m.slug, m.name) for m in municipalities]
        self.fields["evaluator"].choices = [(o.slug, str(o)) for o in evaluators] + [
            (BY_MUNICIPALITIES, _("De deltagende kommuner"))
        ]

    def valid_filters(self):
        """The filters whose values passed validation; the others are ignored."""
        self.is_valid()
        return {
            name: value for name, value in self.cleaned_data.items() if value not in (None, "") and name in self.fields
        }

    @classmethod
    def for_request(cls, data):
        return cls(
            data,
            rounds=ApplicationRound.objects.all(),
            municipalities=Municipality.objects.all(),
            evaluators=Organisation.objects.filter(evaluations__isnull=False).distinct(),
        )
