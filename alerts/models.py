"""E-mail alerts: who follows which subject (a trial, a municipality, a committee or a search).

Only what sending the alerts needs is stored: the address, its subjects, the language of its mails and
three times. An address that asked but never followed the confirmation link is not stored at all (the
request travels in the signed link, alerts/tokens.py), and unsubscribing deletes the rows, so when an
address's last subscription goes, nothing of it remains.
"""

from urllib.parse import urlencode

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from meetings.models import Committee
from trials.models import Municipality, Trial

# As long as the search form takes (search.forms.MAX_QUERY_LENGTH).
SEARCH_QUERY_MAX_LENGTH = 200


def normalize_email(email):
    """One spelling per address: without surrounding spaces, in lower case.

    Strictly the part before @ may be case-sensitive, but no mail provider treats it so, and one
    spelling is what lets the same address not subscribe twice and be throttled as one.
    """
    return (email or "").strip().lower()


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        """The subscriptions that count: their address followed the confirmation link."""
        return self.filter(confirmed_at__isnull=False)

    def for_email(self, email):
        """The subscriptions of one address, however it is spelled (normalize_email)."""
        return self.filter(email=normalize_email(email))


class Subscription(models.Model):
    """One address following one subject, with e-mails in one language.

    The subject is named by `kind` and exactly the one matching field: `trial`, `municipality`,
    `committee` (deleted with their subject) or `search_query` (the words of a search on /soeg/).

    The times:
    - `created_at`: when the row was written, which is when the address confirmed (unconfirmed
      requests are not stored).
    - `confirmed_at`: when the address followed the confirmation link; null means not confirmed, and
      such a row counts for nothing (`confirmed()`). The subscribe flow writes rows confirmed.
    - `last_sent_at`: the digest's high-water mark: every alert about what became public up to this
      time has been sent to this subscription. Null: no digest sent yet, and the first digest starts
      from `confirmed_at` (nothing from before the subscription).
    """

    class Kind(models.TextChoices):
        TRIAL = "trial", _("forsøg")
        MUNICIPALITY = "municipality", _("kommune")
        COMMITTEE = "committee", _("udvalg")
        SEARCH = "search", _("søgning")

    class Language(models.TextChoices):
        DANISH = "da", _("dansk")
        ENGLISH = "en", _("engelsk")

    email = models.EmailField(_("e-mailadresse"), db_index=True)
    kind = models.CharField(_("slags"), max_length=20, choices=Kind.choices)
    trial = models.ForeignKey(
        Trial, verbose_name=_("forsøg"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    committee = models.ForeignKey(
        Committee, verbose_name=_("udvalg"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    search_query = models.CharField(_("søgning"), max_length=SEARCH_QUERY_MAX_LENGTH, blank=True)
    language = models.CharField(_("sprog"), max_length=2, choices=Language.choices, default=Language.DANISH)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bekræftet"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("sidst sendt"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    # The field that names the subject of each kind.
    SUBJECT_FIELDS = {
        Kind.TRIAL: "trial",
        Kind.MUNICIPALITY: "municipality",
        Kind.COMMITTEE: "committee",
        Kind.SEARCH: "search_query",
    }

    class Meta:
        ordering = ["email", "kind", "pk"]
        verbose_name = _("e-mail-abonnement")
        verbose_name_plural = _("e-mail-abonnementer")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="trial",
                        trial__isnull=False,
                        municipality__isnull=True,
                        committee__isnull=True,
                        search_query="",
                    )
                    | Q(
                        kind="municipality",
                        trial__isnull=True,
                        municipality__isnull=False,
                        committee__isnull=True,
                        search_query="",
                    )
                    | Q(
                        kind="committee",
                        trial__isnull=True,
                        municipality__isnull=True,
                        committee__isnull=False,
                        search_query="",
                    )
                    | (
                        Q(kind="search", trial__isnull=True, municipality__isnull=True, committee__isnull=True)
                        & ~Q(search_query="")
                    )
                ),
                name="alerts_subscription_one_subject",
            ),
            models.CheckConstraint(condition=Q(language__in=["da", "en"]), name="alerts_subscription_language"),
            # One subscription per address and subject (confirmed or not: unconfirmed rows are not stored).
            models.UniqueConstraint(
                fields=["email", "trial"], condition=Q(kind="trial"), name="alerts_unique_trial_per_email"
            ),
            models.UniqueConstraint(
                fields=["email", "municipality"],
                condition=Q(kind="municipality"),
                name="alerts_unique_municipality_per_email",
            ),
            models.UniqueConstraint(
                fields=["email", "committee"], condition=Q(kind="committee"), name="alerts_unique_committee_per_email"
            ),
            models.UniqueConstraint(
                fields=["email", "search_query"], condition=Q(kind="search"), name="alerts_unique_search_per_email"
            ),
        ]

    def __str__(self):
        return f"{self.email}: {self.get_kind_display()} {self.subject}"

    @property
    def subject(self):
        """The trial, municipality or committee followed, or the search's words."""
        return getattr(self, self.SUBJECT_FIELDS[self.kind])

    @property
    def subject_url(self):
        """The subject's page (without a language prefix): the object's, or the search's results."""
        return subject_url(self.kind, self.subject)

    @property
    def subject_label(self):
        """The subject in a sentence, in the active language."""
        return subject_label(self.kind, self.subject)

    @property
    def subject_label_html(self):
        """The same as safe HTML, the register's Danish names marked lang="da" on pages in English."""
        return subject_label(self.kind, self.subject, html=True)


