"""Admin for committees and meetings, with each secretary limited to their own committee."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from trials import roles
from trials.admin import HistoryAdmin, PublishActionsMixin, ScopedAdminMixin
from trials.models import Trial

from .forms import DocumentForm
from .models import (
    AgendaItem,
    Attendance,
    Committee,
    CommitteeDecision,
    CommitteeSecretary,
    Document,
    Meeting,
)


def secretary_committee_ids(user):
    """The committees a Udvalgssekretær keeps."""
    if not hasattr(user, "_secretary_committee_ids"):
        user._secretary_committee_ids = set(
            CommitteeSecretary.objects.filter(user=user).values_list("committee_id", flat=True)
        )
    return user._secretary_committee_ids


class CommitteeScopedMixin(ScopedAdminMixin):
    """Network coordinators keep every committee's records; a secretary keeps their own."""

    committee_lookup = "committee"

    def scope_queryset(self, request, queryset):
        user = request.user
        if roles.is_network_wide(user):
            return queryset
        if roles.is_committee_secretary(user):
            return queryset.filter(**{f"{self.committee_lookup}__in": secretary_committee_ids(user)})
        return queryset.none()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not roles.is_network_wide(request.user):
            committees = secretary_committee_ids(request.user)
            if db_field.name == "committee":
                kwargs["queryset"] = Committee.objects.filter(pk__in=committees)
            elif db_field.name == "meeting":
                kwargs["queryset"] = Meeting.objects.filter(committee__in=committees)
            elif db_field.name == "agenda_item":
                kwargs["queryset"] = AgendaItem.objects.filter(meeting__committee__in=committees)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CommitteeFilter(admin.RelatedFieldListFilter):
    """Committees named with their municipality, fetched in one query, and only one's own."""

    def field_choices(self, field, request, model_admin):
        committees = Committee.objects.select_related("municipality")
        if not roles.is_network_wide(request.user):
            committees = committees.filter(pk__in=secretary_committee_ids(request.user))
        return [(committee.pk, str(committee)) for committee in committees]


@admin.display(description=_("lukket"), boolean=False, ordering="is_closed")
def closed_marker(item):
    if item.is_closed:
        return format_html('<strong style="color:#ba2121">🔒 {}</strong>', _("LUKKET"))
    return _("åben")


def limit_to_meeting(formset, field_name, meeting):
    field = formset.form.base_fields.get(field_name)
    if field is not None:
        field.queryset = AgendaItem.objects.filter(meeting=meeting) if meeting else AgendaItem.objects.none()


# --- inlines on a meeting -------------------------------------------------------------------


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ("number", "position", "title", "case_number", "is_closed")
    extra = 0
    show_change_link = True
    verbose_name_plural = _("dagsordenspunkter (lukkede punkter viser kun titlen offentligt)")


class ItemsOfThisMeetingMixin:
    """An inline on a meeting whose agenda-item choice offers only that meeting's items."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        limit_to_meeting(formset, "agenda_item", obj)
        return formset


class AttendanceInline(ItemsOfThisMeetingMixin, admin.TabularInline):
    model = Attendance
    fields = ("name", "kind", "role", "agenda_item", "position")
    extra = 0


class DocumentInline(ItemsOfThisMeetingMixin, admin.StackedInline):
    model = Document
    form = DocumentForm
    fk_name = "meeting"
    fields = (
        ("title", "kind"),
        "file",
        ("original_name", "mime_type", "size"),
        "agenda_item",
        ("is_file_public", "is_published", "position", "date"),
    )
    readonly_fields = ("original_name", "mime_type", "size")
    extra = 0
    verbose_name_plural = _("referat og bilag")


class AttachmentInline(admin.StackedInline):
    model = Document
    form = DocumentForm
    fk_name = "agenda_item"
    fields = (
        ("title", "kind"),
        "file",
        ("original_name", "mime_type", "size"),
        ("is_file_public", "is_published", "position", "date"),
    )
    readonly_fields = ("original_name", "mime_type", "size")
    extra = 0
    verbose_name_plural = _("bilag")


class DecisionInline(admin.StackedInline):
    model = CommitteeDecision
    fields = (("committee", "outcome", "decided_on", "is_published"), "text", "trials")
    autocomplete_fields = ("trials",)
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "committee" and not roles.is_network_wide(request.user):
            kwargs["queryset"] = Committee.objects.filter(pk__in=secretary_committee_ids(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def save_documents_with_uploader(request, formset):
    for form in formset.forms:
        if isinstance(form, DocumentForm) and form.has_changed() and form.instance.pk is None:
            form.instance.uploaded_by = request.user


def report_upload_warnings(request, document_forms):
    """Tell the editor what a saved upload's check found: text only partly read, active content."""
    for form in document_forms:
        for warning in getattr(form, "upload_warnings", ()):
            name = form.instance.original_name
            messages.warning(request, f"{name}: {warning}" if name else warning)


# --- the screens ----------------------------------------------------------------------------


