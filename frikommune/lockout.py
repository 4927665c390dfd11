"""The username django-axes records for a failed login, cut to fit its column."""

from django.conf import settings

# axes.models.AccessAttempt.username is a CharField(max_length=255); a longer value makes PostgreSQL
# refuse the insert, and the failed login a server error.
USERNAME_MAX_LENGTH = 255


def lockout_username(request, credentials=None):
    """The username axes keys the attempt on, as axes reads it, cut to what its table holds."""
    field = settings.AXES_USERNAME_FORM_FIELD
    source = credentials if credentials else getattr(request, "data", request.POST)
    username = source.get(field)
    return username[:USERNAME_MAX_LENGTH] if isinstance(username, str) else username
