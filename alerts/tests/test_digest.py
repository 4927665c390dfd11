"""Tests of the digests (alerts/digest.py, `manage.py send_alerts`), delivered to a real SMTP server (aiosmtpd)."""

import datetime
from io import StringIO
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core import mail as django_mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alerts.digest import DeliveryError, send_alerts
from alerts.models import OutboxMail, Subscription
from alerts.tests.factories import SubscriptionFactory
from meetings.models import CommitteeDecision, Meeting
from meetings.tests import factories as mf
from news.tests.factories import NewsItemFactory
from trials.tests import factories as tf

pytestmark = pytest.mark.django_db

SECRET = "HEMMELIGT-PERSONSAG-4711"
HOUR = datetime.timedelta(hours=1)


@pytest.fixture(autouse=True)
def no_settling(settings):
    # A run reads up to its start less ALERTS_SETTLE_SECONDS; the tests publish and run at once.
    settings.ALERTS_SETTLE_SECONDS = 0
    settings.SITE_URL = "https://frikommune.example.dk"


def subscribe(**kwargs):
    """A subscription confirmed an hour ago (so that what is published now is new to it)."""
    return SubscriptionFactory(confirmed_at=timezone.now() - HOUR, **kwargs)


def recipients(server):
    return [str(message["To"]) for message in server.messages]


def plain(message):
    return message.get_body(("plain",)).get_content()


def html(message):
    return message.get_body(("html",)).get_content()


def draft_decision_on(trial, text="Godkendt som ansøgt."):
    decision = mf.CommitteeDecisionFactory(text=text, is_published=False)
    decision.trials.add(trial)
    return decision


def publish(obj):
    obj = type(obj).objects.get(pk=obj.pk)
    obj.is_published = True
    obj.save()
    return obj


def test_digest_arrives_with_one_click_unsubscribe_text_and_html(smtp_server):
    trial = tf.TrialFactory(title="Fleksibilitet i rehabiliteringsteams")
    subscribe(email="borger@example.dk", trial=trial)
    publish(draft_decision_on(trial, "Udvalget godkender forsøget med rehabiliteringsteams."))

    result = send_alerts()

    assert (result.composed, result.sent) == (1, 1)
    [message] = smtp_server.messages
    assert message["To"] == "borger@example.dk"
    unsubscribe = str(message["List-Unsubscribe"]).strip()  # a long header is folded onto its next line
    assert unsubscribe.startswith("<https://frikommune.example.dk/") and unsubscribe.endswith(">")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Message-ID"]
    assert "Udvalget godkender forsøget med rehabiliteringsteams." in plain(message)
    assert "Udvalget godkender forsøget med rehabiliteringsteams." in html(message)
    assert "Fleksibilitet i rehabiliteringsteams" in plain(message)
    # The body links to the management page and to unsubscribing, as well as the header does.
    assert "/foelg/abonnementer/" in plain(message) and "/foelg/afmeld/" in plain(message)
    assert "/foelg/abonnementer/" in html(message) and "/foelg/afmeld/" in html(message)


def test_a_trial_subscriber_gets_a_decision_once_it_is_published_and_not_before(smtp_server):
    trial = tf.TrialFactory()
    subscribe(email="borger@example.dk", trial=trial)
    decision = draft_decision_on(trial, "Forsøget godkendes.")

    send_alerts()
    assert smtp_server.messages == []

    publish(decision)
    send_alerts()
    assert recipients(smtp_server) == ["borger@example.dk"]
    assert "Forsøget godkendes." in plain(smtp_server.messages[0])


def test_a_decision_of_a_draft_meeting_waits_for_the_meeting(smtp_server):
    trial = tf.TrialFactory()
    subscribe(email="borger@example.dk", trial=trial)
    meeting = mf.MeetingFactory(is_published=False)
    decision = mf.CommitteeDecisionFactory(agenda_item=mf.AgendaItemFactory(meeting=meeting), text="Vedtaget.")
    decision.trials.add(trial)

    send_alerts()
    assert smtp_server.messages == []

    meeting.publish()
    send_alerts()
    [message] = smtp_server.messages
    assert "Vedtaget." in plain(message)


