"""Forms that check what the public pages read from the query string."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Municipality, Organisation, Trial, portal_of

# The value of the evaluator filter for trials the participating municipalities evaluate themselves.
BY_MUNICIPALITIES = "kommunerne"
# The value of the network filter for the trials of every network.
ALL_NETWORKS = "alle"


class NetworkChoiceForm(forms.Form):
    """Which network a page shows (?netvaerk=<slug>): the portal's own by default; a bad value is dropped."""

    netvaerk = forms.ChoiceField(label=_("Netværk"), required=False)

    def __init__(self, data, *, networks, allow_all=False):
        super().__init__(data)
        self.networks = list(networks)
        self.portal = portal_of(self.networks)
        everything = [(ALL_NETWORKS, _("Alle netværk"))] if allow_all and self.offers_choice else []
        self.fields["netvaerk"].choices = everything + [(network.slug, network.name) for network in self.networks]

    @property
    def offers_choice(self):
        """Whether there is anything to choose: with one network the pages look as they always did."""
        return len(self.networks) > 1

    def chosen(self):
        """What the reader chose, if valid: a network's slug, ALL_NETWORKS, or "" for the default."""
        self.is_valid()
        return self.cleaned_data.get("netvaerk", "")

    def network(self):
        """The network to show: the chosen one, by default the portal's own; None for all networks."""
        chosen = self.chosen()
        if chosen == ALL_NETWORKS:
            return None
        return next((network for network in self.networks if network.slug == chosen), self.portal)


class TrialFilterForm(forms.Form):
    """Filters and sort order for the trial list; a bad value is dropped, never an error page.

    The rounds and municipalities to choose from are those of one network (rounds are numbered
    within their network); for all networks, every municipality and no round.
    """

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
        self.municipalities = list(municipalities)
        self.fields["runde"].choices = [(r.number, str(r)) for r in rounds]
        self.fields["kommune"].choices = [(m.slug, m.name) for m in self.municipalities]
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
    def for_request(cls, data, network):
        """The form for the trials of ``network`` (None: of every network)."""
        if network is None:
            rounds, municipalities = [], Municipality.objects.all()
        else:
            rounds, municipalities = network.rounds.all(), Municipality.objects.taking_part_in(network)
        return cls(
            data,
            rounds=rounds,
            municipalities=municipalities,
            evaluators=Organisation.objects.filter(evaluations__isnull=False).distinct(),
        )
