"""Pages that span the apps: the home page."""

from django.shortcuts import render

from meetings.models import CommitteeDecision, Meeting
from news.models import NewsItem
from trials.models import ApplicationRound, Network, Trial


def home(request):
    network = Network.objects.select_related("lead_municipality", "programme").first()
    rounds = ApplicationRound.objects.order_by("number")
    decisions = CommitteeDecision.objects.public().listed().with_public_trials()
    return render(
        request,
        "home.html",
        {
            "network": network,
            "municipality_count": network.members.count() if network else 0,
            "trial_count": Trial.objects.public().count(),
            "rounds": rounds,
            "totals": rounds.totals(),
            "latest_decisions": decisions[:5],
            "latest_meetings": Meeting.objects.public().select_related("committee")[:5],
            "latest_news": NewsItem.objects.public()[:3],
        },
    )
