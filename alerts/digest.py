"""The digests: one mail per address with what became public on its subjects since its last digest.

`send_alerts()` (the `send_alerts` command, run from cron) works in three steps:

1. **What is new.** The window of a subscription is (since, until]: since is its `last_sent_at`, or
   its `confirmed_at` before its first digest; until is the run's start less ALERTS_SETTLE_SECONDS,
   so that a row stamped `published_at` inside a transaction that had not yet committed when the run
   read the data still falls in the next run's window. The new public decisions, meetings, documents
   and news of the widest window (the smallest since of all due subscriptions) are read once per run,
   a fixed number of queries per kind, through each model's public() QuerySet (never a draft, never
   a closed item's decision or attachment); each subscription then takes, in Python, those on its
   subjects that became public after its own since. A row became public at the latest of its own
   `published_at` and its meeting's (a decision or attachment is public only once its meeting is).

2. **Compose** (per chunk of ALERTS_CHUNK_SIZE addresses, in one transaction): lock the chunk's due
   subscriptions (SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL, so a second run at the same time
   skips them), write each address's digest to the outbox (OutboxMail, with its Message-ID) and move
   every locked subscription's `last_sent_at` to until, then commit. From then on the alert is
   either still to compose (its window has not moved) or waiting in the outbox: a crash loses nothing
   and never composes it twice.

3. **Deliver** the outbox over one SMTP connection, oldest first, its rows locked the same way, and
   delete what the server accepted (one DELETE per chunk). A recipient the server refuses stays in
   the outbox for the next run (ALERTS_MAX_ATTEMPTS times at most); a server that fails stops the run
   after deleting what it had accepted, and the next run delivers the rest, each mail once.

   What remains: if the process dies after the server accepted mails and before the chunk's DELETE
   commits, the next run sends those mails (at most one chunk) again, with the same Message-ID, which
   many mail systems use to drop the repeat. SMTP gives no way to close that gap: the server's
   acceptance and our commit cannot be one transaction.

The queries of a run: a fixed number to read what is new, plus a fixed number per chunk (see
docs/alerts.md), so they grow with the number of chunks, never per subscriber.
"""

import contextlib
import datetime
import logging
import re
import smtplib
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import make_msgid
from django.db import transaction
from django.db.models import F, Min, Prefetch, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from meetings.models import AgendaItem, CommitteeDecision, Document, Meeting
from news.models import NewsItem
from search.backends import stem
from trials.models import Participation, Trial

from . import mail
from .models import OutboxMail, Subscription

logger = logging.getLogger(__name__)

Kind = Subscription.Kind


class DeliveryError(Exception):
    """The mail server failed; what it had not accepted waits in the outbox for the next run."""


@dataclass
class RunResult:
    subscriptions: int = 0  # due subscriptions whose window moved on
    composed: int = 0  # digests written to the outbox
    sent: int = 0  # digests the server accepted
    refused: int = 0  # digests whose recipient the server refused (kept for the next run)
    dropped: int = 0  # digests dropped: the address unsubscribed, or was refused too often
    refused_ids: set = field(default_factory=set)  # not offered again in this run


@dataclass
class Entry:
    """One new public thing, as a digest lists it, and the subjects it is about."""

    kind: str  # "decision", "meeting", "document", "news"
    obj: object
    published_at: datetime.datetime
    trials: frozenset = frozenset()
    committee: int | None = None
    municipality: int | None = None
    text: str = ""  # what a saved search is matched against, lower case
    _paths: dict = field(default_factory=dict)  # per language
    _rendered: dict = field(default_factory=dict)  # per language

    def url(self, language):
        """The absolute URL in the language, computed once per language."""
        if language not in self._paths:
            with translation.override(language):
                self._paths[language] = mail.absolute_url(entry_path(self))
        return self._paths[language]

    def rendered(self, language):
        """Its lines in a digest (digest_entry.txt and .html), rendered once per language and run.

        Most entries go to many addresses: rendering each once, not once per digest, is most of
        what keeps composing 10,000 digests fast.
        """
        if language not in self._rendered:
            context = {"entry": {"kind": self.kind, "obj": self.obj, "url": self.url(language)}}
            with translation.override(language):
                self._rendered[language] = {
                    "text": render_to_string("alerts/mail/digest_entry.txt", context).rstrip("\n"),
                    "html": render_to_string("alerts/mail/digest_entry.html", context),  # a SafeString
                }
        return self._rendered[language]


