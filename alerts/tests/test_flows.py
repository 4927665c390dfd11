"""Subscribing with double opt-in, confirming, managing and unsubscribing, with mail through a real SMTP server."""

import re
import time

import pytest
from django.conf import settings as django_settings
from django.test import Client

from alerts import mail, tokens
from alerts.models import Subscription
from alerts.tests.factories import SubscriptionFactory
from meetings.tests.factories import CommitteeFactory
from trials.tests.factories import MunicipalityFactory, TrialFactory

pytestmark = pytest.mark.django_db

SENT = "Vi har sendt en mail til"


def subscribe(client, email, subject, kind="trial", prefix="", **extra):
    return client.post(f"{prefix}/foelg/", {"email": email, "kind": kind, "subject": subject}, **extra)


def link_in(text, view):
    """The path of the first link to one of the alerts' views (bekraeft, abonnementer, afmeld) in a text."""
    match = re.search(rf"{re.escape(django_settings.SITE_URL)}(/(?:en/)?foelg/{view}/[^/\s\"]+/)", text)
    assert match, text
    return match.group(1)


def parts(message):
    return message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()


@pytest.fixture
def trial():
    return TrialFactory(title="Rehabiliteringsteams", slug="rehabiliteringsteams")


def test_the_confirmation_mail_arrives_with_a_text_and_an_html_part(smtp_server, client, trial):
    response = subscribe(client, " Borger@Example.DK ", trial.slug)
    assert response.status_code == 200
    assert SENT in response.content.decode()
    assert "borger@example.dk" in response.content.decode()
    [message] = smtp_server.messages
    assert smtp_server.envelopes[0].rcpt_tos == ["borger@example.dk"]
    assert message["To"] == "borger@example.dk"
    assert message["From"] == django_settings.DEFAULT_FROM_EMAIL
    assert "Rehabiliteringsteams" in message["Subject"]
    assert message.get_content_type() == "multipart/alternative"
    text, html = parts(message)
    assert link_in(text, "bekraeft") == link_in(html, "bekraeft")
    assert "Rehabiliteringsteams" in text and "Rehabiliteringsteams" in html
    assert '<html lang="da">' in html
    # Nothing is subscribed yet, so nothing to unsubscribe from; and nothing is stored.
    assert message["List-Unsubscribe"] is None
    assert not Subscription.objects.exists()
    # The answer is private: the page cache, a proxy or a browser keep none of it.
    assert "private" in response["Cache-Control"]
    assert not response.cookies


def test_following_the_link_confirms_once_however_often(smtp_server, client, trial):
    subscribe(client, "borger@example.dk", trial.slug)
    confirm_path = link_in(parts(smtp_server.messages[0])[0], "bekraeft")
    # A GET (a mail scanner, or the reader) only shows the button.
    response = client.get(confirm_path)
    assert response.status_code == 200
    assert "Ja, bekræft" in response.content.decode()
    assert "private" in response["Cache-Control"]  # one address's page: never in the page cache
    assert not Subscription.objects.exists()
    for _ in range(2):  # a double click
        response = client.post(confirm_path)
        assert response.status_code == 200
        assert "Du følger nu" in response.content.decode()
    subscription = Subscription.objects.get()
    assert (subscription.email, subscription.kind, subscription.trial, subscription.language) == (
        "borger@example.dk",
        "trial",
        trial,
        "da",
    )
    assert subscription.confirmed_at is not None
    assert subscription.last_sent_at is None
    assert list(Subscription.objects.confirmed()) == [subscription]
    # The confirmed page links to the address's own page of subscriptions.
    manage_path = re.search(r'href="(/foelg/abonnementer/[^"]+/)"', response.content.decode()).group(1)
    assert "Rehabiliteringsteams" in client.get(manage_path).content.decode()


@pytest.mark.parametrize(
    ("kind", "make"),
    [
        ("municipality", lambda: MunicipalityFactory(slug="aalborg").slug),
        ("committee", lambda: CommitteeFactory(slug="beskaeftigelsesudvalget").slug),
        ("search", lambda: "  ledighedsydelse   mentor "),
    ],
)
def test_every_kind_of_subject(smtp_server, client, kind, make):
    subscribe(client, "borger@example.dk", make(), kind=kind)
    client.post(link_in(parts(smtp_server.messages[0])[0], "bekraeft"))
    subscription = Subscription.objects.get()
    assert subscription.kind == kind
    if kind == "search":
        assert subscription.search_query == "ledighedsydelse mentor"
    else:
        assert subscription.subject.slug in ("aalborg", "beskaeftigelsesudvalget")


