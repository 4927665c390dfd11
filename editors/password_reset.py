"""Password reset for editors, from the admin's login page: Django's own views, throttled, in the admin's frame.

"Glemt adgangskode?" asks for an e-mail address and mails a one-time link (Django's token, valid for
PASSWORD_RESET_TIMEOUT seconds) to each active staff user with that address. The answer is the same
whether or not the address has an account. Requests are counted per client address and per e-mail
address in the cache; beyond PASSWORD_RESET_LIMIT_PER_CLIENT or PASSWORD_RESET_LIMIT_PER_ADDRESS in
an hour the form says so and sends nothing.

createuser --no-password sends a new editor the same kind of link to choose a password (send_set_password_mail).
"""

import hashlib
import unicodedata

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import caches
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from frikommune.proxy import client_ip_address

# The throttle's window: counts start afresh an hour after a client's or an address's first request.
THROTTLE_WINDOW_SECONDS = 60 * 60


def same_address(a, b):
    """Whether two e-mail addresses are the same, ignoring case as Unicode does (as Django's reset form)."""
    return unicodedata.normalize("NFKC", a).casefold() == unicodedata.normalize("NFKC", b).casefold()


class EditorPasswordResetForm(PasswordResetForm):
    """Django's reset form for the portal's editors: active staff users, also those who have not chosen a
    password yet (createuser --no-password), since the portal has no other way to log in."""

    def get_users(self, email):
        User = get_user_model()
        email_field = User.get_email_field_name()
        users = User._default_manager.filter(**{f"{email_field}__iexact": email, "is_active": True, "is_staff": True})
        return (user for user in users if same_address(email, getattr(user, email_field)))


def throttle_key(kind, value):
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"{settings.PASSWORD_RESET_THROTTLE_KEY_PREFIX}:{kind}:{digest}"


def count_and_check(kind, value, limit):
    """Count one request for this client or address; whether it is within the limit of the window."""
    cache = caches["default"]
    key = throttle_key(kind, value)
    cache.add(key, 0, THROTTLE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, THROTTLE_WINDOW_SECONDS)
        count = 1
    return count <= limit


class AdminFrameMixin:
    """The admin's own context (site header, title), which the admin's registration templates expect."""

    def get_context_data(self, **kwargs):
        return {**admin.site.each_context(self.request), **super().get_context_data(**kwargs)}


class PasswordResetView(AdminFrameMixin, auth_views.PasswordResetView):
    form_class = EditorPasswordResetForm
    success_url = reverse_lazy("password_reset_done")

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        within = count_and_check("client", client_ip_address(request) or "", settings.PASSWORD_RESET_LIMIT_PER_CLIENT)
        if form.is_valid():
            address = unicodedata.normalize("NFKC", form.cleaned_data["email"]).casefold()
            within = count_and_check("address", address, settings.PASSWORD_RESET_LIMIT_PER_ADDRESS) and within
        if not within:
            # The same answer for any address, with or without an account: nothing is sent.
            form.add_error("email", _("Der er bedt om en ny adgangskode for mange gange. Prøv igen om en time."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)


class PasswordResetDoneView(AdminFrameMixin, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(AdminFrameMixin, auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # A locked-out editor who has just proved they own the address may log in with the new password.
        from axes.utils import reset

        reset(username=form.user.get_username())
        return response


class PasswordResetCompleteView(AdminFrameMixin, auth_views.PasswordResetCompleteView):
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "login_url": reverse("admin:login")}


def set_password_link(user, site_url):
    """The one-time link at which the user chooses a password (PasswordResetConfirmView)."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{site_url.rstrip('/')}{path}"


def send_set_password_mail(user, site_url):
    """Mail a new editor the link to choose their password; raises if the mail server refuses it."""
    context = {
        "user": user,
        "link": set_password_link(user, site_url),
        "login_link": f"{site_url.rstrip('/')}{reverse('admin:login')}",
        "timeout_days": max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)),
    }
    subject = "".join(render_to_string("registration/set_password_subject.txt", context).splitlines())
    body = render_to_string("registration/set_password_email.txt", context)
    EmailMultiAlternatives(subject, body, None, [user.email]).send()
