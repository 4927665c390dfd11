"""Public pages of the register: trials, municipalities, rounds, glossary, news."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .models import (
    ApplicationRound,
    GlossaryTerm,
    Municipality,
    NewsItem,
    Participation,
    Trial,
)


class TrialList(ListView):
    queryset = Trial.objects.published().select_related("application_round")


class TrialDetail(DetailView):
    def get_queryset(self):
        return (
            Trial.objects.published()
            .select_related("application_round")
            .prefetch_related("participations__municipality")
        )


class ParticipationDetail(DetailView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            Participation.objects.select_related("trial", "municipality"),
            trial__slug=self.kwargs["slug"],
            trial__is_published=True,
            municipality__slug=self.kwargs["municipality"],
        )


class MunicipalityList(ListView):
    model = Municipality


class MunicipalityDetail(DetailView):
    model = Municipality


class RoundList(ListView):
    queryset = ApplicationRound.objects.select_related("network")


class RoundDetail(DetailView):
    def get_object(self, queryset=None):
        return get_object_or_404(ApplicationRound, number=self.kwargs["number"])


class Glossary(ListView):
    model = GlossaryTerm


class NewsDetail(DetailView):
    queryset = NewsItem.objects.published()