def test_from_the_english_site_the_mail_and_the_subscription_are_english(smtp_server, client, trial):
    response = subscribe(client, "reader@example.org", trial.slug, prefix="/en")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    text, html = parts(smtp_server.messages[0])
    assert '<html lang="en">' in html
    confirm_path = link_in(text, "bekraeft")
    assert confirm_path.startswith("/en/foelg/bekraeft/")
    client.post(confirm_path)
    assert Subscription.objects.get().language == "en"


def test_an_expired_link_gives_a_message(client, trial, monkeypatch):
    asked = tokens.SubscriptionRequest("borger@example.dk", "trial", trial.slug, "da")
    four_days_ago = time.time() - 4 * 24 * 3600
    with monkeypatch.context() as patched:
        patched.setattr(time, "time", lambda: four_days_ago)
        token = tokens.confirm_token(asked)
    for method in (client.get, client.post):
        response = method(f"/foelg/bekraeft/{token}/")
        assert response.status_code == 400
        assert "Linket er udløbet" in response.content.decode()
    assert not Subscription.objects.exists()


def tamper_payload(token):
    """The token with one character of its payload (before the first colon) changed."""
    position = 1 if token.startswith(".") else 0
    changed = "A" if token[position] != "A" else "B"
    return token[:position] + changed + token[position + 1 :]


@pytest.mark.parametrize("view", ["bekraeft", "abonnementer", "afmeld"])
def test_a_tampered_link_gives_a_message(client, trial, view):
    SubscriptionFactory(email="borger@example.dk", trial=trial)
    asked = tokens.SubscriptionRequest("borger@example.dk", "trial", trial.slug, "da")
    genuine = {
        "bekraeft": tokens.confirm_token(asked),
        "abonnementer": tokens.manage_token("borger@example.dk"),
        "afmeld": tokens.unsubscribe_token("borger@example.dk"),
    }[view]
    other_salt = tokens.manage_token("borger@example.dk") if view != "abonnementer" else tokens.unsubscribe_token("x")
    for token in (genuine[:-3] + "abc", "x" * 30, tamper_payload(genuine), other_salt, "%00"):
        for method in (client.get, client.post):
            response = method(f"/foelg/{view}/{token}/")
            assert response.status_code == 400, (token, response.status_code)
            assert "Linket virker ikke" in response.content.decode()
    assert Subscription.objects.count() == 1


