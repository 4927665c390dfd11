"""Pages that span the apps: the home page."""

from django.shortcuts import render

from trials.models import Trial


def home(request):
    trials = Trial.objects.published().select_related("application_round")
    return render(request, "home.html", {"trials": trials})