# What an entry reads of the agenda item it hangs on: the item as the public may see it, and its meeting.
AGENDA_ITEM_FIELDS = (
    *(f"agenda_item__{name}" for name in AgendaItem.PUBLIC_FIELDS_WHEN_CLOSED),
    "agenda_item__meeting__date",
    "agenda_item__meeting__published_at",
    "agenda_item__meeting__committee__slug",
    "agenda_item__meeting__committee__name",
)


def entry_path(entry):
    obj = entry.obj
    if entry.kind == "decision":
        if obj.agenda_item_id:
            return f"{obj.agenda_item.meeting.get_absolute_url()}#beslutning-{obj.pk}"
        return obj.committee.get_absolute_url()
    if entry.kind == "document":
        if obj.is_downloadable:
            return reverse("meetings:document_download", args=[obj.pk])
        if obj.agenda_item_id:
            return obj.agenda_item.get_absolute_url()
        if obj.meeting_id:
            return obj.meeting.get_absolute_url()
        trial = next(iter(obj.trials.all()), None)
        return trial.get_absolute_url() if trial else reverse("news:list")
    return obj.get_absolute_url()


def latest(*times):
    """The latest of the times that are set: when a row and everything it depends on were public."""
    return max(time for time in times if time is not None)


def window(lookups, since, until):
    """Rows of which one of the stamps is after since, and none after until."""
    after = Q()
    for lookup in lookups:
        after |= Q(**{f"{lookup}__gt": since})
    condition = after
    for lookup in lookups:
        condition &= Q(**{f"{lookup}__isnull": True}) | Q(**{f"{lookup}__lte": until})
    return condition


def words(*parts):
    return " ".join(part for part in parts if part).lower()


def new_entries(since, until):
    """Everything that became public in (since, until], as Entries, in a fixed number of queries."""
    public_trials = Prefetch("trials", queryset=Trial.objects.public().only("pk", "slug", "title"))
    entries = []

    decisions = (
        CommitteeDecision.objects.public()
        .filter(window(["published_at", "agenda_item__meeting__published_at"], since, until))
        .select_related("committee__municipality", "agenda_item__meeting__committee")
        .only(
            "pk",
            "text",
            "outcome",
            "decided_on",
            "published_at",
            "committee__name",
            "committee__slug",
            "committee__municipality__name",
            *AGENDA_ITEM_FIELDS,
        )
        .prefetch_related(public_trials)
        .order_by("pk")
    )
    for decision in decisions:
        meeting = decision.agenda_item.meeting if decision.agenda_item_id else None
        entries.append(
            Entry(
                "decision",
                decision,
                latest(decision.published_at, meeting.published_at if meeting else None),
                frozenset(trial.pk for trial in decision.trials.all()),
                decision.committee_id,
                decision.committee.municipality_id,
                words(decision.text, decision.committee.name, decision.agenda_item.title if meeting else ""),
            )
        )

    meetings = list(
        Meeting.objects.public()
        .filter(window(["published_at"], since, until))
        .select_related("committee__municipality")
        .order_by("date", "pk")
    )
    # The trials and titles of their open items (a closed item's trials are not public).
    items = (
        AgendaItem.objects.open()
        .filter(meeting__in=[meeting.pk for meeting in meetings])
        .prefetch_related(Prefetch("trials", queryset=Trial.objects.public().only("pk")))
        .only("pk", "meeting_id", "title")
    )
    meeting_trials, meeting_titles = defaultdict(set), defaultdict(list)
    for item in items if meetings else []:
        meeting_trials[item.meeting_id].update(trial.pk for trial in item.trials.all())
        meeting_titles[item.meeting_id].append(item.title)
    for meeting in meetings:
        entries.append(
            Entry(
                "meeting",
                meeting,
                meeting.published_at,
                frozenset(meeting_trials[meeting.pk]),
                meeting.committee_id,
                meeting.committee.municipality_id,
                words(meeting.committee.name, meeting.place, *meeting_titles[meeting.pk]),
            )
        )

    documents = (
        Document.objects.public()
        .filter(window(["published_at", "meeting__published_at", "agenda_item__meeting__published_at"], since, until))
        .select_related("meeting__committee", "agenda_item__meeting__committee")
        .only(
            "pk",
            "title",
            "kind",
            "file",
            "is_file_public",
            "date",
            "published_at",
            "meeting__date",
            "meeting__published_at",
            "meeting__committee__slug",
            "meeting__committee__name",
            *AGENDA_ITEM_FIELDS,
        )
        .prefetch_related(public_trials)
        .order_by("pk")
    )
    for document in documents:
        item_meeting = document.agenda_item.meeting if document.agenda_item_id else None
        entries.append(
            Entry(
                "document",
                document,
                latest(
                    document.published_at,
                    document.meeting.published_at if document.meeting_id else None,
                    item_meeting.published_at if item_meeting else None,
                ),
                frozenset(trial.pk for trial in document.trials.all()),
                text=words(document.title),
            )
        )

    news = (
        NewsItem.objects.public()
        .filter(window(["published_at"], since, until))
        .prefetch_related(public_trials)
        .order_by("date", "pk")
    )
    for item in news:
        entries.append(
            Entry(
                "news",
                item,
                item.published_at,
                frozenset(trial.pk for trial in item.trials.all()),
                text=words(item.title, item.body),
            )
        )
    return entries


