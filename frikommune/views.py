"""Pages that span the apps: the home page."""

from django.shortcuts import render

from meetings.models import CommitteeDecision, Meeting
from news.models import NewsItem
from trials.forms import NetworkChoiceForm
from trials.models import Municipality, Network, Trial, round_totals


def home(request):
    """One network's figures and rounds (the portal's own unless the reader chooses another), the latest news.

    With several networks in the register, a national overview comes first.
    """
    chooser = NetworkChoiceForm(request.GET, networks=Network.objects.for_chooser())
    network = chooser.network()
    rounds = list(network.rounds.all()) if network else []
    national = None
    if chooser.offers_choice:
        trials = Trial.objects.public().status_counts()
        national = {
            "networks": len(chooser.networks),
            "municipalities": Municipality.objects.count(),
            "trials": trials["total"],
            "by_status": [(label, trials[status]) for status, label in Trial.Status.choices],
        }
    decisions = CommitteeDecision.objects.public().listed().with_public_trials()
    return render(
        request,
        "home.html",
        {
            "chooser": chooser,
            "network": network,
            "portal_network": chooser.portal,
            "national": national,
            "rounds": rounds,
            "totals": round_totals(rounds),
            "latest_decisions": decisions[:5],
            "latest_meetings": Meeting.objects.public().select_related("committee")[:5],
            "latest_news": NewsItem.objects.public()[:3],
        },
    )
