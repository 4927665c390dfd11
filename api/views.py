"""The register and the committees' work as a read-only JSON API, public data only (each model's public())."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

from meetings.models import AgendaItem, Committee, CommitteeDecision, Document, Meeting
from trials.models import ApplicationRound, Evaluation, Municipality, Network, Participation, Programme, Trial

from . import filters, serializers


class Pagination(PageNumberPagination):
    """50 a page by default; ?page_size= a whole number from 1, at most 200 (more is cut to 200)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_number(self, request, paginator):
        number = request.query_params.get(self.page_query_param, "1")
        if not number.isascii() or not number.isdigit():
            raise NotFound(_("Ugyldig side."))
        return number

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        size = int(value) if value.isascii() and value.isdigit() else 0
        if size < 1:
            raise ValidationError({self.page_size_query_param: ["A whole number from 1 (at most 200 are given)."]})
        return min(size, self.max_page_size)


class ReadOnly(viewsets.ReadOnlyModelViewSet):
    pagination_class = Pagination
    filter_backends = [DjangoFilterBackend]

    def get_object(self):
        # No slug or id holds a NUL character, and PostgreSQL refuses one in a query parameter (a 500 otherwise).
        if any("\x00" in str(value) for value in self.kwargs.values()):
            raise NotFound()
        return super().get_object()


class MunicipalityViewSet(ReadOnly):
    """The municipalities of the register."""

    queryset = Municipality.objects.order_by("name", "pk")
    serializer_class = serializers.MunicipalitySerializer
    lookup_field = "slug"


class ProgrammeViewSet(ReadOnly):
    """The national free-municipality programmes."""

    queryset = Programme.objects.order_by("start_year", "name", "pk")
    serializer_class = serializers.ProgrammeSerializer
    lookup_field = "slug"


class NetworkViewSet(ReadOnly):
    """The networks of municipalities (frikommunenetværk)."""

    queryset = (
        Network.objects.select_related("programme", "lead_municipality", "source")
        .prefetch_related("members")
        .order_by("name", "pk")
    )
    serializer_class = serializers.NetworkSerializer
    lookup_field = "slug"


class RoundViewSet(ReadOnly):
    """The networks' rounds of applications (ansøgningsrunder)."""

    queryset = ApplicationRound.objects.select_related("network", "source").order_by("network__name", "number", "pk")
    serializer_class = serializers.RoundSerializer


TRIAL_SOURCES = ("source", "status_source", "scope_source")


@extend_schema_view(retrieve=extend_schema(parameters=[]))
class TrialViewSet(ReadOnly):
    """The published trials, filtered as the trial list page filters them (the portal's own network by default)."""

    serializer_class = serializers.TrialSerializer
    lookup_field = "slug"
    filterset_class = filters.TrialFilter

    def get_queryset(self):
        trials = (
            Trial.objects.public()
            .select_related("application_round__network", *TRIAL_SOURCES)
            .prefetch_related(
                Prefetch("participations", queryset=Participation.objects.select_related("municipality")),
                "exemptions",
                Prefetch("evaluations", queryset=Evaluation.objects.select_related("evaluator")),
                Prefetch("committee_decisions", queryset=CommitteeDecision.objects.public().only("pk")),
            )
        )
        if self.action == "list":
            return trials
        return trials.order_by("pk")

    def filter_queryset(self, queryset):
        # A trial's own address ignores the list's filters.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)


class CommitteeViewSet(ReadOnly):
    """The municipal committees whose meetings concern the trials."""

    queryset = Committee.objects.select_related("municipality").order_by("municipality__name", "name", "pk")
    serializer_class = serializers.CommitteeSerializer
    lookup_field = "slug"


class MeetingViewSet(ReadOnly):
    """The published meetings."""

    queryset = Meeting.objects.public().select_related("committee").order_by("-date", "pk")
    serializer_class = serializers.MeetingSerializer
    filterset_class = filters.MeetingFilter


class AgendaItemViewSet(ReadOnly):
    """The agenda items of published meetings; a closed item ("lukket") shows only its title and number."""

    queryset = AgendaItem.objects.public().order_by("meeting__date", "meeting", "position", "pk")
    serializer_class = serializers.AgendaItemSerializer
    filterset_class = filters.AgendaItemFilter


class DecisionViewSet(ReadOnly):
    """The committees' published decisions on the trials (never those of a closed item)."""

    queryset = (
        CommitteeDecision.objects.public()
        .select_related("committee")
        .prefetch_related(Prefetch("trials", queryset=Trial.objects.public()))
        .order_by("-decided_on", "pk")
    )
    serializer_class = serializers.DecisionSerializer
    filterset_class = filters.DecisionFilter


class DocumentViewSet(ReadOnly):
    """The public documents: minutes, attachments and evaluation reports; files through the checked download."""

    queryset = (
        Document.objects.public()
        .defer("extracted_text")
        .prefetch_related(Prefetch("trials", queryset=Trial.objects.public()))
        .order_by("pk")
    )
    serializer_class = serializers.DocumentSerializer
    filterset_class = filters.DocumentFilter
