"""Admin for the network's register, with each coordinator limited to what they keep."""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from editors import roles
from editors.mixins import HistoryAdmin, PublishActionsMixin

from .models import (
    ApplicationRound,
    Evaluation,
    Exemption,
    GlossaryTerm,
    MunicipalCoordinator,
    Municipality,
    Network,
    NetworkMembership,
    Organisation,
    OrganisationBody,
    Participation,
    Programme,
    Source,
    Trial,
)


def _network_only_fields(request, model, editable):
    """All of a model's fields but `editable` are read-only unless the user edits the network."""
    if roles.is_network_wide(request.user):
        return ()
    return tuple(
        field.name
        for field in model._meta.get_fields()
        if field.concrete and field.editable and not field.primary_key and field.name not in editable
    )


# --- the trial and what hangs on it --------------------------------------------------------


class ParticipationInline(admin.TabularInline):
    model = Participation
    # The source's listing position is edited on the participation's own page (the change link).
    fields = ("municipality", "kind", "listed_as", "joined_on", "local_start")
    extra = 0
    show_change_link = True
    verbose_name_plural = _("deltagende kommuner")
    # Narrow inputs, so the trial form with its three inlines fits a 1280 px screen.
    formfield_overrides = {
        models.CharField: {"widget": forms.TextInput(attrs={"size": 14})},
    }

    def get_queryset(self, request):
        # A Kommunekoordinator sees and edits the participation of their own municipality only.
        return super().get_queryset(request).select_related("municipality", "trial").editable_by(request.user)

    def get_readonly_fields(self, request, obj=None):
        return _network_only_fields(request, Participation, {"local_start"})

    def get_autocomplete_fields(self, request):
        return ("municipality",) if roles.is_network_wide(request.user) else ()


class ExemptionInline(admin.TabularInline):
    model = Exemption
    fields = ("number", "title", "provision", "outcome", "note")
    extra = 0


