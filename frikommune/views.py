"""Pages that span the apps: the home page."""

from django.db.models import Prefetch
from django.shortcuts import render

from meetings.models import Meeting
from trials.models import (
    ApplicationRound,
    Network,
    NewsItem,
    Trial,
    public_committee_decisions,
)


def home(request):
    network = Network.objects.select_related("lead_municipality", "programme").first()
    rounds = ApplicationRound.objects.order_by("number")
    decisions = public_committee_decisions().prefetch_related(Prefetch("trials", queryset=Trial.objects.published()))
    return render(
        request,
        "home.html",
        {
            "network": network,
            "municipality_count": network.members.count() if network else 0,
            "trial_count": Trial.objects.published().count(),
            "rounds": rounds,
            "totals": rounds.totals(),
            "latest_decisions": decisions[:5],
            "latest_meetings": Meeting.objects.published().select_related("committee")[:5],
            "latest_news": NewsItem.objects.published()[:3],
        },
    )
