"""The one way the trial list, its CSV file and the API read the trial filters from a query string.

The same query string gives the same trials in all three: `TrialQuery(data).trials()` (or
`filtered_trials(filters, network)` once the filters are read).
"""

from .forms import ALL_NETWORKS, BY_MUNICIPALITIES, NetworkChoiceForm, TrialFilterForm
from .models import Network, Trial

SORT_ORDERS = {
    "runde": ["application_round__network__name", "application_round__number", "number_in_round"],
    "titel": ["title"],
    "kommuner": ["-municipality_count", "title"],
}


def filter_trials(trials, filters, network, *, skip=()):
    """Apply the network (None: all) and the validated filters, all but those in ``skip``.

    Skipping a filter counts the options of that filter with the others applied.
    """
    if network is not None and "netvaerk" not in skip:
        trials = trials.in_network(network)
    if "runde" in filters and "runde" not in skip:
        trials = trials.in_round(filters["runde"])
    if "kommune" in filters and "kommune" not in skip:
        trials = trials.in_municipality(filters["kommune"])
    if "status" in filters and "status" not in skip:
        trials = trials.with_status(filters["status"])
    if "evaluator" in filters and "evaluator" not in skip:
        evaluator = filters["evaluator"]
        trials = trials.evaluated_by(None if evaluator == BY_MUNICIPALITIES else evaluator)
    return trials


def filtered_trials(filters, network, trials=None):
    """The published trials of ``network`` (None: of every network) that pass ``filters``, in their sort order.

    ``trials`` narrows or prefetches the starting set (a queryset of Trial); it is always cut to the
    published ones.
    """
    trials = (Trial.objects.all() if trials is None else trials).public()
    order = SORT_ORDERS[filters.get("sortering", "runde")]
    return filter_trials(trials, filters, network).with_municipality_count().order_by(*order)


class TrialQuery:
    """The network and the filters a query string asks for (?netvaerk=, runde, kommune, status, evaluator, sortering).

    The pages drop a bad value (``filters``); the API refuses it (``errors``).
    """

    KEYS = ("netvaerk", "runde", "kommune", "status", "evaluator", "sortering")

    def __init__(self, data):
        self.data = data
        self.chooser = NetworkChoiceForm(data, networks=Network.objects.for_chooser(), allow_all=True)
        self.network = self.chooser.network()
        self.form = TrialFilterForm.for_request(data, self.network)
        self.filters = self.form.valid_filters()

    def errors(self):
        """{key: message} for each given value that is not valid (an empty dict when all are)."""
        errors = {}
        for form in (self.chooser, self.form):
            form.is_valid()
            for key, messages in form.errors.items():
                # "alle" is offered only with several networks; with one it means that one, as on the page.
                if self.data.get(key) not in (None, "", ALL_NETWORKS):
                    errors[key] = [str(message) for message in messages]
        return errors

    def trials(self, trials=None):
        return filtered_trials(self.filters, self.network, trials)
