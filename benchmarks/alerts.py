"""Benchmark of `send_alerts`: 10,000 subscriptions, 1,000 new public items; its time and its SQL queries.

Run from the repository root (needs `make install-dev`: it builds the data with the tests' factories):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/frikommune .venv/bin/python benchmarks/alerts.py
    .venv/bin/python benchmarks/alerts.py --subscriptions 2000 --items 200 --compare 200   # SQLite, quick

It never touches the database DATABASE_URL names: like the tests, it creates a throw-away database
beside it (test_<name>, migrated), and drops it at the end. The register is small (100 trials,
40 committees in 20 municipalities); the new items are meetings, decisions, documents and news
published through save(), as an editor would, spread over those subjects. The subscriptions are
one per address, a mix of trials (half), committees, municipalities and saved searches, confirmed
before the items were published. Mails go to Django's in-memory backend, so the time is composing,
the database and rendering, not a mail server.

It runs send_alerts once for --compare subscriptions and once for --subscriptions (each time on
new subscriptions and the same items) and prints, for each, the wall time, the digests and the
queries, split into the fixed part and the part per chunk (ALERTS_CHUNK_SIZE addresses).
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def build_register(rng):
    from meetings.tests import factories as mf
    from trials.tests import factories as tf

    municipalities = [tf.MunicipalityFactory() for _ in range(20)]
    committees = [mf.CommitteeFactory(municipality=municipalities[n % 20]) for n in range(40)]
    trials = tf.TrialFactory.create_batch(100)
    for trial in trials:
        for municipality in rng.sample(municipalities, 3):
            tf.ParticipationFactory(trial=trial, municipality=municipality)
    return municipalities, committees, trials


def publish_items(rng, count, committees, trials):
    """count new public items: a tenth meetings (with items on trials), the rest decisions, documents, news."""
    from meetings.tests import factories as mf
    from news.tests.factories import NewsItemFactory

    words = ["ledighedsydelse", "mentor", "rehabilitering", "sygedagpenge", "fleksjob", "løntilskud"]
    meetings = []
    for n in range(count // 10):
        meeting = mf.MeetingFactory(committee=committees[n % len(committees)], is_published=False)
        items = [mf.AgendaItemFactory(meeting=meeting, title=f"Om {rng.choice(words)}") for _ in range(3)]
        for item in items:
            item.trials.add(rng.choice(trials))
        meeting.publish()
        meetings.append((meeting, items))
    rest = count - len(meetings)
    for n in range(rest):
        kind = n % 10
        if kind < 5:  # decisions
            meeting, items = meetings[n % len(meetings)]
            item = rng.choice(items)
            decision = mf.CommitteeDecisionFactory(
                agenda_item=item, text=f"Udvalget godkender forsøget om {rng.choice(words)}."
            )
            decision.trials.set(item.trials.all())
        elif kind < 8:  # evaluation reports on trials
            document = mf.DocumentFactory(kind="evaluation_report", title=f"Evaluering: {rng.choice(words)}")
            document.trials.add(rng.choice(trials))
        else:
            news = NewsItemFactory(title=f"Nyt om {rng.choice(words)}", body="Nyt fra netværket.")
            news.trials.add(rng.choice(trials))


def subscribe(count, offset, committees, trials, confirmed_at):
    from alerts.models import Subscription

    kind = Subscription.Kind
    words = ["ledighedsydelse", "mentor", "rehabilitering", "sygedagpenge", "fleksjob", "løntilskud"]

    def subject(n):
        share = n % 10
        if share < 5:
            return {"kind": kind.TRIAL, "trial": trials[n % len(trials)]}
        if share < 7:
            return {"kind": kind.COMMITTEE, "committee": committees[n % len(committees)]}
        if share < 9:
            return {"kind": kind.MUNICIPALITY, "municipality": committees[n % len(committees)].municipality}
        return {"kind": kind.SEARCH, "search_query": words[n % len(words)]}

    Subscription.objects.bulk_create(
        (
            Subscription(email=f"abonnent{offset + n}@example.dk", confirmed_at=confirmed_at, **subject(n))
            for n in range(count)
        ),
        batch_size=1000,
    )


def measure(size, offset, committees, trials, confirmed_at, chunk_size):
    from django.core import mail
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from alerts.digest import send_alerts
    from alerts.models import OutboxMail, Subscription

    Subscription.objects.all().delete()
    OutboxMail.objects.all().delete()
    subscribe(size, offset, committees, trials, confirmed_at)
    mail.outbox = []
    reset_queries()  # CaptureQueriesContext reads a log of at most 9,000 queries
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = send_alerts(chunk_size=chunk_size, settle=0)
        seconds = time.perf_counter() - start
    assert result.sent == len(mail.outbox), (result, len(mail.outbox))
    chunks = -(-size // chunk_size)
    return seconds, result, len(queries), chunks, mail.outbox


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--compare", type=int, default=1_000, help="a smaller run, to compare the queries")
    parser.add_argument("--items", type=int, default=1_000)
    parser.add_argument("--chunk-size", type=int, default=500)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frikommune.settings")
    import random

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases
    from django.utils import timezone

    # As in production but for the mail: no DEBUG (no query log but the one captured), no
    # setup_test_environment (its instrumented template rendering would be measured too).
    settings.DEBUG = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://frikommune.example.dk"
    print(f"database: {connection.vendor}; creating a throw-away test database …", file=sys.stderr)
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        rng = random.Random(16)
        _municipalities, committees, trials = build_register(rng)
        confirmed_at = timezone.now()
        start = time.perf_counter()
        publish_items(rng, args.items, committees, trials)
        print(f"published {args.items} items in {time.perf_counter() - start:.1f} s", file=sys.stderr)

        rows = []
        for size, offset in ((args.compare, 0), (args.subscriptions, args.compare)):
            seconds, result, queries, chunks, outbox = measure(
                size, offset, committees, trials, confirmed_at, args.chunk_size
            )
            entries = sum(message.body.count("\n- ") for message in outbox)
            rows.append((size, seconds, result, queries, chunks, entries))
        print(f"send_alerts on {connection.vendor}, {args.items} new items, chunks of {args.chunk_size} addresses")
        print(f"{'subscriptions':>13} {'seconds':>8} {'digests':>8} {'entries':>8} {'queries':>8} {'chunks':>7}")
        for size, seconds, result, queries, chunks, entries in rows:
            print(f"{size:>13} {seconds:>8.1f} {result.sent:>8} {entries:>8} {queries:>8} {chunks:>7}")
        (small, _, _, q_small, c_small, _), (large, _, _, q_large, c_large, _) = rows
        if c_large != c_small:
            per_chunk = (q_large - q_small) / (c_large - c_small)
            fixed = q_small - per_chunk * c_small
            print(
                f"queries = {fixed:.0f} fixed + {per_chunk:.1f} per chunk "
                f"({large // small}× the subscribers: {q_large - q_small} more queries, "
                f"{c_large - c_small} more chunks)"
            )
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
