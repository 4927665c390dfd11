"""Admin for committees, meetings, agenda items and decisions, each secretary kept to their own committee."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from editors.mixins import EditableChoicesMixin, HistoryAdmin, PublishActionsMixin, ScopedAdminMixin

from ..models import AgendaItem, Attendance, Committee, CommitteeDecision, Meeting
from .documents import AttachmentInline, DocumentInline, report_upload_warnings, save_documents_with_uploader
from .shared import CommitteeFilter, ItemsOfThisMeetingMixin


@admin.display(description=_("lukket"), boolean=False, ordering="is_closed")
def closed_marker(item):
    if item.is_closed:
        return format_html('<strong style="color:#ba2121">🔒 {}</strong>', _("LUKKET"))
    return _("åben")


# --- inlines on a meeting -------------------------------------------------------------------


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ("number", "position", "title", "case_number", "is_closed")
    extra = 0
    show_change_link = True
    verbose_name_plural = _("dagsordenspunkter (lukkede punkter viser kun titlen offentligt)")


class AttendanceInline(ItemsOfThisMeetingMixin, admin.TabularInline):
    model = Attendance
    fields = ("name", "kind", "role", "agenda_item", "position")
    extra = 0
    # The minutes' order: present, apologies, others (the model orders the kinds alphabetically).
    ordering = (
        models.Case(
            *(models.When(kind=kind, then=rank) for rank, kind in enumerate(Attendance.Kind.values)),
            output_field=models.IntegerField(),
        ),
        "position",
        "name",
    )


class DecisionInline(EditableChoicesMixin, admin.StackedInline):
    model = CommitteeDecision
    fields = (("committee", "outcome", "decided_on", "is_published"), "text", "trials")
    autocomplete_fields = ("trials",)
    # Secretaries link decisions to any trial.
    unscoped_choices = ("trials",)
    extra = 0


# --- the screens ----------------------------------------------------------------------------


@admin.register(Committee)
class CommitteeAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "abbreviation", "municipality", "council")
    list_filter = ("municipality",)
    list_select_related = ("municipality",)
    search_fields = ("name", "abbreviation", "municipality__name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("municipality",)


@admin.register(Meeting)
class MeetingAdmin(PublishActionsMixin, HistoryAdmin):
    list_display = ("__str__", "date", "committee", "state", "item_count", "closed_count", "is_published")
    list_filter = (("committee", CommitteeFilter), "committee__municipality", "state", "is_published", "date")
    list_select_related = ("committee__municipality",)
    search_fields = ("committee__name", "place", "agenda_items__title")
    date_hierarchy = "date"
    autocomplete_fields = ("source",)
    inlines = (AgendaItemInline, AttendanceInline, DocumentInline)
    fieldsets = (
        (None, {"fields": ("committee", "date", ("start_time", "end_time"), "place", "state")}),
        (_("Referatets oplysninger"), {"fields": ("other_participants", "other_information")}),
        (_("Offentliggørelse og kilde"), {"fields": ("is_published", "source")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                item_total=Count("agenda_items", distinct=True),
                closed_total=Count("agenda_items", filter=Q(agenda_items__is_closed=True), distinct=True),
            )
        )

    @admin.display(description=_("punkter"), ordering="item_total")
    def item_count(self, obj):
        return obj.item_total

    @admin.display(description=_("lukkede punkter"), ordering="closed_total")
    def closed_count(self, obj):
        return obj.closed_total

    @admin.action(description=_("Offentliggør de valgte"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        # One message for the meetings and their documents, not one per meeting.
        meetings = [meeting for meeting in queryset if not meeting.is_published and self.can_publish(request, meeting)]
        documents = withheld = 0
        for meeting in meetings:
            published, hidden = meeting.publish(request.user)
            documents, withheld = documents + published, withheld + hidden
        self.report_published(request, meetings, documents, withheld)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Published from the form: its documents follow, as with the list's action.
        if form.instance.is_published and "is_published" in form.changed_data:
            self.report_published(request, [form.instance], *form.instance.publish(request.user))

    def report_published(self, request, meetings, documents, withheld):
        if len(meetings) == 1:
            message = _("Mødet %(meeting)s er nu offentligt på portalen.") % {"meeting": meetings[0]}
        else:
            message = ngettext(
                "%(count)d møde er nu offentligt på portalen.",
                "%(count)d møder er nu offentlige på portalen.",
                len(meetings),
            ) % {"count": len(meetings)}
        if documents:
            message += " " + ngettext(
                "%(count)d dokument blev offentliggjort med det.",
                "%(count)d dokumenter blev offentliggjort med det.",
                documents,
            ) % {"count": documents}
        if withheld:
            message += " " + ngettext(
                "%(count)d bilag til lukkede punkter forbliver skjult.",
                "%(count)d bilag til lukkede punkter forbliver skjulte.",
                withheld,
            ) % {"count": withheld}
        self.message_user(request, message, messages.SUCCESS)

    def save_formset(self, request, form, formset, change):
        save_documents_with_uploader(request, formset)
        super().save_formset(request, form, formset, change)
        report_upload_warnings(request, formset.forms)


@admin.register(AgendaItem)
class AgendaItemAdmin(HistoryAdmin):
    # Secretaries link items to any trial.
    unscoped_choices = ("trials",)
    list_display = ("number", "title", "meeting", "position", "case_number", closed_marker)
    list_display_links = ("number", "title")
    list_filter = ("is_closed", ("meeting__committee", CommitteeFilter), "meeting__date", "trials")
    list_select_related = ("meeting__committee",)
    search_fields = ("title", "case_number", "proposal", "case_description", "decision")
    autocomplete_fields = ("meeting", "trials", "source")
    inlines = (DecisionInline, AttachmentInline)
    fieldsets = (
        (None, {"fields": ("meeting", ("number", "position", "page"), "title", "case_number")}),
        (
            _("Lukket punkt"),
            {
                "fields": ("is_closed",),
                "description": _(
                    "Et lukket punkt viser kun sin titel offentligt: ikke indstilling, "
                    "sagsbeskrivelse, beslutning eller bilag."
                ),
            },
        ),
        (
            _("Indhold"),
            {"fields": ("proposal_kind", "proposal", "text", "decision", "case_description")},
        ),
        (_("Forsøg og kilde"), {"fields": ("trials", "source")}),
    )

    def save_formset(self, request, form, formset, change):
        save_documents_with_uploader(request, formset)
        super().save_formset(request, form, formset, change)
        report_upload_warnings(request, formset.forms)


@admin.register(CommitteeDecision)
class CommitteeDecisionAdmin(PublishActionsMixin, HistoryAdmin):
    # Secretaries link decisions to any trial.
    unscoped_choices = ("trials",)
    list_display = ("__str__", "committee", "decided_on", "outcome", "agenda_item", "is_published")
    list_filter = (("committee", CommitteeFilter), "outcome", "is_published", "decided_on")
    list_select_related = ("committee__municipality", "agenda_item")
    search_fields = ("text", "agenda_item__title")
    date_hierarchy = "decided_on"
    autocomplete_fields = ("agenda_item", "trials", "source")