def test_the_answer_does_not_reveal_an_existing_subscription(smtp_server, client, trial):
    first = subscribe(client, "borger@example.dk", trial.slug)
    SubscriptionFactory(email="borger@example.dk", trial=trial)
    again = subscribe(client, "borger@example.dk", trial.slug)
    assert (first.status_code, first.content) == (again.status_code, again.content)
    # The owner of the address gets the same mail; confirming again changes nothing.
    assert len(smtp_server.messages) == 2
    client.post(link_in(parts(smtp_server.messages[1])[0], "bekraeft"))
    assert Subscription.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "ikke-en-adresse"}, "Skriv en gyldig e-mailadresse"),
        ({"email": ""}, "Skriv din e-mailadresse"),
        ({"subject": "findes-ikke"}, "findes ikke på portalen"),
        ({"kind": "meeting"}, "findes ikke på portalen"),
        ({"kind": "search", "subject": "   "}, "findes ikke på portalen"),
        ({"subject": "x" * 5000}, "findes ikke på portalen"),
    ],
)
def test_bad_input_gives_a_message_and_sends_nothing(smtp_server, client, trial, data, message):
    response = client.post("/foelg/", {"email": "borger@example.dk", "kind": "trial", "subject": trial.slug, **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert smtp_server.messages == []


def test_an_unpublished_trial_cannot_be_followed(smtp_server, client):
    draft = TrialFactory(is_published=False)
    assert subscribe(client, "borger@example.dk", draft.slug).status_code == 400
    assert smtp_server.messages == []


def test_a_mail_server_that_is_down_gives_a_message(settings, client, trial):
    from alerts.tests.conftest import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    response = subscribe(client, "borger@example.dk", trial.slug)
    assert response.status_code == 503
    assert "Prøv igen senere" in response.content.decode()


def test_subscribing_is_throttled_per_client(smtp_server, settings, client, trial):
    settings.ALERTS_SUBSCRIBE_RATE_PER_CLIENT = "3/hour"
    for number in range(3):
        assert subscribe(client, f"borger{number}@example.dk", trial.slug).status_code == 200
    response = subscribe(client, "borger9@example.dk", trial.slug)
    assert response.status_code == 429
    assert "For mange tilmeldinger" in response.content.decode()
    assert len(smtp_server.messages) == 3
    # Another client is not held up by this one.
    assert subscribe(client, "borger9@example.dk", trial.slug, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_the_client_behind_the_proxy_is_its_forwarded_address(smtp_server, settings, client, trial):
    settings.ALERTS_SUBSCRIBE_RATE_PER_CLIENT = "1/hour"
    settings.PROXY_COUNT = 1
    behind = {"REMOTE_ADDR": "10.0.0.1"}  # every request comes through the one proxy
    assert subscribe(client, "a@example.dk", trial.slug, HTTP_X_FORWARDED_FOR="192.0.2.1", **behind).status_code == 200
    assert subscribe(client, "b@example.dk", trial.slug, HTTP_X_FORWARDED_FOR="192.0.2.2", **behind).status_code == 200
    # A forged entry further left does not make a new client.
    forged = "203.0.113.9, 192.0.2.1"
    assert subscribe(client, "c@example.dk", trial.slug, HTTP_X_FORWARDED_FOR=forged, **behind).status_code == 429


def test_subscribing_is_throttled_per_address(smtp_server, settings, client, trial):
    settings.ALERTS_SUBSCRIBE_RATE_PER_ADDRESS = "2/hour"
    for number, spelling in enumerate(["borger@example.dk", "BORGER@example.dk"]):
        assert subscribe(client, spelling, trial.slug, REMOTE_ADDR=f"192.0.2.{number}").status_code == 200
    response = subscribe(client, "Borger@Example.dk", trial.slug, REMOTE_ADDR="192.0.2.99")
    assert response.status_code == 429
    assert "For mange tilmeldinger" in response.content.decode()
    assert len(smtp_server.messages) == 2
    assert subscribe(client, "anden@example.dk", trial.slug, REMOTE_ADDR="192.0.2.99").status_code == 200


def test_the_manage_page_lists_the_address_and_removes_one_or_all(client, trial):
    committee = CommitteeFactory(name="Beskæftigelsesudvalget")
    mine = [
        SubscriptionFactory(email="borger@example.dk", trial=trial),
        SubscriptionFactory(email="borger@example.dk", kind="committee", trial=None, committee=committee),
        SubscriptionFactory(email="borger@example.dk", kind="search", trial=None, search_query="mentor"),
    ]
    other = SubscriptionFactory(email="anden@example.dk", trial=trial)
    path = f"/foelg/abonnementer/{tokens.manage_token('borger@example.dk')}/"
    response = client.get(path)
    page = response.content.decode()
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert all(text in page for text in ("Rehabiliteringsteams", "Beskæftigelsesudvalget", "mentor"))
    assert "anden@example.dk" not in page
    assert "csrfmiddlewaretoken" not in page

    response = client.post(path, {"subscription": mine[1].pk})
    assert response.status_code == 302 and response["Location"] == path
    assert set(Subscription.objects.all()) == {mine[0], mine[2], other}
    # Another address's subscription cannot be removed from this page.
    client.post(path, {"subscription": other.pk})
    assert Subscription.objects.filter(pk=other.pk).exists()

    client.post(path, {"all": "1"})
    assert not Subscription.objects.for_email("borger@example.dk").exists()
    assert list(Subscription.objects.all()) == [other]
    assert "følger ikke noget" in client.get(path).content.decode()


def test_one_click_unsubscribe_rfc_8058_deletes_the_address(client, trial):
    SubscriptionFactory(email="borger@example.dk", trial=trial)
    SubscriptionFactory(email="borger@example.dk", kind="search", trial=None, search_query="mentor")
    other = SubscriptionFactory(email="anden@example.dk", trial=trial)
    headers = mail.list_unsubscribe_headers("borger@example.dk", "da")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.fullmatch(r"<(.+)>", headers["List-Unsubscribe"]).group(1)
    assert url.startswith(django_settings.SITE_URL + "/foelg/afmeld/")
    path = url.removeprefix(django_settings.SITE_URL)

    # A GET (a mail scanner fetching links) deletes nothing; it shows a button that POSTs.
    response = Client().get(path)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert 'name="List-Unsubscribe" value="One-Click"' in response.content.decode()
    assert Subscription.objects.count() == 3

    # The mail program's POST, as RFC 8058 describes it: no cookie, no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert list(Subscription.objects.all()) == [other]
    # Again: nothing left, still a plain answer.
    assert (
        Client().post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded").status_code
        == 200
    )


def test_one_click_unsubscribe_of_one_subscription(client, trial):
    one = SubscriptionFactory(email="borger@example.dk", trial=trial)
    kept = SubscriptionFactory(email="borger@example.dk", kind="search", trial=None, search_query="mentor")
    url = re.fullmatch(r"<(.+)>", mail.list_unsubscribe_headers("borger@example.dk", "en", one)["List-Unsubscribe"])
    path = url.group(1).removeprefix(django_settings.SITE_URL)
    assert path.startswith("/en/foelg/afmeld/")
    client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert list(Subscription.objects.all()) == [kept]


def test_a_mail_with_the_unsubscribe_headers_goes_through_smtp(smtp_server, trial):
    """The digest's headers survive a real SMTP hop (send_alerts builds its mails with build_mail)."""
    subscription = SubscriptionFactory(email="borger@example.dk", trial=trial)
    headers = mail.list_unsubscribe_headers(subscription.email, subscription.language)
    message = mail.build_mail(
        "confirm",
        {"subject_label": "x", "confirm_url": "https://example.org/", "privacy_url": "", "max_age_days": 3},
        to=subscription.email,
        language="da",
        headers=headers,
    )
    message.send()
    [received] = smtp_server.messages
    # A long link is folded onto its own line; unfolded it is the same.
    assert received["List-Unsubscribe"].strip() == headers["List-Unsubscribe"]
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_subscribe_post_and_the_manage_page_have_a_fixed_query_count(
    smtp_server, client, trial, django_assert_max_num_queries
):
    committees = CommitteeFactory.create_batch(5)
    for number in range(200):
        SubscriptionFactory(email="borger@example.dk", kind="search", trial=None, search_query=f"ord {number}")
    for committee in committees:
        SubscriptionFactory(email="borger@example.dk", kind="committee", trial=None, committee=committee)
    SubscriptionFactory(email="borger@example.dk", trial=trial)
    with django_assert_max_num_queries(2):
        assert subscribe(client, "borger@example.dk", trial.slug).status_code == 200
    path = f"/foelg/abonnementer/{tokens.manage_token('borger@example.dk')}/"
    # The page cache's version, the subscriptions, the footer's network.
    with django_assert_max_num_queries(3):
        response = client.get(path)
    assert response.content.decode().count('name="subscription"') == 206
    with django_assert_max_num_queries(3):
        assert client.get("/foelg/").status_code == 200


def test_names_from_the_register_are_marked_danish_on_english_pages_and_escaped(client):
    trial = TrialFactory(title="Forsøg <med> “tegn” & mere")
    committee = CommitteeFactory(name="Beskæftigelsesudvalget", municipality=MunicipalityFactory(name="Aalborg"))
    SubscriptionFactory(email="reader@example.org", trial=trial)
    SubscriptionFactory(email="reader@example.org", kind="committee", trial=None, committee=committee)
    SubscriptionFactory(email="reader@example.org", kind="search", trial=None, search_query="<b>ord</b>")
    token = tokens.manage_token("reader@example.org")
    english = client.get(f"/en/foelg/abonnementer/{token}/").content.decode()
    assert '<span lang="da">Forsøg &lt;med&gt; “tegn” &amp; mere</span>' in english
    assert '<span lang="da">Beskæftigelsesudvalget</span>, <span lang="da">Aalborg</span>' in english
    assert "&lt;b&gt;ord&lt;/b&gt;" in english and "<b>ord" not in english
    danish = client.get(f"/foelg/abonnementer/{token}/").content.decode()
    assert "Forsøg &lt;med&gt; “tegn” &amp; mere" in danish
    assert 'lang="da"' not in danish.split("<main")[1]


@pytest.mark.parametrize("value", ["²", "１２", "9" * 40, "-1", "1 OR 1=1", "a\x00b", ""])
def test_a_hostile_manage_post_changes_nothing_and_never_fails(client, trial, value):
    SubscriptionFactory(email="borger@example.dk", trial=trial)
    path = f"/foelg/abonnementer/{tokens.manage_token('borger@example.dk')}/"
    assert client.post(path, {"subscription": value}).status_code == 302
    assert Subscription.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"email": "a\x00@example.dk"},
        {"subject": "forsoeg\x00"},
        {"kind": "search", "subject": "ord\x00"},
        {"kind": "\x00"},
        {"email": "a@example.dk\nBcc: x@example.org"},
        {"email": "x" * 300 + "@example.dk"},
    ],
)
def test_a_hostile_subscribe_post_gives_a_message(smtp_server, client, trial, data):
    response = client.post("/foelg/", {"email": "borger@example.dk", "kind": "trial", "subject": trial.slug, **data})
    assert response.status_code == 400
    assert smtp_server.messages == []