class Index:
    """The new entries by subject, to hand each subscription its own in Python."""

    def __init__(self, entries):
        self.entries = entries
        self.by_trial, self.by_committee, self.by_municipality = defaultdict(list), defaultdict(list), defaultdict(list)
        trials = set().union(*(entry.trials for entry in entries)) if entries else set()
        # A municipality follows its committees and the decisions on the trials it takes part in.
        takes_part = defaultdict(set)
        for trial, municipality in Participation.objects.filter(trial__in=trials).values_list("trial", "municipality"):
            takes_part[trial].add(municipality)
        for entry in entries:
            for trial in entry.trials:
                self.by_trial[trial].append(entry)
            if entry.committee is not None:
                self.by_committee[entry.committee].append(entry)
            municipalities = {entry.municipality} - {None}
            if entry.kind == "decision":
                for trial in entry.trials:
                    municipalities |= takes_part[trial]
            for municipality in municipalities:
                self.by_municipality[municipality].append(entry)
        self._searches = {}

    def searched(self, text):
        """Entries holding every word of the search, stemmed as the search's fallback does.

        Only the words count (quotes and other signs of the search syntax are left out); a search
        with no word finds nothing.
        """
        if text not in self._searches:
            terms = [stem(word).lower() for word in re.findall(r"\w+", text)]
            self._searches[text] = [
                entry for entry in self.entries if terms and all(term in entry.text for term in terms)
            ]
        return self._searches[text]

    def for_subscription(self, subscription, since):
        if subscription.kind == Kind.TRIAL:
            found = self.by_trial.get(subscription.trial_id, [])
        elif subscription.kind == Kind.COMMITTEE:
            found = self.by_committee.get(subscription.committee_id, [])
        elif subscription.kind == Kind.MUNICIPALITY:
            found = self.by_municipality.get(subscription.municipality_id, [])
        else:
            found = self.searched(subscription.search_query)
        return [entry for entry in found if entry.published_at > since]


def since_of(subscription):
    """Where the subscription's window starts: its last digest, and never before it was confirmed
    (a run that settles back past a new confirmation closes a window that started later)."""
    return latest(subscription.last_sent_at, subscription.confirmed_at)


def due(until):
    """Confirmed subscriptions whose window is not yet closed at until."""
    return Subscription.objects.confirmed().filter(Q(last_sent_at__isnull=True) | Q(last_sent_at__lt=until))


def compose(email, subscriptions, index):
    """The address's digest as an unsaved OutboxMail, or None if nothing new is on its subjects."""
    language = max(subscriptions, key=lambda s: (s.confirmed_at, s.pk)).language
    sections = []
    for subscription in subscriptions:
        if subscription.kind == Kind.TRIAL and not subscription.trial.is_published:
            continue  # a trial withdrawn since: its title is no longer public
        found = index.for_subscription(subscription, since_of(subscription))
        if found:
            sections.append((subscription, found))
    if not sections:
        return None
    with translation.override(language):
        context = {
            "sections": [
                {
                    "label": subscription.subject_label,
                    "label_html": subscription.subject_label_html,
                    "url": mail.absolute_url(subscription.subject_url),
                    "entries": [entry.rendered(language) for entry in found],
                }
                for subscription, found in sections
            ],
            "count": sum(len(found) for _, found in sections),
            "manage_url": mail.manage_url(email, language),
            "unsubscribe_url": mail.unsubscribe_url(email, language),
        }
    message_id = make_msgid(domain=urlsplit(settings.SITE_URL).hostname or "localhost")
    headers = {**mail.list_unsubscribe_headers(email, language), "Message-ID": message_id}
    message = mail.build_mail("digest", context, to=email, language=language, headers=headers)
    return OutboxMail(
        email=email,
        message_id=message_id,
        subject=message.subject,
        text=message.body,
        html=message.alternatives[0][0],
        headers=headers,
    )


