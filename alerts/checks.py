"""`check --deploy` warns when the mails' links would point at a development address."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def site_url_check(app_configs, **kwargs):
    parts = urlsplit(settings.SITE_URL)
    if parts.scheme == "https" and parts.hostname not in (None, "localhost", "127.0.0.1"):
        return []
    return [
        Warning(
            f"SITE_URL is {settings.SITE_URL!r}: the links in the alerts' mails (confirm, unsubscribe) use it.",
            hint="Set SITE_URL to the site's public https address, e.g. https://frikommune.example.dk.",
            id="alerts.W001",
        )
    ]
