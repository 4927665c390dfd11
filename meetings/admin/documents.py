"""Admin for documents (minutes, attachments, reports): who publishes them, and deletes kept to one's own."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from editors import roles
from editors.mixins import PublishActionsMixin, ScopedAdminMixin
from trials.models import Evaluation, Trial

from ..forms import DocumentForm
from ..models import Committee, Document
from .shared import CommitteeFilter, ItemsOfThisMeetingMixin, editable_ids


def may_publish_document(user, meeting=None, agenda_item=None):
    """Network coordinators publish any document; a secretary those of their own committee's meetings.

    A Kommunekoordinator publishes none: their documents wait as drafts for the network coordinator.
    """
    if roles.is_network_wide(user):
        return True
    meeting = meeting or (agenda_item.meeting if agenda_item else None)
    return meeting is not None and meeting.committee_id in editable_ids(user, Committee)


def documents_linked_beyond(user, documents):
    """Those of the documents also tied to something the user does not keep (another
    municipality's trial, a news item, another committee's meeting)."""
    if roles.is_network_wide(user):
        return documents.none()
    return documents.linked_beyond(editable_ids(user, Committee), editable_ids(user, Trial))


def deletion_refused_message(documents):
    titles = [document.title for document in documents]
    return ngettext(
        "Dokumentet %(titles)s kan ikke slettes, fordi det også hører til forsøg, nyheder eller møder, "
        "som du ikke redigerer. Bed netværkskoordinatoren om at slette det.",
        "Dokumenterne %(titles)s kan ikke slettes, fordi de også hører til forsøg, nyheder eller møder, "
        "som du ikke redigerer. Bed netværkskoordinatoren om at slette dem.",
        len(titles),
    ) % {"titles": ", ".join(f"“{title}”" for title in titles)}


# --- inlines on a meeting and on an agenda item ---------------------------------------------


class DocumentInlineFormSet(BaseInlineFormSet):
    """Refuses to delete a document that also belongs to something beyond the editor's scope."""

    user = None

    def clean(self):
        super().clean()
        doomed = [
            form.instance.pk
            for form in self.forms
            if form.instance.pk and getattr(form, "cleaned_data", {}).get("DELETE")
        ]
        if doomed and self.user is not None:
            refused = documents_linked_beyond(self.user, Document.objects.filter(pk__in=doomed))
            if refused:
                raise forms.ValidationError(deletion_refused_message(refused))


class DocumentDeletionMixin:
    """A document inline whose deletions are checked against the editor's scope."""

    formset = DocumentInlineFormSet

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.user = request.user
        return formset


class DocumentInline(DocumentDeletionMixin, ItemsOfThisMeetingMixin, admin.StackedInline):
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


class AttachmentInline(DocumentDeletionMixin, admin.StackedInline):
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


# --- the screen -----------------------------------------------------------------------------


# What the upload check records about a file: shown, never edited.
FILE_FACTS = (
    "original_name",
    "mime_type",
    "size",
    "sha512",
    "uploaded_by",
    "has_active_content",
    "is_import_source",
    "extracted_text",
)