def as_message(outbox_mail, connection):
    message = EmailMultiAlternatives(
        outbox_mail.subject,
        outbox_mail.text,
        to=[outbox_mail.email],
        headers=outbox_mail.headers,
        connection=connection,
    )
    message.attach_alternative(outbox_mail.html, "text/html")
    return message


def lock(queryset):
    """The rows locked for this transaction, skipping those another run holds (PostgreSQL; SQLite locks the file)."""
    return queryset.select_for_update(skip_locked=True, of=("self",))


def compose_chunk(emails, until, index, result):
    """Compose the digests of these addresses and close their windows, in one transaction."""
    with transaction.atomic():
        subscriptions = list(
            lock(due(until).filter(email__in=emails))
            .select_related("trial", "municipality", "committee__municipality")
            .order_by("email", "pk")
        )
        by_email = defaultdict(list)
        for subscription in subscriptions:
            by_email[subscription.email].append(subscription)
        outbox = [digest for email, subs in by_email.items() if (digest := compose(email, subs, index))]
        OutboxMail.objects.bulk_create(outbox)
        # One UPDATE for the chunk: every window locked here now ends at until.
        Subscription.objects.filter(pk__in=[s.pk for s in subscriptions]).update(last_sent_at=until)
    result.subscriptions += len(subscriptions)
    result.composed += len(outbox)


def deliver(result, limit):
    """Hand up to `limit` waiting digests to the mail server; True if some may remain."""
    max_attempts = settings.ALERTS_MAX_ATTEMPTS
    failure = None
    with transaction.atomic():
        waiting = list(lock(OutboxMail.objects.exclude(pk__in=result.refused_ids).order_by("pk"))[:limit])
        if not waiting:
            return False
        subscribed = set(
            Subscription.objects.confirmed()
            .filter(email__in={row.email for row in waiting})
            .values_list("email", flat=True)
            .distinct()
        )
        done, refused = [], []
        connection = get_connection(fail_silently=False)
        try:
            connection.open()
            for row in waiting:
                if row.email not in subscribed:
                    done.append(row.pk)
                    result.dropped += 1
                    continue
                try:
                    connection.send_messages([as_message(row, connection)])
                except smtplib.SMTPRecipientsRefused:
                    refused.append(row)
                    continue
                done.append(row.pk)
                result.sent += 1
        except (smtplib.SMTPException, OSError) as error:
            failure = error  # what the server accepted is deleted below, the rest waits
        finally:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                connection.close()
        given_up = [row.pk for row in refused if row.attempts + 1 >= max_attempts]
        for row in refused:
            logger.warning("The mail server refused %s (%d. time).", row.email, row.attempts + 1)
        OutboxMail.objects.filter(pk__in=done + given_up).delete()
        if len(given_up) < len(refused):
            OutboxMail.objects.filter(pk__in=[row.pk for row in refused if row.pk not in given_up]).update(
                attempts=F("attempts") + 1
            )
        result.refused += len(refused) - len(given_up)
        result.refused_ids.update(row.pk for row in refused)
        result.dropped += len(given_up)
    if failure is not None:
        raise DeliveryError(str(failure)) from failure
    return len(waiting) == limit


def send_alerts(now=None, chunk_size=None, settle=None, result=None):
    """Compose and deliver the digests due at `now` (default: the clock). Returns a RunResult.

    Raises DeliveryError if the mail server fails (`result`, if given, then holds what was done);
    run it again to deliver the rest.
    """
    chunk_size = chunk_size or settings.ALERTS_CHUNK_SIZE
    settle = datetime.timedelta(seconds=settings.ALERTS_SETTLE_SECONDS if settle is None else settle)
    until = (now or timezone.now()) - settle
    result = result if result is not None else RunResult()

    # What an earlier run composed and could not deliver goes first.
    while deliver(result, chunk_size):
        pass

    since = due(until).aggregate(since=Min(Coalesce("last_sent_at", "confirmed_at")))["since"]
    if since is None:
        return result
    index = Index(new_entries(since, until))
    after = ""
    while True:
        emails = list(
            due(until).filter(email__gt=after).order_by("email").values_list("email", flat=True).distinct()[:chunk_size]
        )
        if not emails:
            break
        compose_chunk(emails, until, index, result)
        deliver(result, chunk_size)  # at most chunk_size were composed; what is left waits for the end
        after = emails[-1]
    while deliver(result, chunk_size):
        pass
    return result
