"""django-axes' hooks: the username it records for a failed login, and the lockout page it shows."""

from django.conf import settings
from django.utils.translation import gettext as _

# axes.models.AccessAttempt.username is a CharField(max_length=255); a longer value makes PostgreSQL
# refuse the insert, and the failed login a server error.
USERNAME_MAX_LENGTH = 255


def lockout_username(request, credentials=None):
    """The username axes keys the attempt on, as axes reads it, cut to what its table holds."""
    field = settings.AXES_USERNAME_FORM_FIELD
    source = credentials if credentials else getattr(request, "data", request.POST)
    username = source.get(field)
    return username[:USERNAME_MAX_LENGTH] if isinstance(username, str) else username


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page in the admin's frame, in Danish: why, for how long, and whom to ask."""
    from axes.helpers import get_cool_off, get_failure_limit
    from django.contrib import admin
    from django.shortcuts import render

    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "title": _("Kontoen er midlertidigt låst"),
        "failure_limit": get_failure_limit(request, credentials),
        "cool_off_minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
        "contact_email": settings.EDITOR_SUPPORT_EMAIL,
    }
    return render(request, "admin/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