def test_nothing_of_a_closed_item_appears_in_any_mail(smtp_server):
    trial = tf.TrialFactory()
    meeting = mf.MeetingFactory(is_published=False)
    committee = meeting.committee
    open_item = mf.AgendaItemFactory(meeting=meeting, title="Orientering om forsøget")
    open_item.trials.add(trial)
    closed = mf.AgendaItemFactory(
        meeting=meeting, title="Personsag", is_closed=True, decision=SECRET, case_description=SECRET
    )
    closed.trials.add(trial)
    secret_decision = mf.CommitteeDecisionFactory(agenda_item=closed, text=SECRET)
    secret_decision.trials.add(trial)
    mf.DocumentFactory(agenda_item=closed, title=f"Bilag {SECRET}", is_published=False)
    for kwargs in (
        {"trial": trial},
        {"kind": Subscription.Kind.COMMITTEE, "committee": committee},
        {"kind": Subscription.Kind.MUNICIPALITY, "municipality": committee.municipality},
        {"kind": Subscription.Kind.SEARCH, "search_query": "personsag"},
        {"kind": Subscription.Kind.SEARCH, "search_query": SECRET},
    ):
        subscribe(**kwargs)

    meeting.publish()
    send_alerts()

    assert len(smtp_server.messages) == 3  # the meeting, to the trial's, the committee's and the municipality's
    for envelope in smtp_server.envelopes:
        assert SECRET.encode() not in envelope.original_content
    assert not OutboxMail.objects.exists()


def test_a_second_run_sends_nothing_new(smtp_server):
    trial = tf.TrialFactory()
    subscribe(trial=trial)
    publish(draft_decision_on(trial))
    send_alerts()
    assert len(smtp_server.messages) == 1

    result = send_alerts()

    assert len(smtp_server.messages) == 1
    assert (result.composed, result.sent) == (0, 0)


def test_what_is_published_after_a_digest_comes_in_the_next(smtp_server):
    trial = tf.TrialFactory()
    subscribe(email="borger@example.dk", trial=trial)
    publish(draft_decision_on(trial, "Første beslutning."))
    send_alerts()
    publish(draft_decision_on(trial, "Anden beslutning."))

    send_alerts()

    first, second = smtp_server.messages
    assert "Første beslutning." in plain(first) and "Anden beslutning." not in plain(first)
    assert "Anden beslutning." in plain(second) and "Første beslutning." not in plain(second)


def test_one_address_gets_one_digest_for_all_its_subjects(smtp_server):
    trial = tf.TrialFactory(title="Forsøg A")
    committee = mf.CommitteeFactory(name="Beskæftigelsesudvalget")
    subscribe(email="borger@example.dk", trial=trial)
    subscribe(email="borger@example.dk", kind=Subscription.Kind.COMMITTEE, committee=committee)
    subscribe(email="borger@example.dk", kind=Subscription.Kind.SEARCH, search_query="ledighedsydelse")
    publish(draft_decision_on(trial, "Om forsøg A."))
    mf.MeetingFactory(committee=committee)
    NewsItemFactory(title="Ny regel om ledighedsydelse")

    send_alerts()

    [message] = smtp_server.messages
    text = plain(message)
    assert "Om forsøg A." in text
    assert "Beskæftigelsesudvalget" in text
    assert "Ny regel om ledighedsydelse" in text


def test_a_saved_search_finds_new_items_by_their_words_stemmed(smtp_server):
    subscribe(email="stemmer@example.dk", kind=Subscription.Kind.SEARCH, search_query='"rehabiliteringsteams"')
    subscribe(email="to-ord@example.dk", kind=Subscription.Kind.SEARCH, search_query="mentor ledighedsydelse")
    subscribe(email="tegn@example.dk", kind=Subscription.Kind.SEARCH, search_query="-- !")
    NewsItemFactory(title="Nyt om rehabiliteringsteamet", body="Mentorordninger for borgere på ledighedsydelse.")

    send_alerts()

    assert sorted(recipients(smtp_server)) == ["stemmer@example.dk", "to-ord@example.dk"]


