"""Admin pages where a committee secretary uploads minutes, previews the import and confirms it.

The uploaded file's text travels from the preview to the confirmation in a hidden field signed
with django.core.signing (tamper-proof, expires after an hour): no path from the client, and the
confirmation re-parses and re-checks the committee against the user. A PDF, which the import keeps
as the meeting's source document, waits in the storage under a random name (UPLOAD_FOLDER) that
only the signed field names; the confirmation moves it into the document, and files older than the
signature's hour are removed at the next upload.
A confirmation that collides with another import of the same minutes shows the preview again
with a message, so the secretary can simply confirm once more.
"""

import logging
import re
import uuid
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, OperationalError
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from editors import roles

from .importing import (
    CONCURRENT_IMPORT_MESSAGE,
    ImportResult,
    MinutesFile,
    import_minutes,
    preview_minutes,
    read_minutes_text,
)
from .importing.source_file import is_kept
from .minutes import MinutesParseError
from .minutes.layouts import parse_any
from .models import Committee

COORDINATOR_GROUP = roles.NETWORK_COORDINATOR
SIGNING_SALT = "meetings.admin_import"
SIGNED_MAX_AGE = 60 * 60
# Where an uploaded PDF waits between the preview and the confirmation (never served: media is not).
UPLOAD_FOLDER = "import-uploads"
STORED_UPLOAD = re.compile(rf"^{UPLOAD_FOLDER}/[0-9a-f]{{32}}\.pdf$")

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
        stored = data.get("stored", "")
        self.cleaned_data["stored"] = stored if STORED_UPLOAD.match(stored) else ""
        return self.cleaned_data["payload"]

    def minutes_file(self):
        """The uploaded PDF as it waits in the storage, or None (not a PDF, or gone)."""
        stored, name = self.cleaned_data.get("stored"), self.cleaned_data.get("name")
        if not stored or not default_storage.exists(stored):
            return None
        return MinutesFile(name=name, file=File(default_storage.open(stored, "rb"), name=name))

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
        "source_files": result.changes_for("source_file"),
    }


def store_upload(upload):
    """Keep an uploaded PDF until the confirmation; returns its storage name, or "" for another file."""
    if not is_kept(upload):
        return ""
    remove_stale_uploads()
    upload.seek(0)
    return default_storage.save(f"{UPLOAD_FOLDER}/{uuid.uuid4().hex}.pdf", upload)


def remove_stale_uploads():
    """Remove waiting uploads whose preview has expired (never confirmed or cancelled)."""
    try:
        names = default_storage.listdir(UPLOAD_FOLDER)[1]
    except FileNotFoundError:
        return
    expired = timezone.now() - timedelta(seconds=SIGNED_MAX_AGE)
    for name in names:
        path = f"{UPLOAD_FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < expired:
                default_storage.delete(path)
        except FileNotFoundError:  # removed by another request meanwhile
            pass


def _render_preview(request, *, committee, text, name, payload, link=None, source_file=None):
    """The preview page; raises MinutesParseError for minutes that cannot be imported."""
    minutes = parse_any(text)
    result = preview_minutes(minutes=minutes, committee=committee, user=request.user, source_file=source_file)
    if link is None:
        link = [s.key for s in result.suggestions if not s.already_linked]
    if callable(payload):  # made only for minutes that parse, so a refused file is never stored
        payload = payload()
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
        committee, text, upload = form.cleaned_data["committee"], form.cleaned_data["text"], form.cleaned_data["file"]
        name = upload.name
        try:
            response = _render_preview(
                request,
                committee=committee,
                text=text,
                name=name,
                payload=lambda: signing.dumps(
                    {"committee": committee.pk, "text": text, "name": name, "stored": store_upload(upload)},
                    salt=SIGNING_SALT,
                    compress=True,
                ),
                source_file=MinutesFile(name=name, file=upload),
            )
        except MinutesParseError as error:
            form.add_error("file", str(error))
        else:
            return response
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
    source_file = form.minutes_file()
    try:
        result = import_minutes(
            minutes=parse_any(text),
            committee=committee,
            user=request.user,
            link_trials=form.cleaned_data["link"],
            source_file=source_file,
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
                source_file=source_file,
            )
        except MinutesParseError as error:
            messages.error(request, str(error))
            return redirect("meetings_import_minutes")
    finally:
        if source_file is not None:
            source_file.file.close()
    if form.cleaned_data["stored"]:
        default_storage.delete(form.cleaned_data["stored"])
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
