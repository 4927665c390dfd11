"""What the API shows of each public record. Every queryset they read comes from the views, through public()."""

from django.urls import reverse
from rest_framework import serializers

from meetings.models import AgendaItem, Committee, CommitteeDecision, Document, Meeting
from trials.models import (
    ApplicationRound,
    Evaluation,
    Exemption,
    Municipality,
    Network,
    Participation,
    Programme,
    Source,
    Trial,
)


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["document_title", "locator", "excerpt"]


class MunicipalitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["slug", "name"]


class ProgrammeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = ["slug", "name", "start_year", "end_year", "municipality_count", "description"]


class NetworkSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    lead_municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    members = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    source = SourceSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Network
        fields = [
            "slug",
            "name",
            "programme",
            "theme",
            "start_year",
            "approved_until",
            "approval",
            "lead_municipality",
            "lead_role",
            "members",
            "source",
        ]


class RoundSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    source = SourceSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ApplicationRound
        fields = [
            "id",
            "network",
            "number",
            "deadline",
            "applications_sent",
            "applications_approved",
            "answer_received",
            "earliest_start",
            "start_note",
            "source",
        ]


class ParticipationSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Participation
        fields = ["municipality", "kind", "listed_as", "joined_on", "local_start", "target_group", "local_targets"]


class ExemptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Exemption
        fields = ["number", "title", "provision", "outcome", "note"]


class EvaluationSerializer(serializers.ModelSerializer):
    evaluator = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True, help_text="null: the participating municipalities"
    )

    class Meta:
        model = Evaluation
        fields = ["kind", "evaluator", "is_cross_municipal", "description", "result", "completed_on"]


class TrialSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(source="application_round.network", slug_field="slug", read_only=True)
    round = serializers.IntegerField(source="application_round.number", read_only=True)
    participations = ParticipationSerializer(many=True, read_only=True)
    exemptions = ExemptionSerializer(many=True, read_only=True)
    evaluations = EvaluationSerializer(many=True, read_only=True)
    decisions = serializers.PrimaryKeyRelatedField(source="committee_decisions", many=True, read_only=True)
    source = SourceSerializer(read_only=True, allow_null=True)
    status_source = SourceSerializer(read_only=True, allow_null=True)
    scope_source = SourceSerializer(read_only=True, allow_null=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Trial
        fields = [
            "slug",
            "url",
            "title",
            "network",
            "round",
            "number_in_round",
            "summary",
            "status",
            "status_reason",
            "exemption_scope",
            "scope_note",
            "participations",
            "exemptions",
            "evaluations",
            "decisions",
            "source",
            "status_source",
            "scope_source",
        ]

    def get_url(self, trial) -> str:
        """The trial's page on the portal."""
        return self.context["request"].build_absolute_uri(trial.get_absolute_url())


class CommitteeSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Committee
        fields = ["slug", "name", "abbreviation", "municipality", "council"]


class MeetingSerializer(serializers.ModelSerializer):
    committee = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "committee", "date", "start_time", "end_time", "place", "state"]


class AgendaItemSerializer(serializers.ModelSerializer):
    """An agenda item; a closed one ("lukket") shows only its id, meeting, number, position and title."""

    trials = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    attachments = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    decisions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    CLOSED_FIELDS = ("id", "meeting", "number", "position", "title", "is_closed")

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "meeting",
            "number",
            "position",
            "title",
            "is_closed",
            "case_number",
            "proposal_kind",
            "proposal",
            "text",
            "decision",
            "case_description",
            "trials",
            "attachments",
            "decisions",
        ]

    def to_representation(self, item):
        data = super().to_representation(item)
        if item.is_closed:
            return {key: data[key] for key in self.CLOSED_FIELDS}
        return data


class DecisionSerializer(serializers.ModelSerializer):
    committee = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    trials = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = CommitteeDecision
        fields = ["id", "committee", "agenda_item", "decided_on", "outcome", "text", "trials"]


class DocumentSerializer(serializers.ModelSerializer):
    trials = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "title",
            "kind",
            "date",
            "meeting",
            "agenda_item",
            "trials",
            "mime_type",
            "size",
            "download_url",
        ]

    def get_download_url(self, document) -> str | None:
        """The checked download view's address, or null when the file is withheld."""
        if not document.is_downloadable:
            return None
        url = reverse("meetings:document_download", kwargs={"pk": document.pk})
        return self.context["request"].build_absolute_uri(url)