def test_a_municipality_follows_decisions_on_the_trials_it_takes_part_in(smtp_server):
    trial = tf.TrialFactory()
    partner = tf.MunicipalityFactory(name="Brønderslev")
    tf.ParticipationFactory(trial=trial, municipality=partner)
    subscribe(email="borger@example.dk", kind=Subscription.Kind.MUNICIPALITY, municipality=partner)

    publish(draft_decision_on(trial, "Aalborgs udvalg har besluttet."))
    send_alerts()

    [message] = smtp_server.messages
    assert "Aalborgs udvalg har besluttet." in plain(message)


def test_an_unconfirmed_address_gets_nothing(smtp_server):
    trial = tf.TrialFactory()
    SubscriptionFactory(trial=trial, confirmed_at=None)
    publish(draft_decision_on(trial))

    send_alerts()

    assert smtp_server.messages == []


def test_nothing_from_before_the_subscription(smtp_server):
    trial = tf.TrialFactory()
    publish(draft_decision_on(trial))
    SubscriptionFactory(trial=trial, confirmed_at=timezone.now())

    send_alerts()

    assert smtp_server.messages == []


def test_what_was_published_within_the_settling_time_waits_for_the_next_run(smtp_server):
    # A publication stamped before a run starts may commit after the run read the data: so a run
    # reads only up to ALERTS_SETTLE_SECONDS before its start, and the next run reads from there.
    trial = tf.TrialFactory()
    subscribe(trial=trial)
    publish(draft_decision_on(trial))

    send_alerts(settle=300)
    assert smtp_server.messages == []

    send_alerts(now=timezone.now() + datetime.timedelta(seconds=301), settle=300)
    assert len(smtp_server.messages) == 1


def test_a_run_that_settles_back_past_a_confirmation_sends_nothing_from_before_it(smtp_server):
    trial = tf.TrialFactory()
    decision = publish(draft_decision_on(trial))
    now = timezone.now()
    before = now - datetime.timedelta(seconds=200)
    CommitteeDecision.objects.filter(pk=decision.pk).update(published_at=before)
    Meeting.objects.filter(agenda_items__decisions=decision).update(published_at=before)
    SubscriptionFactory(trial=trial, confirmed_at=now - datetime.timedelta(seconds=100))

    send_alerts(now=now, settle=300)  # reads up to now - 300 s: the window closes before it opened
    send_alerts(now=now, settle=0)

    assert smtp_server.messages == []


def test_an_english_subscription_gets_english_links(smtp_server):
    trial = tf.TrialFactory()
    subscribe(trial=trial, language=Subscription.Language.ENGLISH)
    publish(draft_decision_on(trial))

    send_alerts()

    [message] = smtp_server.messages
    assert urlsplit(str(message["List-Unsubscribe"]).strip().strip("<>")).path.startswith("/en/")
    assert f"https://frikommune.example.dk/en{trial.get_absolute_url()}" in plain(message)
    # The register's names and the decision's text stay Danish, and say so to a screen reader.
    assert '<span lang="da">Godkendt som ansøgt.</span>' in html(message)


