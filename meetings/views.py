"""Public pages for committees and their meetings."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .models import Committee, Meeting


class MeetingList(ListView):
    queryset = Meeting.objects.published().select_related("committee")


class CommitteeDetail(DetailView):
    def get_object(self, queryset=None):
        return get_object_or_404(Committee, slug=self.kwargs["committee"])


class MeetingDetail(DetailView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            Meeting.objects.published().select_related("committee"),
            committee__slug=self.kwargs["committee"],
            date=self.kwargs["date"],
        )
