"""Public pages for committees and their meetings."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
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
        meetings = (
            Meeting.objects.public()
            .select_related("committee__municipality")
            .only("date", "place", "committee__name", "committee__slug", "committee__municipality__name")
        )
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
    """A published meeting laid out like Danish minutes; closed items show their title only.

    An editor who keeps the meeting's committee also sees it as a draft, marked as such, so that
    "Se på website" in the admin works before publishing.
    """

    is_draft = False

    def get_object(self, queryset=None):
        lookup = {"committee__slug": self.kwargs["committee"], "date": self.kwargs["date"]}
        meeting = Meeting.objects.public().with_public_agenda().filter(**lookup).first()
        if meeting is None and self.request.user.is_staff:
            drafts = Meeting.objects.editable_by(self.request.user).with_public_agenda(preview=True)
            meeting = drafts.filter(**lookup).first()
            self.is_draft = meeting is not None
        if meeting is None:
            raise Http404
        return meeting

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_draft=self.is_draft, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.is_draft:
            add_never_cache_headers(response)
            response["Cache-Control"] += ", private"
        return response