@admin.register(Committee)
class CommitteeAdmin(CommitteeScopedMixin, admin.ModelAdmin):
    committee_lookup = "pk"
    list_display = ("name", "abbreviation", "municipality", "council")
    list_filter = ("municipality",)
    list_select_related = ("municipality",)
    search_fields = ("name", "abbreviation", "municipality__name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("municipality",)


@admin.register(Meeting)
class MeetingAdmin(PublishActionsMixin, CommitteeScopedMixin, HistoryAdmin):
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

    def save_formset(self, request, form, formset, change):
        save_documents_with_uploader(request, formset)
        super().save_formset(request, form, formset, change)
        report_upload_warnings(request, formset.forms)


@admin.register(AgendaItem)
class AgendaItemAdmin(CommitteeScopedMixin, HistoryAdmin):
    committee_lookup = "meeting__committee"
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
class CommitteeDecisionAdmin(PublishActionsMixin, CommitteeScopedMixin, HistoryAdmin):
    list_display = ("__str__", "committee", "decided_on", "outcome", "agenda_item", "is_published")
    list_filter = (("committee", CommitteeFilter), "outcome", "is_published", "decided_on")
    list_select_related = ("committee__municipality", "agenda_item")
    search_fields = ("text", "agenda_item__title")
    date_hierarchy = "decided_on"
    autocomplete_fields = ("agenda_item", "trials", "source")


@admin.register(Document)
class DocumentAdmin(PublishActionsMixin, ScopedAdminMixin, admin.ModelAdmin):
    form = DocumentForm
    list_display = (
        "title",
        "kind",
        "meeting",
        "agenda_item",
        "original_name",
        "size",
        "is_file_public",
        "is_published",
    )
    list_filter = (
        "kind",
        "is_published",
        "is_file_public",
        "has_active_content",
        ("meeting__committee", CommitteeFilter),
        "date",
    )
    list_select_related = ("meeting__committee", "agenda_item")
    search_fields = ("title", "original_name", "extracted_text")
    autocomplete_fields = ("meeting", "agenda_item", "trials")
    readonly_fields = (
        "original_name",
        "mime_type",
        "size",
        "sha512",
        "uploaded_by",
        "has_active_content",
        "extracted_text",
    )
    fieldsets = (
        (None, {"fields": ("title", "kind", "file", "date", "position")}),
        (_("Hører til"), {"fields": ("meeting", "agenda_item", "trials", "news_items")}),
        (_("Offentliggørelse"), {"fields": ("is_published", "is_file_public")}),
        (
            _("Filens oplysninger"),
            {
                "fields": (
                    "original_name",
                    "mime_type",
                    "size",
                    "sha512",
                    "uploaded_by",
                    "has_active_content",
                    "extracted_text",
                ),
                "classes": ("collapse",),
            },
        ),
    )

    def scope_queryset(self, request, queryset):
        user = request.user
        if roles.is_network_wide(user):
            return queryset
        scope = Q(pk__in=[])
        if roles.is_committee_secretary(user):
            committees = secretary_committee_ids(user)
            scope |= Q(meeting__committee__in=committees) | Q(agenda_item__meeting__committee__in=committees)
        if roles.is_municipal_coordinator(user):
            # A coordinator's documents belong to their trials, not to a committee's meeting.
            trial_documents = Document.objects.filter(
                trials__in=roles.coordinated_trial_ids(user), meeting=None, agenda_item=None
            )
            scope |= Q(pk__in=trial_documents.values("pk"))
        return queryset.filter(scope)

    def get_fields_for_role(self, request):
        user = request.user
        if roles.is_network_wide(user):
            return None
        fields = []
        if roles.is_committee_secretary(user):
            fields += ["meeting", "agenda_item"]
        if roles.is_municipal_coordinator(user):
            fields += ["trials"]
        return fields

    def get_fieldsets(self, request, obj=None):
        allowed = self.get_fields_for_role(request)
        if allowed is None:
            return self.fieldsets
        belongs = tuple(allowed)
        return tuple(
            (name, {**options, "fields": belongs}) if name == _("Hører til") else (name, options)
            for name, options in self.fieldsets
        )

    def get_autocomplete_fields(self, request):
        # Scoped choices are plain selects, so their querysets below are what is offered.
        return self.autocomplete_fields if roles.is_network_wide(request.user) else ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not roles.is_network_wide(request.user):
            committees = secretary_committee_ids(request.user)
            if db_field.name == "meeting":
                kwargs["queryset"] = Meeting.objects.filter(committee__in=committees)
            elif db_field.name == "agenda_item":
                kwargs["queryset"] = AgendaItem.objects.filter(meeting__committee__in=committees)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "trials" and not roles.is_network_wide(request.user):
            kwargs["queryset"] = Trial.objects.filter(pk__in=roles.coordinated_trial_ids(request.user))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        user = request.user
        if roles.is_network_wide(user):
            return form_class

        class ScopedDocumentForm(form_class):
            def clean(self):
                cleaned_data = super().clean()
                at_meeting = cleaned_data.get("meeting") or cleaned_data.get("agenda_item")
                if roles.is_committee_secretary(user) and at_meeting:
                    return cleaned_data
                if roles.is_municipal_coordinator(user) and not at_meeting and cleaned_data.get("trials"):
                    return cleaned_data
                raise forms.ValidationError(
                    _("Knyt dokumentet til et møde eller punkt i dit udvalg, eller til et af din kommunes forsøg.")
                )

        return ScopedDocumentForm

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        report_upload_warnings(request, [form])


@admin.register(CommitteeSecretary)
class CommitteeSecretaryAdmin(admin.ModelAdmin):
    list_display = ("user", "committee")
    list_filter = (("committee", CommitteeFilter),)
    list_select_related = ("user", "committee__municipality")
    search_fields = ("user__username", "user__first_name", "user__last_name", "committee__name")
    autocomplete_fields = ("user", "committee")
