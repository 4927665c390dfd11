"""Building the alerts' mails: plain text with an HTML alternative, in the subscription's language.

Shared by the confirmation (here) and the digest (send_alerts): `build_mail` renders a pair of
templates, `absolute_url`/`url_in` write the links (settings.SITE_URL, since cron has no request),
and `list_unsubscribe_headers` gives the RFC 8058 one-click headers for a mail that goes to subscribers.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from . import tokens
from .models import subject_label


def absolute_url(path):
    """The site's address (settings.SITE_URL) before a path."""
    return settings.SITE_URL + path


def url_in(language, viewname, **kwargs):
    """The absolute URL of a view in a language: Danish without a prefix, English under /en/."""
    with translation.override(language):
        return absolute_url(reverse(viewname, kwargs=kwargs))


def confirm_days():
    """How many days a confirmation link works (ALERTS_CONFIRM_MAX_AGE, rounded up), for the texts."""
    return max(1, -(-settings.ALERTS_CONFIRM_MAX_AGE // 86400))


def manage_url(email, language):
    return url_in(language, "alerts:manage", token=tokens.manage_token(email))


def unsubscribe_url(email, language, subscription=None):
    """The one-click link: ends `subscription`, or every subscription of the address if None."""
    token = tokens.unsubscribe_token(email, subscription.pk if subscription is not None else None)
    return url_in(language, "alerts:unsubscribe", token=token)


def list_unsubscribe_headers(email, language, subscription=None):
    """RFC 8058's headers: a POST of "List-Unsubscribe=One-Click" to the link ends the subscription(s).

    For a digest, which covers every subject of one address, leave `subscription` out: the link then
    ends them all. The link is https in production (SITE_URL), as RFC 8058 asks.
    """
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(email, language, subscription)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def build_mail(template, context, *, to, language, headers=None):
    """An EmailMultiAlternatives from templates/alerts/mail/: <template>_subject.txt, .txt and .html.

    The HTML extends alerts/mail/base.html. `to` is one address; `headers` e.g. list_unsubscribe_headers().

    The three are rendered with `language` active, so {% translate %} and dates follow the
    subscription's language; the subject is taken as one line.
    """
    context = {"site_url": settings.SITE_URL, "language": language, **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"alerts/mail/{template}_subject.txt", context).split())
        text = render_to_string(f"alerts/mail/{template}.txt", context)
        html = render_to_string(f"alerts/mail/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, to=[to], headers=headers or {})
    message.attach_alternative(html, "text/html")
    return message


def confirmation_mail(request, subject):
    """The mail with the link that confirms `request` (a tokens.SubscriptionRequest) for `subject`.

    It carries no List-Unsubscribe: nothing is subscribed until the link is followed.
    """
    with translation.override(request.language):
        label = subject_label(request.kind, subject)
        label_html = subject_label(request.kind, subject, html=True)
    token = tokens.confirm_token(request)
    return build_mail(
        "confirm",
        {
            "subject_label": label,
            "subject_label_html": label_html,
            "confirm_url": url_in(request.language, "alerts:confirm", token=token),
            "privacy_url": url_in(request.language, "alerts:subscribe") + "#privatliv",
            "max_age_days": confirm_days(),
        },
        to=request.email,
        language=request.language,
    )