class EvaluationInline(admin.StackedInline):
    # Stacked: the texts side by side in a table made the trial form 1,655 px wide.
    model = Evaluation
    fields = (("kind", "evaluator", "is_cross_municipal"), "description", ("result", "completed_on"), "reports")
    readonly_fields = ("reports",)
    autocomplete_fields = ("evaluator",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("reports")

    @admin.display(description=_("rapport"))
    def reports(self, evaluation):
        """The evaluation's reports, and a link that adds one: a report is a document (the meetings app's),
        uploaded and checked in the document form, with this evaluation and its trial filled in."""
        if evaluation.pk is None:
            return _("Gem evalueringen først; derefter kan rapporten tilføjes her.")
        try:
            add_url = reverse("admin:meetings_document_add")
        except NoReverseMatch:  # the document admin is not registered
            return "–"
        query = urlencode({"kind": "evaluation_report", "evaluation": evaluation.pk, "trials": evaluation.trial_id})
        existing = format_html_join(
            ", ",
            '<a href="{}">{}</a>{}',
            (
                (
                    reverse("admin:meetings_document_change", args=[document.pk]),
                    document.title,
                    "" if document.is_published else format_html(" ({})", _("kladde")),
                )
                for document in evaluation.reports.all()
            ),
        )
        add = format_html('<a class="addlink" href="{}?{}">{}</a>', add_url, query, _("Tilføj rapport"))
        return format_html("{} {}", existing, add) if existing else add


@admin.register(Trial)
class TrialAdmin(PublishActionsMixin, HistoryAdmin):
    list_display = (
        "title",
        "application_round",
        "number_in_round",
        "status",
        "exemption_scope",
        "municipality_count",
        "is_published",
    )
    list_display_links = ("title",)
    list_filter = ("application_round", "status", "participations__municipality", "is_published")
    list_select_related = ("application_round",)
    search_fields = ("title", "summary", "participations__municipality__name")
    autocomplete_fields = ("application_round", "source", "status_source", "scope_source")
    prepopulated_fields = {"slug": ("title",)}
    # Explicit, because the annotated (grouped) queryset does not take Meta.ordering.
    ordering = ("application_round__number", "number_in_round")
    inlines = (ParticipationInline, ExemptionInline, EvaluationInline)
    fieldsets = (
        (None, {"fields": ("application_round", "number_in_round", "title", "slug", "summary")}),
        (_("Status"), {"fields": ("status", "status_reason", "status_source")}),
        (_("Fritagelsens omfang"), {"fields": ("exemption_scope", "scope_note", "scope_source")}),
        (_("Offentliggørelse og kilde"), {"fields": ("is_published", "source")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(municipality_total=Count("participations", distinct=True))

    @admin.display(description=_("kommuner"), ordering="municipality_total")
    def municipality_count(self, obj):
        return obj.municipality_total

    def scope_queryset(self, request, queryset):
        # Secretaries read every trial, to link agenda items and decisions to them.
        if roles.is_committee_secretary(request.user):
            return queryset
        return super().scope_queryset(request, queryset)

    def can_edit(self, request, obj):
        return self.is_editable(request, obj)

    def get_readonly_fields(self, request, obj=None):
        # The trial itself (title, round, status, scope, publication) is the network's shared
        # fact; a Kommunekoordinator edits what hangs on it, through the inlines.
        return _network_only_fields(request, Trial, ())

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if roles.is_network_wide(request.user) else {}

    def has_publish_permission(self, request):
        return roles.is_network_wide(request.user) and self.has_change_permission(request)

    def save_model(self, request, obj, form, change):
        # A Kommunekoordinator's save only carries inline changes; no empty history entry.
        if change and not roles.is_network_wide(request.user):
            return
        super().save_model(request, obj, form, change)


@admin.register(Participation)
class ParticipationAdmin(HistoryAdmin):
    list_display = ("trial", "municipality", "kind", "listed_as", "joined_on", "local_start")
    list_filter = ("trial__application_round", "municipality", "kind")
    list_select_related = ("trial", "municipality")
    search_fields = ("trial__title", "municipality__name", "listed_as", "contact_name")
    autocomplete_fields = ("trial", "municipality", "source")
    fieldsets = (
        (None, {"fields": ("trial", "municipality", "kind", "listed_as", "listed_position", "joined_on")}),
        (
            _("Forsøget lokalt"),
            {"fields": ("local_start", "target_group", "local_targets", "local_description")},
        ),
        (_("Kontakt"), {"fields": ("contact_name", "contact_email", "contact_phone")}),
        (_("Kilde"), {"fields": ("source",)}),
    )

    def get_readonly_fields(self, request, obj=None):
        return _network_only_fields(
            request,
            Participation,
            {
                "local_start",
                "target_group",
                "local_targets",
                "local_description",
                "contact_name",
                "contact_email",
                "contact_phone",
            },
        )


@admin.register(Exemption)
class ExemptionAdmin(HistoryAdmin):
    list_display = ("__str__", "trial", "number", "outcome")
    list_filter = ("trial__application_round", "outcome", "trial__participations__municipality")
    list_select_related = ("trial",)
    search_fields = ("title", "provision", "note", "trial__title")
    autocomplete_fields = ("trial", "source")


@admin.register(Evaluation)
class EvaluationAdmin(HistoryAdmin):
    list_display = ("trial", "kind", "evaluator", "is_cross_municipal", "completed_on")
    list_filter = ("kind", "evaluator", "is_cross_municipal", "trial__application_round")
    list_select_related = ("trial", "evaluator")
    search_fields = ("description", "result", "trial__title", "evaluator__name")
    autocomplete_fields = ("trial", "evaluator", "source")


# --- the network and its reference data -----------------------------------------------------


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("document_title", "locator", "agenda_item")
    list_select_related = ("agenda_item",)
    search_fields = ("document_title", "locator", "excerpt")
    raw_id_fields = ("agenda_item",)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "start_year", "end_year", "municipality_count")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)
    autocomplete_fields = ("source",)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class NetworkMembershipInline(admin.TabularInline):
    model = NetworkMembership
    autocomplete_fields = ("municipality", "source")
    extra = 0


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ("name", "programme", "lead_municipality", "start_year", "approved_until")
    list_filter = ("programme",)
    list_select_related = ("programme", "lead_municipality")
    search_fields = ("name", "theme")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("programme", "lead_municipality", "source")
    inlines = (NetworkMembershipInline,)


@admin.register(ApplicationRound)
class ApplicationRoundAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "network",
        "deadline",
        "applications_sent",
        "applications_approved",
        "trial_count",
        "start_note",
    )
    list_filter = ("network",)
    list_select_related = ("network",)
    search_fields = ("number", "network__name")
    autocomplete_fields = ("network", "source")
    date_hierarchy = "deadline"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(trial_total=Count("trials"))

    @admin.display(description=_("forsøg i portalen"), ordering="trial_total")
    def trial_count(self, obj):
        return obj.trial_total


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "abbreviation", "kind", "is_stakeholder")
    list_filter = ("kind", "is_stakeholder")
    search_fields = ("name", "abbreviation")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("source",)


@admin.register(OrganisationBody)
class OrganisationBodyAdmin(admin.ModelAdmin):
    list_display = ("role", "members", "network", "trial", "position")
    list_filter = ("role", "network")
    list_select_related = ("network", "trial")
    search_fields = ("members", "cadence")
    autocomplete_fields = ("network", "trial", "source")


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ("term", "full_form")
    search_fields = ("term", "full_form", "definition")
    prepopulated_fields = {"slug": ("term",)}
    autocomplete_fields = ("source",)


@admin.register(MunicipalCoordinator)
class MunicipalCoordinatorAdmin(admin.ModelAdmin):
    list_display = ("user", "municipality")
    list_filter = ("municipality",)
    list_select_related = ("user", "municipality")
    search_fields = ("user__username", "user__first_name", "user__last_name", "municipality__name")
    autocomplete_fields = ("user", "municipality")
