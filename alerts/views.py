"""Subscribing to e-mail alerts (double opt-in), confirming, managing and unsubscribing, with no account.

Why the POSTs here take no CSRF token (csrf_exempt):
- The subscribe form sits on public pages, which the page cache keeps whole and which must carry no
  cookie; a CSRF token would need both a cookie and a page per visitor. A forged subscribe POST can
  do no more than a visitor can: make one confirmation mail be sent, which subscribes nobody until
  its owner follows the link (double opt-in), and which is throttled per client and per address.
- Confirm, manage and unsubscribe act only with the signed token in their URL, which a forger on
  another site cannot know: the token does what a CSRF token would. RFC 8058's one-click
  unsubscribe is a POST from a mail provider, which could never carry a CSRF token anyway.

Nothing is ever done on a GET (mail scanners fetch links): a GET shows a button that POSTs.
"""

import logging
import re
from smtplib import SMTPException

from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import mail, throttling, tokens
from .forms import SubscribeForm
from .models import Subscription, subject_label, subject_url
from .subjects import find_subject

logger = logging.getLogger(__name__)


def private(response):
    """Never kept by the page cache, a proxy or the browser: the page belongs to one address."""
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    response["X-Robots-Tag"] = "noindex"
    return response


def message(request, title, text, status, **context):
    """A page that says one thing (a bad link, too many requests, done)."""
    return private(render(request, "alerts/message.html", {"title": title, "text": text, **context}, status=status))


def bad_link(request, error):
    if isinstance(error, tokens.ExpiredToken):
        return message(
            request,
            _("Linket er udløbet"),
            _("Linket i mailen virker kun i nogle dage. Tilmeld dig igen fra den side, du vil følge."),
            400,
        )
    return message(
        request,
        _("Linket virker ikke"),
        _("Linket er ikke gyldigt. Kopiér hele linket fra mailen, eller tilmeld dig igen."),
        400,
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    """GET: what following by e-mail means, and what is stored (a public page). POST: ask for a confirmation mail."""
    if request.method != "POST":
        return render(request, "alerts/subscribe.html", {"max_age_days": mail.confirm_days()})
    too_many = (
        _("For mange tilmeldinger"),
        _("Der er sendt for mange tilmeldinger på kort tid. Vent lidt, og prøv igen senere."),
        429,
    )
    if not throttling.allow_client(request):
        return message(request, *too_many)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        context = {"form": form, "max_age_days": mail.confirm_days()}
        return private(render(request, "alerts/subscribe.html", context, status=400))
    email, kind = form.cleaned_data["email"], form.cleaned_data["kind"]
    if not throttling.allow_address(email):
        return message(request, *too_many)
    subject = form.subject_object
    subscription_request = tokens.SubscriptionRequest(
        email=email,
        kind=kind,
        subject=subject if kind == Subscription.Kind.SEARCH else subject.slug,
        language=translation.get_language(),
    )
    # The same mail and the same answer whether the address already follows the subject or not:
    # the form reveals nothing, and confirming again changes nothing.
    try:
        mail.confirmation_mail(subscription_request, subject).send()
    except (SMTPException, OSError):
        logger.exception("Could not send a confirmation mail")
        return message(
            request,
            _("Mailen kunne ikke sendes"),
            _("Vi kunne ikke sende mailen lige nu. Prøv igen senere."),
            503,
        )
    return private(
        render(
            request,
            "alerts/subscribe_sent.html",
            {
                "email": email,
                "subject_label": subject_label(kind, subject, html=True),
                "subject_url": subject_url(kind, subject),
                "max_age_days": mail.confirm_days(),
            },
        )
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET: a button to confirm; POST: the subscription is stored, confirmed (again: nothing changes)."""
    try:
        asked = tokens.read_confirm_token(token)
    except tokens.InvalidToken as error:
        return bad_link(request, error)
    subject = find_subject(asked.kind, asked.subject)
    if subject is None:
        return message(
            request, _("Findes ikke længere"), _("Det, du ville følge, findes ikke længere på portalen."), 404
        )
    label = subject_label(asked.kind, subject, html=True)
    if request.method != "POST":
        return private(render(request, "alerts/confirm.html", {"email": asked.email, "subject_label": label}))
    field = Subscription.SUBJECT_FIELDS[asked.kind]
    language = asked.language if asked.language in Subscription.Language.values else Subscription.Language.DANISH
    try:
        with transaction.atomic():
            Subscription.objects.get_or_create(
                email=asked.email,
                kind=asked.kind,
                **{field: subject},
                defaults={"language": language, "confirmed_at": timezone.now()},
            )
    except IntegrityError:  # the same link followed twice at once: the other request stored it
        pass
    return private(
        render(
            request,
            "alerts/confirmed.html",
            {
                "subject_label": label,
                "manage_url": reverse("alerts:manage", kwargs={"token": tokens.manage_token(asked.email)}),
            },
        )
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    """The address's subscriptions, each with a button to end it, and one to end them all."""
    try:
        email = tokens.read_manage_token(token)
    except tokens.InvalidToken as error:
        return bad_link(request, error)
    subscriptions = Subscription.objects.for_email(email)
    if request.method == "POST":
        if "all" in request.POST:
            subscriptions.delete()
        elif re.fullmatch(r"[0-9]{1,18}", pk := request.POST.get("subscription", "")):
            subscriptions.filter(pk=int(pk)).delete()
        # Back to the list as a GET, so that reloading it sends nothing again.
        return redirect(request.path, permanent=False)
    subscriptions = subscriptions.confirmed().select_related("trial", "municipality", "committee__municipality")
    return private(render(request, "alerts/manage.html", {"email": email, "subscriptions": subscriptions}))


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """RFC 8058: a POST (from the mail program's button, body "List-Unsubscribe=One-Click") unsubscribes.

    A GET only shows a button that makes the same POST, since mail scanners fetch every link.
    """
    try:
        email, subscription_id = tokens.read_unsubscribe_token(token)
    except tokens.InvalidToken as error:
        return bad_link(request, error)
    subscriptions = Subscription.objects.for_email(email)
    if subscription_id is not None:
        subscriptions = subscriptions.filter(pk=subscription_id)
    manage_url = reverse("alerts:manage", kwargs={"token": tokens.manage_token(email)})
    if request.method != "POST":
        return private(
            render(
                request,
                "alerts/unsubscribe.html",
                {"email": email, "one": subscription_id is not None, "manage_url": manage_url},
            )
        )
    subscriptions.delete()
    return message(
        request,
        _("Du er afmeldt"),
        _("Du får ikke flere mails om det, du fulgte."),
        200,
        email=email,
        manage_url=manage_url,
    )
