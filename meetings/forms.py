"""Forms of the meetings app: the checked document upload and the public meeting filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frikommune.forms import option_tags
from trials.models import Evaluation, Trial

from . import files
from .models import Committee, Document, Meeting


class DocumentForm(forms.ModelForm):
    """A document with its file checked by content; the file's facts are filled in from it.

    upload_warnings: what the editor should be told once the file is saved (text only partly
    read, active content in a PDF).
    """

    upload_warnings = ()

    class Meta:
        model = Document
        fields = "__all__"  # noqa: DJ007 - the admin chooses the fields shown

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "evaluation" in self.fields:  # each choice names its trial and evaluator
            self.fields["evaluation"].queryset = Evaluation.objects.select_related("trial", "evaluator")
            # The choices are long (a trial's title); the select stays within the form (1280 px).
            select = self.fields["evaluation"].widget
            getattr(select, "widget", select).attrs["style"] = "max-width: 36em"  # inside the admin's wrapper

    def clean(self):
        cleaned_data = super().clean()
        meeting, item = cleaned_data.get("meeting"), cleaned_data.get("agenda_item")
        if meeting and item and item.meeting_id != meeting.pk:
            self.add_error("agenda_item", _("Punktet hører til et andet møde."))
        evaluation = cleaned_data.get("evaluation")
        if evaluation is not None and "trials" in cleaned_data:
            # A report is about its evaluation's trial, and listed (and kept) with it.
            chosen = {trial.pk for trial in cleaned_data["trials"]} | {evaluation.trial_id}
            cleaned_data["trials"] = Trial.objects.filter(pk__in=chosen)
        if cleaned_data.get("file") is False:
            # "Clear" ticked: the facts of the removed file go with it.
            self.instance.original_name = self.instance.mime_type = self.instance.sha512 = ""
            self.instance.size = None
            self.instance.extracted_text = ""
            self.instance.has_active_content = False
            return cleaned_data
        upload = self.files.get(self.add_prefix("file")) if self.files else None
        if upload is None or "file" in self._errors:
            return cleaned_data
        kind = cleaned_data.get("kind", self.instance.kind)
        allowed = {files.PDF} if kind == Document.Kind.MINUTES else None
        try:
            facts = files.inspect_upload(upload, allowed_types=allowed)
        except forms.ValidationError as error:
            self.add_error("file", error)
            return cleaned_data
        self.instance.original_name = upload.name[:255]
        self.instance.mime_type = facts.mime_type
        self.instance.size = facts.size
        self.instance.sha512 = facts.sha512
        self.instance.extracted_text = facts.extracted_text
        self.instance.has_active_content = facts.has_active_content
        self.upload_warnings = facts.warnings
        return cleaned_data

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        # A minutes document kept earlier must also be a PDF when only the kind changes.
        if (
            kind == Document.Kind.MINUTES
            and not self.files.get(self.add_prefix("file"))
            and self.instance.mime_type
            and self.instance.mime_type != files.PDF
        ):
            raise forms.ValidationError(_("Et referat skal være en PDF-fil."))
        return kind


class MeetingFilterForm(forms.Form):
    """Filter the published meetings by committee and year; an invalid value is ignored."""

    udvalg = forms.ModelChoiceField(
        label=_("Udvalg"),
        queryset=Committee.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle udvalg"),
    )
    aar = forms.TypedChoiceField(label=_("År"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        published = Meeting.objects.public()
        self.fields["udvalg"].queryset = Committee.objects.with_public_meetings()
        years = [d.year for d in published.dates("date", "year", order="DESC")]
        self.fields["aar"].choices = [("", _("Alle år"))] + [(y, y) for y in years]

    def selects(self):
        """(bound field, its <option> elements) for each select, for the template to write in one loop:
        Django's Select widget renders a template per option, most of the page's time with 300 committees.
        The committees come as (slug, label) rows rather than through the field's model instances."""
        result = []
        for bound in self:
            chosen = str(bound.value() or "")
            options = []
            choices = bound.field.choices
            if bound.name == "udvalg":
                choices = [("", bound.field.empty_label), *bound.field.queryset.labelled()]
            for value, label in choices:
                value = str(getattr(value, "value", value))  # a ModelChoiceIteratorValue, or a plain value
                options.append((value, label, value == chosen))
            result.append((bound, option_tags(options)))
        return result

    def has_filters(self):
        """Whether the request names any filter, valid or not: the form then offers to reset them."""
        return any(self.data.get(name) for name in self.fields)

    def filter(self, queryset):
        """Apply the valid filters; is_valid() must have been called."""
        data = self.cleaned_data if self.is_bound else {}
        if data.get("udvalg"):
            queryset = queryset.filter(committee=data["udvalg"])
        if data.get("aar"):
            queryset = queryset.filter(date__year=data["aar"])
        return queryset
