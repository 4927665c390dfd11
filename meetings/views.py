"""Public pages for committees and their meetings."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .forms import MeetingFilterForm
from .models import Committee, Meeting


class MeetingList(ListView):
    """Published meetings by committee and date, filterable by committee and year."""

    template_name = "meetings/meeting_list.html"
    paginate_by = 50

    def get_queryset(self):
        self.form = MeetingFilterForm(self.request.GET or None)
        self.form.is_valid()
        meetings = Meeting.objects.public().select_related("committee__municipality")
        return self.form.filter(meetings).order_by("committee__name", "-date", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


class CommitteeDetail(ListView):
    """A committee and its published meetings."""

    template_name = "meetings/committee_detail.html"
    paginate_by = 50

    def get_queryset(self):
        self.committee = get_object_or_404(
            Committee.objects.select_related("municipality"), slug=self.kwargs["committee"]
        )
        return self.committee.meetings.public().order_by("-date")

    def get_context_data(self, **kwargs):
        return super().get_context_data(committee=self.committee, **kwargs)


class MeetingDetail(DetailView):
    """A published meeting laid out like Danish minutes; closed items show their title only."""

    def get_object(self, queryset=None):
        return get_object_or_404(
            Meeting.objects.public().with_public_agenda(),
            committee__slug=self.kwargs["committee"],
            date=self.kwargs["date"],
        )