def subject_label(kind, subject, html=False):
    """The subject in a sentence, in the active language: "forsøget “…”", "Aalborg Kommune", …

    With html=True, safe HTML in which the names from the register (Danish in every language) carry
    lang="da" when the active language is another (WCAG 3.1.2); a search's words are the reader's own.
    """

    def name(text):
        if not html:
            return text
        if kind == Subscription.Kind.SEARCH or (get_language() or "da").split("-")[0] == "da":
            return conditional_escape(text)
        return format_html('<span lang="da">{}</span>', text)

    if kind == Subscription.Kind.TRIAL:
        template, names = gettext("forsøget “%(title)s”"), {"title": subject.title}
    elif kind == Subscription.Kind.MUNICIPALITY:
        template, names = gettext("%(name)s Kommune"), {"name": subject.name}
    elif kind == Subscription.Kind.COMMITTEE:
        # As Committee.__str__ writes it.
        template, names = (
            gettext("%(name)s, %(municipality)s Kommune"),
            {
                "name": subject.name,
                "municipality": subject.municipality.name,
            },
        )
    else:
        template, names = gettext("søgningen “%(text)s”"), {"text": subject}
    if not html:
        return template % names
    return mark_safe(conditional_escape(template) % {key: name(value) for key, value in names.items()})


def subject_url(kind, subject):
    """The subject's page (in the active language): its own, or the search's results."""
    if kind == Subscription.Kind.SEARCH:
        return reverse("search:search") + "?" + urlencode({"q": subject})
    return subject.get_absolute_url()


class OutboxMail(models.Model):
    """A digest composed and waiting to be handed to the mail server (alerts/digest.py).

    It is written in the same transaction that moves its subscriptions' `last_sent_at` on, so an
    alert is either still to be composed or waiting here: never lost. It is deleted once the
    server has accepted it, and it keeps its Message-ID, so that the one case that can repeat a
    mail (the process dies after the server accepted it and before the deletion was committed)
    repeats it with the same Message-ID. It holds the address and the mail only until then; an
    address that unsubscribes meanwhile gets nothing, and its mail is deleted.
    """

    email = models.EmailField(_("e-mailadresse"))
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    subject = models.CharField(_("emne"), max_length=300)
    text = models.TextField(_("tekst"))
    html = models.TextField(_("HTML"))
    headers = models.JSONField(_("brevhoveder"), default=dict)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(
        _("forsøg"), default=0, help_text=_("Hvor mange gange mailserveren har afvist modtageren.")
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("udgående nyhedsmail")
        verbose_name_plural = _("udgående nyhedsmails")

    def __str__(self):
        return f"{self.email}: {self.subject}"
