"""Admin pages where a committee secretary uploads minutes, previews the import and confirms it.

The uploaded file's text travels from the preview to the confirmation in a hidden field signed
with django.core.signing (tamper-proof, expires after an hour): no temporary file, no path from
the client, and the confirmation re-parses and re-checks the committee against the user.
A confirmation that collides with another import of the same minutes shows the preview again
with a message, so the secretary can simply confirm once more.
"""

import logging

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, OperationalError
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from editors import roles

from .importing import CONCURRENT_IMPORT_MESSAGE, ImportResult, import_minutes, preview_minutes, read_minutes_text
from .minutes import MinutesParseError
from .minutes.layouts import parse_any
from .models import Committee

COORDINATOR_GROUP = roles.NETWORK_COORDINATOR
SIGNING_SALT = "meetings.admin_import"
SIGNED_MAX_AGE = 60 * 60

logger = logging.getLogger(__name__)


def committees_for(user):
    """The committees a user may import minutes for: all for coordinators, else their own."""
    return Committee.objects.editable_by(user).select_related("municipality")


class UploadForm(forms.Form):
    committee = forms.ModelChoiceField(queryset=Committee.objects.none(), label=gettext_lazy("Udvalg"))
    file = forms.FileField(
        label=gettext_lazy("Referat"),
        help_text=gettext_lazy(
            "Tekst (.txt, .md), PDF, Word (.docx) eller en gemt referatside (.html). "
            "En PDF, hvis tekst ikke kan læses helt (for mange sider, for meget "
            "tekst eller for langsom at læse), afvises, så der ikke importeres et halvt referat."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        committees = committees_for(user)
        self.fields["committee"].queryset = committees
        # A secretary with one committee has nothing to choose.
        if len(own := list(committees[:2])) == 1:
            self.fields["committee"].initial = own[0].pk

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                _("Filen er for stor (højst %(limit)s).") % {"limit": filesizeformat(settings.MAX_UPLOAD_SIZE)}
            )
        try:
            self.cleaned_data["text"] = read_minutes_text(upload.read())
        except MinutesParseError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


class ConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)
    link = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_payload(self):
        try:
            data = signing.loads(self.cleaned_data["payload"], salt=SIGNING_SALT, max_age=SIGNED_MAX_AGE)
        except signing.SignatureExpired:
            raise forms.ValidationError(_("Forhåndsvisningen er udløbet; upload referatet igen.")) from None
        except signing.BadSignature:
            raise forms.ValidationError(_("Forhåndsvisningen er ugyldig; upload referatet igen.")) from None
        committee = committees_for(self.user).filter(pk=data.get("committee")).first()
        if committee is None:
            raise PermissionDenied
        self.cleaned_data["committee"] = committee
        self.cleaned_data["text"] = data["text"]
        self.cleaned_data["name"] = data.get("name", "")
        return self.cleaned_data["payload"]

    def clean_link(self):
        # Suggestions are recomputed on import; unknown keys are simply not matched.
        return [key for key in self.cleaned_data["link"] if ":" in key]


def _preview_context(result: ImportResult, minutes, committee, name):
    changes = {c.number: c for c in result.changes_for("item") if c.number is not None}
    return {
        "result": result,
        "minutes": minutes,
        "committee": committee,
        "file_name": name,
        "items": [(item, changes.get(item.number)) for item in minutes.items],
        "removed_or_kept": [c for c in result.changes if c.action in ("removed", "kept")],
        "attendances": result.changes_for("attendance"),
        "attachments": result.changes_for("attachment"),
    }


def _render_preview(request, *, committee, text, name, payload, link=None):
    """The preview page; raises MinutesParseError for minutes that cannot be imported."""
    minutes = parse_any(text)
    result = preview_minutes(minutes=minutes, committee=committee, user=request.user)
    if link is None:
        link = [s.key for s in result.suggestions if not s.already_linked]
    confirm = ConfirmForm(user=request.user, initial={"payload": payload, "link": link})
    return render(
        request,
        "admin/meetings/import_preview.html",
        {
            **admin.site.each_context(request),
            **_preview_context(result, minutes, committee, name),
            "confirm_form": confirm,
            "title": _("Forhåndsvisning af import"),
        },
    )


def upload_view(request):
    if not committees_for(request.user).exists():
        raise PermissionDenied
    context = {**admin.site.each_context(request), "title": _("Indlæs referat")}
    if request.method != "POST":
        return render(request, "admin/meetings/import_upload.html", {**context, "form": UploadForm(user=request.user)})

    form = UploadForm(request.POST, request.FILES, user=request.user)
    if form.is_valid():
        committee, text = form.cleaned_data["committee"], form.cleaned_data["text"]
        name = form.cleaned_data["file"].name
        payload = signing.dumps(
            {"committee": committee.pk, "text": text, "name": name}, salt=SIGNING_SALT, compress=True
        )
        try:
            return _render_preview(request, committee=committee, text=text, name=name, payload=payload)
        except MinutesParseError as error:
            form.add_error("file", str(error))
    return render(request, "admin/meetings/import_upload.html", {**context, "form": form})


def confirm_view(request):
    if request.method != "POST":
        return redirect("meetings_import_minutes")
    form = ConfirmForm(request.POST, user=request.user)
    form.fields["link"].choices = [(key, key) for key in request.POST.getlist("link")]
    if not form.is_valid():
        for error in form.errors.get("payload", []):
            messages.error(request, error)
        return redirect("meetings_import_minutes")
    committee, text = form.cleaned_data["committee"], form.cleaned_data["text"]
    try:
        result = import_minutes(
            minutes=parse_any(text), committee=committee, user=request.user, link_trials=form.cleaned_data["link"]
        )
    except MinutesParseError as error:
        messages.error(request, str(error))
        return redirect("meetings_import_minutes")
    except (IntegrityError, OperationalError):
        # Another import of the same minutes got there first (or SQLite stayed locked): nothing of
        # this one is saved. Show the preview again, as it now stands, with the same payload and choices.
        logger.warning("Minutes import into %s collided with another write", committee, exc_info=True)
        messages.error(request, CONCURRENT_IMPORT_MESSAGE)
        try:
            return _render_preview(
                request,
                committee=committee,
                text=text,
                name=form.cleaned_data["name"],
                payload=form.cleaned_data["payload"],
                link=form.cleaned_data["link"],
            )
        except MinutesParseError as error:
            messages.error(request, str(error))
            return redirect("meetings_import_minutes")
    meeting = result.meeting
    messages.success(
        request,
        _("Referatet er importeret: %(meeting)s med %(items)s punkter.")
        % {"meeting": meeting, "items": meeting.agenda_items.count()},
    )
    try:
        return redirect(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    except NoReverseMatch:  # the Meeting admin is not registered
        return redirect("admin:index")


urlpatterns = [
    path("", admin.site.admin_view(upload_view), name="meetings_import_minutes"),
    path("bekraeft/", admin.site.admin_view(confirm_view), name="meetings_import_minutes_confirm"),
]