@admin.register(Document)
class DocumentAdmin(PublishActionsMixin, ScopedAdminMixin, admin.ModelAdmin):
    form = DocumentForm
    # Django's own bulk delete, replaced by one that refuses documents others also keep.
    actions = (*PublishActionsMixin.actions, "delete_selected")
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
    readonly_fields = FILE_FACTS
    fieldsets = (
        (None, {"fields": ("title", "kind", "file", "date", "position")}),
        (_("Hører til"), {"fields": ("meeting", "agenda_item", "trials", "evaluation", "news_items")}),
        (_("Offentliggørelse"), {"fields": ("is_published", "is_file_public")}),
        (
            _("Filens oplysninger"),
            {
                "fields": FILE_FACTS,
                "classes": ("collapse",),
            },
        ),
    )

    def get_fields_for_role(self, request):
        user = request.user
        if roles.is_network_wide(user):
            return None
        fields = []
        if roles.is_committee_secretary(user):
            fields += ["meeting", "agenda_item"]
        if roles.is_municipal_coordinator(user):
            fields += ["trials", "evaluation"]
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
        # Scoped choices are plain selects, so what is offered is what the user may edit.
        return self.autocomplete_fields if roles.is_network_wide(request.user) else ()

    def has_publish_permission(self, request):
        user = request.user
        return (roles.is_network_wide(user) or roles.is_committee_secretary(user)) and super().has_publish_permission(
            request
        )

    def can_publish(self, request, obj):
        return may_publish_document(request.user, obj.meeting, obj.agenda_item) and super().can_publish(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        user = request.user
        if obj is None:
            may_publish = roles.is_network_wide(user) or roles.is_committee_secretary(user)
        else:
            may_publish = may_publish_document(user, obj.meeting, obj.agenda_item)
        return fields if may_publish else (*fields, "is_published")

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        user = request.user
        if roles.is_network_wide(user):
            return form_class

        class ScopedDocumentForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if "evaluation" in self.fields:
                    self.fields["evaluation"].queryset = Evaluation.objects.editable_by(user).select_related(
                        "trial", "evaluator"
                    )
                # The form shows the trials in the user's scope; the others it keeps on save.
                self.trials_beyond = set()
                if "trials" in self.fields and self.instance.pk:
                    linked = set(self.instance.trials.values_list("pk", flat=True))
                    in_scope = editable_ids(user, Trial)
                    self.trials_beyond = linked - in_scope
                    self.initial["trials"] = sorted(linked & in_scope)

            def clean(self):
                cleaned_data = super().clean()
                meeting, item = cleaned_data.get("meeting"), cleaned_data.get("agenda_item")
                at_meeting = meeting or item
                if not (
                    (roles.is_committee_secretary(user) and at_meeting)
                    or (roles.is_municipal_coordinator(user) and not at_meeting and cleaned_data.get("trials"))
                ):
                    raise forms.ValidationError(
                        _("Knyt dokumentet til et møde eller punkt i dit udvalg, eller til et af din kommunes forsøg.")
                    )
                if cleaned_data.get("is_published") and not may_publish_document(user, meeting, item):
                    self.add_error(
                        "is_published",
                        _("Netværkskoordinatoren offentliggør dokumenter, der ikke hører til et møde i dit udvalg."),
                    )
                if self.trials_beyond and "trials" in cleaned_data:
                    chosen = {trial.pk for trial in cleaned_data["trials"]}
                    cleaned_data["trials"] = Trial.objects.filter(pk__in=chosen | self.trials_beyond)
                return cleaned_data

        return ScopedDocumentForm

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        elif obj.is_published and form.has_changed() and not self.can_publish(request, obj):
            # What the public sees was published by someone who may publish it; a change by
            # anyone else waits, as a draft, for them.
            obj.is_published = False
            self.message_user(
                request,
                _("Dokumentet er gjort til kladde igen, til netværkskoordinatoren offentliggør ændringen."),
                messages.WARNING,
            )
        super().save_model(request, obj, form, change)
        report_upload_warnings(request, [form])

    def delete_view(self, request, object_id, extra_context=None):
        document = self.get_object(request, unquote(object_id))
        if document is not None:
            refused = documents_linked_beyond(request.user, Document.objects.filter(pk=document.pk))
            if refused.exists():
                self.message_user(request, deletion_refused_message([document]), messages.ERROR)
                return HttpResponseRedirect(
                    reverse("admin:meetings_document_change", args=[document.pk], current_app=self.admin_site.name)
                )
        return super().delete_view(request, object_id, extra_context)

    @admin.action(permissions=["delete"], description=django_delete_selected.short_description)
    def delete_selected(self, request, queryset):
        refused = documents_linked_beyond(request.user, queryset)
        if refused.exists():
            self.message_user(request, deletion_refused_message(refused), messages.ERROR)
            return None
        return django_delete_selected(self, request, queryset)
