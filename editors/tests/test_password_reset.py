"""An editor who forgot their password resets it from the admin's login page, by mail; throttled, revealing nothing."""

import io
import os
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from trials.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "et-langt-kodeord-2018"
NEW_PASSWORD = "mit-nye-lange-kodeord-2026"
TEST_NUMBER = iter(range(10**9))


@pytest.fixture(autouse=True)
def throttle_apart(settings):
    """The throttle's counts live in the cache: keys of each test's own, so no test inherits another's."""
    settings.PASSWORD_RESET_THROTTLE_KEY_PREFIX = f"password-reset-test-{os.getpid()}-{next(TEST_NUMBER)}"


@pytest.fixture
def editor():
    user = UserFactory(username="mette", email="mette@example.dk")
    user.set_password(PASSWORD)
    user.save()
    return user


def ask_for_reset(client, email, **extra):
    return client.post(reverse("admin_password_reset"), {"email": email}, **extra)


def link_in(message):
    return re.search(r"https?://[^/\s]+(/\S+/reset/\S+/)", message.body).group(1)


def set_password(client, link, password=NEW_PASSWORD):
    """Follow a mailed link and choose a password, as a browser would: the link redirects to the form."""
    form = client.get(link, follow=True)
    assert form.status_code == 200
    assert "new_password1" in form.content.decode()
    return client.post(form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})


def logs_in(client, username, password):
    response = client.post(reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"})
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_login_page_offers_glemt_adgangskode(client):
    page = client.get(reverse("admin:login")).content.decode()
    assert f'<a href="{reverse("admin_password_reset")}">Glemt adgangskode?</a>' in page


def test_reset_pages_are_danish_in_the_admins_frame_and_never_cached(client):
    response = client.get(reverse("admin_password_reset"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nulstil min adgangskode" in page
    assert "Frikommuneportalen – redigering" in page
    assert "public" not in response.get("Cache-Control", "")
    assert not response.has_header("ETag")


def test_the_mailed_link_sets_the_password_and_the_editor_logs_in(client, editor):
    response = ask_for_reset(client, "Mette@Example.dk")
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    [message] = mail.outbox
    assert message.to == ["mette@example.dk"]
    assert "mette" in message.body

    done = set_password(client, link_in(message))
    assert done.status_code == 302
    assert done["Location"] == reverse("password_reset_complete")
    complete = client.get(done["Location"]).content.decode()
    assert f'href="{reverse("admin:login")}"' in complete
    assert logs_in(client, "mette", NEW_PASSWORD)
    assert not logs_in(client.__class__(), "mette", PASSWORD)


def test_the_link_works_once(client, editor):
    ask_for_reset(client, editor.email)
    link = link_in(mail.outbox[0])
    set_password(client, link)
    assert "new_password1" not in client.get(link, follow=True).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, editor):
    known = ask_for_reset(client, editor.email)
    unknown = ask_for_reset(client, "ingen@example.dk")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert [message.to for message in mail.outbox] == [[editor.email]]


@pytest.mark.parametrize("kind", ["inactive", "not staff"])
def test_only_active_staff_are_mailed(client, kind):
    UserFactory(email="x@example.dk", is_active=kind != "inactive", is_staff=kind != "not staff")
    assert ask_for_reset(client, "x@example.dk").status_code == 302
    assert mail.outbox == []


def test_an_editor_who_never_chose_a_password_can_ask_for_the_link(client):
    user = UserFactory(email="ny@example.dk")
    user.set_unusable_password()
    user.save()
    ask_for_reset(client, "ny@example.dk")
    set_password(client, link_in(mail.outbox[0]))
    assert logs_in(client, user.username, NEW_PASSWORD)


def test_reset_is_throttled_per_address_with_a_danish_message(client, editor, settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 3
    for _ in range(3):
        assert ask_for_reset(client, editor.email).status_code == 302
    refused = ask_for_reset(client, editor.email.upper())
    assert refused.status_code == 429
    assert "Der er bedt om en ny adgangskode for mange gange" in refused.content.decode()
    assert len(mail.outbox) == 3
    # Another address from the same client is still served.
    assert ask_for_reset(client, "ingen@example.dk").status_code == 302


def test_an_unknown_address_is_throttled_alike(client, settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 1
    assert ask_for_reset(client, "ingen@example.dk").status_code == 302
    assert ask_for_reset(client, "ingen@example.dk").status_code == 429


def test_reset_is_throttled_per_client(client, editor, settings):
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 4
    for number in range(4):
        assert ask_for_reset(client, f"nr{number}@example.dk").status_code == 302
    assert ask_for_reset(client, editor.email).status_code == 429
    assert mail.outbox == []
    # Another client (address) is served.
    assert ask_for_reset(client, editor.email, REMOTE_ADDR="192.0.2.7").status_code == 302
    assert len(mail.outbox) == 1


def test_login_is_still_locked_after_failures_and_a_reset_lifts_the_lock(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        logs_in(client, "mette", "forkert")
    locked = client.post(reverse("admin:login"), {"username": "mette", "password": PASSWORD})
    assert locked.status_code == settings.AXES_HTTP_RESPONSE_CODE
    assert f'href="{reverse("admin_password_reset")}"' in locked.content.decode()
    ask_for_reset(client, editor.email)
    set_password(client, link_in(mail.outbox[0]))
    assert logs_in(client, "mette", NEW_PASSWORD)


# --- createuser --no-password mails the link to choose a password -----------------------------------


def createuser(*arguments):
    out = io.StringIO()
    call_command("createuser", *arguments, stdout=out)
    return out.getvalue()


def test_createuser_without_password_mails_the_new_editor_a_link(client, editor_roles):
    output = createuser(
        "lars", "--role", "netvaerkskoordinator", "--email", "lars@example.dk", "--no-password",
        "--site-url", "https://frikommune.example.dk/",
    )  # fmt: skip
    assert "Mailed lars@example.dk" in output
    [message] = mail.outbox
    assert message.to == ["lars@example.dk"]
    assert message.subject == "Vælg din adgangskode til Frikommuneportalen"
    assert "brugernavnet lars" in message.body
    assert "https://frikommune.example.dk/admin/reset/" in message.body
    assert "https://frikommune.example.dk/admin/login/" in message.body
    user = get_user_model().objects.get(username="lars")
    assert not user.has_usable_password()

    set_password(client, link_in(message))
    assert logs_in(client, "lars", NEW_PASSWORD)


def test_createuser_reads_the_sites_address_from_the_settings(editor_roles, settings):
    settings.SITE_URL = "https://portal.example.dk"
    createuser("lars", "--role", "netvaerkskoordinator", "--email", "lars@example.dk", "--no-password")
    assert "https://portal.example.dk/admin/reset/" in mail.outbox[0].body


def test_createuser_without_password_needs_an_address_for_a_new_user(editor_roles):
    with pytest.raises(CommandError, match="--email"):
        createuser("lars", "--role", "netvaerkskoordinator", "--no-password", "--site-url", "https://x.example.dk")
    assert not get_user_model().objects.filter(username="lars").exists()


def test_createuser_without_password_leaves_an_existing_password_and_mails_nothing(editor, editor_roles):
    createuser("mette", "--role", "netvaerkskoordinator", "--no-password", "--site-url", "https://x.example.dk")
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)
    assert mail.outbox == []