def test_one_click_unsubscribe_deletes_the_address_and_the_next_run_sends_it_nothing(smtp_server, client):
    trial = tf.TrialFactory()
    subscribe(email="borger@example.dk", trial=trial)
    subscribe(email="borger@example.dk", kind=Subscription.Kind.SEARCH, search_query="forsøg")
    subscribe(email="nabo@example.dk", trial=trial)
    publish(draft_decision_on(trial))
    send_alerts()
    [mine] = [m for m in smtp_server.messages if m["To"] == "borger@example.dk"]
    link = urlsplit(str(mine["List-Unsubscribe"]).strip().strip("<>"))

    # RFC 8058: the mail program POSTs this body to the link, without cookies.
    response = client.post(link.path, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert not Subscription.objects.filter(email="borger@example.dk").exists()
    publish(draft_decision_on(trial))
    send_alerts()
    assert recipients(smtp_server).count("borger@example.dk") == 1
    assert recipients(smtp_server).count("nabo@example.dk") == 2


def test_a_digest_waiting_for_an_address_that_unsubscribed_is_dropped(smtp_server):
    trial = tf.TrialFactory()
    subscribe(email="borger@example.dk", trial=trial)
    publish(draft_decision_on(trial))
    with mock.patch("alerts.digest.deliver", return_value=False):
        send_alerts()  # composed, not delivered (as if the process died before delivering)
    assert OutboxMail.objects.count() == 1
    Subscription.objects.filter(email="borger@example.dk").delete()

    result = send_alerts()

    assert smtp_server.messages == []
    assert result.dropped == 1
    assert not OutboxMail.objects.exists()


def failing_data_of_mail(server, n):
    """A handle_DATA for the fixture's server that fails the nth mail it is given (once), then accepts."""
    accept, seen = server.handle_DATA, []

    async def handle_DATA(smtp, session, envelope):
        seen.append(envelope)
        if len(seen) == n:
            return "451 4.3.0 Local error in processing"
        return await accept(smtp, session, envelope)

    return handle_DATA


def refusing_once(refused):
    """A handle_RCPT that refuses these recipients the first time each is offered."""
    refused = set(refused)

    async def handle_RCPT(smtp, session, envelope, address, rcpt_options):
        if address in refused:
            refused.discard(address)
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    return handle_RCPT


@pytest.mark.parametrize("chunk_size", [500, 2])
def test_a_run_the_mail_server_fails_halfway_sends_each_digest_exactly_once_when_resumed(smtp_server, chunk_size):
    trial = tf.TrialFactory()
    addresses = [f"borger{n}@example.dk" for n in range(1, 7)]
    for address in addresses:
        subscribe(email=address, trial=trial)
    publish(draft_decision_on(trial))

    # aiosmtpd looks the hooks up on the handler for each connection, so patching the instance works.
    failing = mock.patch.object(smtp_server, "handle_DATA", failing_data_of_mail(smtp_server, 3))
    with failing, pytest.raises(DeliveryError):
        send_alerts(chunk_size=chunk_size)
    assert recipients(smtp_server) == addresses[:2]

    send_alerts(chunk_size=chunk_size)

    assert sorted(recipients(smtp_server)) == addresses  # each once, the third too
    assert not OutboxMail.objects.exists()
    send_alerts(chunk_size=chunk_size)
    assert len(smtp_server.messages) == len(addresses)


def test_a_refused_recipient_does_not_stop_the_others_and_gets_its_digest_next_time(smtp_server):
    trial = tf.TrialFactory()
    addresses = [f"borger{n}@example.dk" for n in range(1, 5)]
    for address in addresses:
        subscribe(email=address, trial=trial)
    publish(draft_decision_on(trial))

    with mock.patch.object(smtp_server, "handle_RCPT", refusing_once(["borger2@example.dk"]), create=True):
        result = send_alerts()
        assert (result.sent, result.refused) == (3, 1)
        assert sorted(recipients(smtp_server)) == ["borger1@example.dk", "borger3@example.dk", "borger4@example.dk"]

        result = send_alerts()

    assert (result.sent, result.refused) == (1, 0)
    assert sorted(recipients(smtp_server)) == addresses


def test_the_command_reports_and_fails_when_the_server_is_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    trial = tf.TrialFactory()
    subscribe(trial=trial)
    publish(draft_decision_on(trial))

    with pytest.raises(CommandError, match="Mailserveren svigtede"):
        call_command("send_alerts", stdout=StringIO())

    assert OutboxMail.objects.count() == 1  # composed, waiting for the next run
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = StringIO()
    call_command("send_alerts", stdout=out)
    assert len(django_mail.outbox) == 1
    assert "1 sendt" in out.getvalue()


def make_subscribers(count, trials, committees):
    """count confirmed subscriptions over every kind of subject, one address each."""
    kinds = [
        lambda n: {"kind": Subscription.Kind.TRIAL, "trial": trials[n % len(trials)]},
        lambda n: {"kind": Subscription.Kind.COMMITTEE, "committee": committees[n % len(committees)]},
        lambda n: {
            "kind": Subscription.Kind.MUNICIPALITY,
            "municipality": committees[n % len(committees)].municipality,
        },
        lambda n: {"kind": Subscription.Kind.SEARCH, "search_query": f"emne {n % 5}"},
    ]
    Subscription.objects.bulk_create(
        Subscription(
            email=f"person{n}@example.dk",
            confirmed_at=timezone.now() - HOUR,
            **kinds[n % len(kinds)](n),
        )
        for n in range(count)
    )


def publish_a_little_of_everything(trials, committees):
    for n, committee in enumerate(committees):
        meeting = mf.MeetingFactory(committee=committee, is_published=False)
        item = mf.AgendaItemFactory(meeting=meeting, title=f"Punkt om emne {n}")
        item.trials.add(trials[n % len(trials)])
        decision = mf.CommitteeDecisionFactory(agenda_item=item, text=f"Beslutning om emne {n}")
        decision.trials.add(trials[n % len(trials)])
        mf.DocumentFactory(agenda_item=item, is_published=False)
        meeting.publish()
        document = mf.DocumentFactory(title=f"Evaluering af emne {n}", kind="evaluation_report")
        document.trials.add(trials[n % len(trials)])
        news = NewsItemFactory(title=f"Nyt om emne {n}")
        news.trials.add(trials[n % len(trials)])


def run_counting_queries(size, chunk_size, trials, committees):
    """Send for `size` new subscribers; (queries but the outbox's INSERTs, those INSERTs, chunks)."""
    Subscription.objects.all().delete()
    CommitteeDecision.objects.all().delete()
    make_subscribers(size, trials, committees)
    publish_a_little_of_everything(trials, committees)
    django_mail.outbox = []
    with CaptureQueriesContext(connection) as captured:
        result = send_alerts(chunk_size=chunk_size)
    assert result.sent == size == len(django_mail.outbox)
    inserts = [q for q in captured.captured_queries if q["sql"].startswith('INSERT INTO "alerts_outboxmail"')]
    return len(captured) - len(inserts), len(inserts), -(-size // chunk_size)


def outbox_insert_batches(digests, chunk_size):
    """INSERTs bulk_create needs for the digests: one per chunk, more where the database limits
    parameters (SQLite: 999, so one per 124 digests; PostgreSQL: none)."""
    fields = [f for f in OutboxMail._meta.concrete_fields if not f.primary_key]
    per_insert = connection.ops.bulk_batch_size(fields, [OutboxMail()] * chunk_size)
    full, rest = divmod(digests, chunk_size)
    return full * -(-chunk_size // per_insert) + (-(-rest // per_insert) if rest else 0)


@pytest.fixture
def subjects():
    return tf.TrialFactory.create_batch(5), mf.CommitteeFactory.create_batch(5)


def test_in_one_chunk_the_queries_are_the_same_for_20_and_200_subscribers(settings, subjects):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    small, small_inserts, _ = run_counting_queries(20, 500, *subjects)
    large, large_inserts, _ = run_counting_queries(200, 500, *subjects)

    assert small == large
    # The outbox's bulk INSERT is one statement, split only by the database's parameter limit.
    assert (small_inserts, large_inserts) == (outbox_insert_batches(20, 500), outbox_insert_batches(200, 500))


def test_over_chunks_the_queries_grow_by_a_fixed_number_per_chunk_never_per_subscriber(settings, subjects):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    runs = [run_counting_queries(size, 10, *subjects) for size in (20, 60, 200)]

    (q20, _, c20), (q60, _, c60), (q200, _, c200) = runs
    per_chunk = (q60 - q20) / (c60 - c20)
    assert per_chunk == (q200 - q60) / (c200 - c60)
    assert per_chunk <= 10
    assert [inserts for _, inserts, _ in runs] == [outbox_insert_batches(n, 10) for n in (20, 60, 200)]


def test_a_run_for_200_subscribers_stays_under_a_fixed_query_budget(settings, django_assert_max_num_queries):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    trials = tf.TrialFactory.create_batch(5)
    committees = mf.CommitteeFactory.create_batch(5)
    make_subscribers(200, trials, committees)
    publish_a_little_of_everything(trials, committees)

    with django_assert_max_num_queries(30):
        result = send_alerts(chunk_size=500)

    assert result.sent == 200
