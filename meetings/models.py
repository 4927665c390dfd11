"""Committees, their meetings, attendance, agenda items, decisions and files."""

import calendar
import datetime
import functools
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connections, models
from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, Value, When
from django.db.models.functions import Coalesce
from django.db.models.query import ModelIterable
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from editors import roles
from frikommune.publishing import PublicationStamp
from frikommune.reversing import object_url
from news.models import NewsItem
from trials.models import Evaluation, Municipality, PublicQuerySet, SourcedModel, TimestampedModel, Trial

from . import files

# What lists of agenda items and decisions never show of the rows they read along (deferred, so not
# decoded: a list of 40 decisions read some 500 timestamps): when a row was written, and long texts.
WRITTEN_AT = ("created", "modified")
AGENDA_ITEM_UNLISTED = (*WRITTEN_AT, "text", "decision", "case_description")
MEETING_UNLISTED = (*WRITTEN_AT, "other_participants", "other_information", "committee__created", "committee__modified")


class CommitteeQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def with_public_meetings(self):
        """Committees with at least one published meeting: a semi-join (EXISTS), where a join and
        DISTINCT sorted every meeting's row (9 ms for 5,000 meetings)."""
        return self.filter(Exists(Meeting.objects.public().filter(committee=OuterRef("pk"))))

    def labelled(self):
        """[(slug, label)], the label being what str() of each committee says, for a select of many
        committees: no model instances, and the label's translation looked up once."""
        label = str(Committee.LABEL)
        rows = self.values_list("slug", "name", "municipality__name")
        return [(slug, label % {"name": name, "municipality": municipality}) for slug, name, municipality in rows]

    def editable_by(self, user):
        """The committees the user keeps: all for the network; an Udvalgssekretær's own.

        The CommitteeSecretary links say what a user keeps; the role's group says what they may do with it.
        """
        if roles.is_network_wide(user):
            return self.all()
        return self.filter(pk__in=CommitteeSecretary.objects.filter(user=user).values("committee"))


class CommitteeRecordQuerySet(models.QuerySet):
    """For what a committee keeps (meetings, items, decisions): editable by those who keep the committee.

    `committee_lookup` is the path from the model to its committee.
    """

    committee_lookup = "committee"

    def editable_by(self, user):
        if roles.is_network_wide(user):
            return self.all()
        return self.filter(**{f"{self.committee_lookup}__in": Committee.objects.editable_by(user)})


class Committee(TimestampedModel):
    """A municipal committee whose meetings concern the trials (e.g. Beskæftigelsesudvalget)."""

    name = models.CharField(_("navn"), max_length=200)
    abbreviation = models.CharField(_("forkortelse"), max_length=20, blank=True)
    slug = models.SlugField(_("kortnavn"), max_length=200, unique=True)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT, related_name="committees"
    )
    council = models.CharField(_("byråd"), max_length=200, blank=True)

    objects = CommitteeQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("udvalg")
        verbose_name_plural = _("udvalg")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_committee_name_per_municipality"),
        ]

    # How the public pages name a committee: committees of different municipalities share names.
    LABEL = _("%(name)s, %(municipality)s Kommune")

    def __str__(self):
        return self.LABEL % {"name": self.name, "municipality": self.municipality}

    def get_absolute_url(self):
        return object_url("meetings:committee_detail", committee=self.slug)

    def natural_key(self):
        return (self.slug,)


def months_before(date, months):
    """The same day `months` months earlier, or that month's last day if it is shorter (31 May: 28 February)."""
    year, month = divmod(date.year * 12 + date.month - 1 - months, 12)
    return datetime.date(year, month + 1, min(date.day, calendar.monthrange(year, month + 1)[1]))


class MeetingQuerySet(CommitteeRecordQuerySet, PublicQuerySet):
    # How many past meetings a committee's calendar holds besides its upcoming ones.
    CALENDAR_PAST_MEETINGS = 100
    # How many months back the portal's calendar of every committee goes.
    CALENDAR_PAST_MONTHS = 3

    def in_calendar_window(self, today):
        """The meetings of the last three months and every upcoming one (the portal's calendar of every
        committee: some 250 meetings nationally, where twelve months made a 2 MB file; each committee's
        and municipality's own calendar goes further back)."""
        return self.filter(date__gte=months_before(today, self.CALENDAR_PAST_MONTHS))

    def latest_and_upcoming(self, today, past=CALENDAR_PAST_MEETINGS):
        """Every meeting from today on and the `past` latest before it (a committee's calendar)."""
        latest = self.filter(date__lt=today).order_by("-date", "-pk").values("pk")[:past]
        return self.filter(Q(date__gte=today) | Q(pk__in=latest))

    def with_public_agenda(self, preview=False):
        """Meetings with their agenda as the public may see it (closed items: title only).

        preview: as the public will see a draft once it is published, without its documents and decisions.
        """
        agenda = AgendaItem.objects.previewed() if preview else AgendaItem.objects.public()
        documents = Document.objects.none() if preview else Document.objects.public()
        return self.select_related("committee__municipality").prefetch_related(
            Prefetch("agenda_items", queryset=agenda),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("agenda_item").only(*Attendance.PUBLIC_FIELDS),
            ),
            Prefetch(
                "documents",
                queryset=documents.filter(agenda_item__isnull=True),
                to_attr="meeting_documents",
            ),
        )


class Meeting(PublicationStamp, SourcedModel, TimestampedModel):
    """A meeting of a committee."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        HELD = "held", _("Afholdt")
        CANCELLED = "cancelled", _("Aflyst")

    committee = models.ForeignKey(
        Committee, verbose_name=_("udvalg"), on_delete=models.PROTECT, related_name="meetings"
    )
    date = models.DateField(_("dato"))
    start_time = models.TimeField(_("starttidspunkt"), null=True, blank=True)
    end_time = models.TimeField(_("sluttidspunkt"), null=True, blank=True)
    place = models.CharField(_("sted"), max_length=300, blank=True)
    state = models.CharField(_("tilstand"), max_length=20, choices=State.choices, default=State.PLANNED)
    other_participants = models.TextField(
        _("øvrige deltagere"), blank=True, help_text=_("Teksten fra referatets felt “Øvrige deltagere”.")
    )
    other_information = models.TextField(_("øvrige oplysninger"), blank=True)
    is_published = models.BooleanField(_("offentliggjort"), default=False)
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "committee__name"]
        # Meetings newest first (the decision feed's undated decisions, calendars' windows).
        indexes = [models.Index(F("date").desc(), F("id").desc(), name="meeting_newest")]
        get_latest_by = "date"
        verbose_name = _("møde")
        verbose_name_plural = _("møder")
        constraints = [
            models.UniqueConstraint(fields=["committee", "date"], name="unique_meeting_per_day"),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=models.F("start_time")),
                name="meeting_ends_after_start",
                violation_error_message=_("Mødet skal slutte efter, det begynder."),
            ),
        ]

    def __str__(self):
        return f"{self.committee.name} {self.date:%d.%m.%Y}"

    def get_absolute_url(self):
        return object_url("meetings:meeting_detail", committee=self.committee.slug, date=self.date)

    @property
    def imported_minutes(self):
        """The minutes file the meeting was imported from, if public (read from the prefetch)."""
        return next((document for document in self.meeting_documents if document.is_import_source), None)

    @property
    def other_meeting_documents(self):
        """The meeting's own public documents besides the imported minutes file (read from the prefetch)."""
        return [document for document in self.meeting_documents if not document.is_import_source]

    @property
    def agenda_held_out_of_number_order(self):
        """Whether the items were handled in another order than their numbers (read from the prefetch)."""
        numbers = [item.number for item in self.agenda_items.all()]
        return numbers != sorted(numbers)

    def publish(self, user=None):
        """Publish the meeting with its documents: its own and its open items' attachments.

        Returns (documents published now, attachments of closed items, which stay hidden).
        Each document is saved on its own, so history and the search index follow.
        """
        self.is_published = True
        self._history_user = user
        self.save(update_fields=["is_published", "modified"])
        documents = Document.objects.filter(Q(meeting=self) | Q(agenda_item__meeting=self))
        published = 0
        for document in documents.filter(is_published=False).exclude(agenda_item__is_closed=True):
            document.is_published = True
            document.save(update_fields=["is_published", "modified"])
            published += 1
        return published, documents.filter(agenda_item__is_closed=True).count()

    def _attendances_of(self, kind):
        # Reads the (usually prefetched) attendances, so the page asks the database once.
        return [attendance for attendance in self.attendances.all() if attendance.kind == kind]

    @property
    def present(self):
        return self._attendances_of(Attendance.Kind.PRESENT)

    @property
    def apologies(self):
        return self._attendances_of(Attendance.Kind.APOLOGIES)

    @property
    def other_attendees(self):
        return self._attendances_of(Attendance.Kind.OTHER)


class Attendance(TimestampedModel):
    """A person's attendance at a meeting: present, sent apologies (afbud), or other participant."""

    # What the meeting page needs; the item is only named by its number, so a closed one is safe.
    PUBLIC_FIELDS = (
        "meeting",
        "name",
        "kind",
        "role",
        "position",
        "agenda_item__id",
        "agenda_item__number",
    )

    class Kind(models.TextChoices):
        PRESENT = "present", _("Til stede")
        APOLOGIES = "apologies", _("Afbud")
        OTHER = "other", _("Øvrige deltagere")

    meeting = models.ForeignKey(Meeting, verbose_name=_("møde"), on_delete=models.CASCADE, related_name="attendances")
    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("deltagelse"), max_length=20, choices=Kind.choices)
    role = models.CharField(_("rolle"), max_length=200, blank=True, help_text=_("Fx “ref.” for referenten."))
    agenda_item = models.ForeignKey(
        "AgendaItem",
        verbose_name=_("kun under punkt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attendances",
    )
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        ordering = ["meeting", "kind", "position", "name"]
        verbose_name = _("deltager")
        verbose_name_plural = _("deltagere")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "name"], name="unique_attendance"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"


class LazyPrefetch(Prefetch):
    """A Prefetch whose queryset is made when the prefetch needs it: making Document.objects.public()
    costs milliseconds, and most lists of agenda items drop the prefetches again (listed())."""

    def __init__(self, lookup, make_queryset):
        super().__init__(lookup)
        self.make_queryset = make_queryset

    @property
    def queryset(self):
        if self._queryset is None:
            self._queryset = self.make_queryset()
        return self._queryset

    @queryset.setter
    def queryset(self, value):
        self._queryset = value


class PublicAgendaItemIterable(ModelIterable):
    """Yields agenda items as the public may see them: a closed item keeps its title only."""

    def __iter__(self):
        for item in super().__iter__():
            if item.is_closed:
                item.withhold_closed_fields()
            yield item


class AgendaItemQuerySet(CommitteeRecordQuerySet):
    committee_lookup = "meeting__committee"

    def open(self):
        return self.filter(is_closed=False)

    def listed(self):
        """As a list of items shows them (committee, date, number, title): with meeting and committee,
        and without the attachments, decisions and trials that public() prefetches for an item's own page."""
        return (
            self.prefetch_related(None)
            .select_related("meeting__committee")
            .defer(*AGENDA_ITEM_UNLISTED, *(f"meeting__{name}" for name in MEETING_UNLISTED))
        )

    def closed(self):
        return self.filter(is_closed=True)

    def of_published_meetings(self):
        return self.filter(meeting__is_published=True)

    def public(self):
        """Items of published meetings, the one way public pages, search and feeds read them.

        A closed item comes back with every field but its title, number and position blanked,
        and with no attachments, decisions or trials; an open item comes back whole with its
        public attachments, published decisions and published trials prefetched.
        """
        qs = self.of_published_meetings().prefetch_related(
            LazyPrefetch("attachments", lambda: Document.objects.public().order_by("position", "title", "pk")),
            LazyPrefetch("decisions", lambda: CommitteeDecision.objects.public().order_by("pk")),
            Prefetch("trials", queryset=Trial.objects.public()),
        )
        return qs._withholding_closed_fields()

    def previewed(self):
        """Items of any meeting as the public will see them, without attachments and decisions, which
        become public with the meeting (an editor's preview of a draft)."""
        qs = self.prefetch_related(
            Prefetch("attachments", queryset=Document.objects.none()),
            Prefetch("decisions", queryset=CommitteeDecision.objects.none()),
            Prefetch("trials", queryset=Trial.objects.public()),
        )
        return qs._withholding_closed_fields()

    def _withholding_closed_fields(self):
        clone = self._chain()
        clone._iterable_class = PublicAgendaItemIterable
        return clone

    def concerning(self, trial):
        """Items linked to the trial."""
        return self.filter(trials=trial)


class AgendaItem(SourcedModel, TimestampedModel):
    """An item on a meeting's agenda (punkt), as printed in the minutes."""

    class ProposalKind(models.TextChoices):
        RECOMMENDS = "indstiller", _("indstiller")
        FORWARDS = "fremsender", _("fremsender")

    # Everything but these fields is withheld from the public when an item is closed.
    PUBLIC_FIELDS_WHEN_CLOSED = ("id", "meeting", "number", "position", "title", "is_closed")

    meeting = models.ForeignKey(Meeting, verbose_name=_("møde"), on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveSmallIntegerField(_("punkt nr."), help_text=_("Nummeret som trykt."))
    position = models.PositiveSmallIntegerField(
        _("behandlet som nr."), help_text=_("Rækkefølgen punkterne blev behandlet i.")
    )
    title = models.CharField(_("titel"), max_length=400)
    case_number = models.CharField(_("sagsnr."), max_length=50, blank=True)
    is_closed = models.BooleanField(
        _("lukket punkt"), default=False, help_text=_("Et lukket punkt viser kun sin titel offentligt.")
    )
    proposal_kind = models.CharField(_("forvaltningen"), max_length=20, choices=ProposalKind.choices, blank=True)
    proposal = models.TextField(_("indstilling"), blank=True)
    text = models.TextField(
        _("tekst"), blank=True, help_text=_("Tekst uden overskrift før beslutningen, fx et program.")
    )
    decision = models.TextField(_("beslutning"), blank=True)
    case_description = models.TextField(_("sagsbeskrivelse"), blank=True)
    page = models.PositiveSmallIntegerField(_("side"), null=True, blank=True)
    trials = models.ManyToManyField(Trial, verbose_name=_("forsøg"), blank=True, related_name="agenda_items")
    history = HistoricalRecords(m2m_fields=[trials])

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("dagsordenspunkt")
        verbose_name_plural = _("dagsordenspunkter")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="unique_item_number"),
            models.UniqueConstraint(fields=["meeting", "position"], name="unique_item_position"),
        ]

    def __str__(self):
        return _("Punkt %(number)s. %(title)s") % {"number": self.number, "title": self.title}

    @classmethod
    def withheld_fields(cls):
        """The concrete fields a closed item keeps from the public."""
        public = set(cls.PUBLIC_FIELDS_WHEN_CLOSED)
        return [
            field for field in cls._meta.concrete_fields if field.name not in public and field.attname not in public
        ]

    @classmethod
    def public_value(cls, field_name):
        """A database expression: the field's value for an open item, empty for a closed one.

        Search builds its text from these, so a closed item is found by its title only.
        """
        return Case(
            When(is_closed=False, then=F(field_name)),
            default=Value(""),
            output_field=models.TextField(),
        )

    # Relations a closed item keeps from the public (its attachments, decisions and trials).
    WITHHELD_RELATIONS_WHEN_CLOSED = ("attachments", "decisions", "trials")

    def withhold_closed_fields(self):
        """Blank what a closed item keeps from the public; the instance can no longer be saved.

        Its withheld relations are cached as empty, which also keeps prefetch_related from
        filling them in afterwards (it skips instances whose cache is already set).
        """
        for field in self.withheld_fields():
            setattr(self, field.attname, None if field.null else field.get_default())
        cache = self.__dict__.setdefault("_prefetched_objects_cache", {})
        for name in self.WITHHELD_RELATIONS_WHEN_CLOSED:
            empty = getattr(self, name).none()
            empty._result_cache = []
            empty._prefetch_done = True
            cache[name] = empty
        self._withheld = True

    def save(self, *args, **kwargs):
        # An instance from public() has lost its closed text; saving it would erase that text.
        if getattr(self, "_withheld", False):
            raise ValueError("A public view of a closed agenda item cannot be saved.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#punkt-{self.number}"


class CommitteeDecisionQuerySet(CommitteeRecordQuerySet):
    def public(self):
        """Published decisions, except those of closed items or of unpublished meetings."""
        return self.filter(
            Q(agenda_item__isnull=True) | Q(agenda_item__is_closed=False, agenda_item__meeting__is_published=True),
            is_published=True,
        )

    def concerning(self, trial):
        """Decisions about the trial."""
        return self.filter(trials=trial)

    def made_in(self, municipality):
        """Decisions the municipality's committees made."""
        return self.filter(committee__municipality=municipality)

    def of_municipality(self, municipality):
        """Decisions the municipality's committees made, and decisions on published trials it takes part in."""
        trials = Trial.objects.public().in_municipality(municipality.slug)
        on_its_trials = CommitteeDecision.trials.through.objects.filter(trial__in=trials).values("committeedecision")
        return self.filter(Q(committee__municipality=municipality) | Q(pk__in=on_its_trials))

    def about_trials(self):
        """Decisions about at least one trial: a semi-join (EXISTS), where a join needed DISTINCT over
        every column of the decisions and the rows read along."""
        links = CommitteeDecision.trials.through.objects.filter(committeedecision=OuterRef("pk"))
        return self.filter(Exists(links))

    def listed(self):
        """With what a list of decisions shows: committee, municipality, agenda item and meeting."""
        unlisted = [
            *(f"committee__{name}" for name in WRITTEN_AT),
            *(f"committee__municipality__{name}" for name in WRITTEN_AT),
            *(f"agenda_item__{name}" for name in (*AGENDA_ITEM_UNLISTED, "proposal")),
            *(f"agenda_item__meeting__{name}" for name in MEETING_UNLISTED),
        ]
        return self.select_related("committee__municipality", "agenda_item__meeting__committee").defer(*unlisted)

    def with_public_trials(self):
        """With the published trials each decision concerns."""
        return self.prefetch_related(Prefetch("trials", queryset=Trial.objects.public()))

    def with_date(self):
        """Annotated with `date`: the day decided, else the day of the meeting that reported it."""
        return self.annotate(date=Coalesce("decided_on", "agenda_item__meeting__date"))

    def newest(self, n):
        """The n newest by date (with_date), newest first.

        Sorting every decision by a date from two tables reads them all; instead take the n newest
        with a decision day and the n newest without one (by their meeting's day), each along an
        index, and sort those at most 2n.
        """
        dated = self.filter(decided_on__isnull=False).order_by("-decided_on", "-pk").values("pk")[:n]
        undated = self.filter(decided_on__isnull=True).order_by("-agenda_item__meeting__date", "-pk").values("pk")[:n]
        if connections[self.db].features.supports_slicing_ordering_in_compound:
            # One IN over a UNION: an OR of two INs made PostgreSQL expect thousands of rows and join them all.
            candidates = Q(pk__in=dated.union(undated, all=True))
        else:  # SQLite takes no LIMIT inside a UNION
            candidates = Q(pk__in=dated) | Q(pk__in=undated)
        return self.filter(candidates).with_date().order_by("-date", "-pk")[:n]


class CommitteeDecision(PublicationStamp, SourcedModel):
    """A committee's decision on one or more trials, from an agenda item or reported in one."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Godkendt")
        NOTED = "noted", _("Til orientering")
        NOT_STARTED = "not_started", _("Forsøget påbegyndes ikke")
        REJECTED = "rejected", _("Ikke godkendt")
        OTHER = "other", _("Anden beslutning")

    committee = models.ForeignKey(
        Committee, verbose_name=_("udvalg"), on_delete=models.PROTECT, related_name="decisions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("dagsordenspunkt"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="decisions",
        help_text=_("Punktet, hvor beslutningen blev truffet eller refereret."),
    )
    decided_on = models.DateField(_("besluttet den"), null=True, blank=True)
    outcome = models.CharField(_("udfald"), max_length=20, choices=Outcome.choices)
    text = models.TextField(_("beslutning"))
    trials = models.ManyToManyField(Trial, verbose_name=_("forsøg"), blank=True, related_name="committee_decisions")
    is_published = models.BooleanField(_("offentliggjort"), default=False)
    history = HistoricalRecords(m2m_fields=[trials])

    objects = CommitteeDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "pk"]
        # The decision feed's newest decisions (CommitteeDecisionQuerySet.newest).
        indexes = [models.Index(F("decided_on").desc(), F("id").desc(), name="decision_newest")]
        verbose_name = _("udvalgsbeslutning")
        verbose_name_plural = _("udvalgsbeslutninger")

    def __str__(self):
        return f"{self.committee.name}: {self.get_outcome_display()}"


def document_upload_to(document, filename):
    """A generated, safe storage name; the original name is kept on the model for display."""
    suffix = Path(filename).suffix.lower()[:10]
    return f"documents/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


@functools.cache
def _public_document_conditions():
    """The conditions of DocumentQuerySet.public(), built once: their five subqueries took 1.6 ms to build
    on every call. A filter() copies what it uses of them, so they can be shared."""
    # Exists(), not joins: a document linked to many trials is still one row.
    on_published_trial = Exists(Trial.objects.public().filter(documents=OuterRef("pk")))
    on_published_news = Exists(NewsItem.objects.public().filter(documents=OuterRef("pk")))
    on_any_trial = Exists(Trial.objects.filter(documents=OuterRef("pk")))
    on_any_news = Exists(NewsItem.objects.filter(documents=OuterRef("pk")))
    of_published_evaluation = Exists(Trial.objects.public().filter(evaluations=OuterRef("evaluation")))
    return (
        Q(agenda_item__isnull=True) | Q(agenda_item__is_closed=False, agenda_item__meeting__is_published=True),
        Q(meeting__isnull=True) | Q(meeting__is_published=True),
        Q(meeting__isnull=False)
        | Q(agenda_item__isnull=False)
        | on_published_trial
        | on_published_news
        | of_published_evaluation
        | (~on_any_trial & ~on_any_news & Q(evaluation__isnull=True)),
    )


class DocumentQuerySet(models.QuerySet):
    def public(self):
        """Published documents whose place on the site is public too; the one rule for every public path.

        A document is public when it is published and
        - its meeting, if any, is published, and its agenda item, if any, is open and of a
          published meeting (a closed item or an unpublished meeting hides it outright), and
        - it hangs on something public, or on nothing at all: what hangs only on draft trials,
          evaluations of draft trials or draft news items is not public. A document of a published
          meeting, or of one published trial, evaluation or news item, stays public whatever drafts
          it is also linked to.

        The file of a public document may still be withheld (is_file_public).
        """
        return self.filter(*_public_document_conditions(), is_published=True).defer(
            "extracted_text"  # a PDF's whole text: no public page shows it (search reads it in SQL)
        )

    def downloadable(self):
        return self.public().filter(is_file_public=True).exclude(file="")

    def concerning(self, trial):
        """Documents linked to the trial."""
        return self.filter(trials=trial)

    def editable_by(self, user):
        """All for the network; a secretary's committee's minutes and attachments; a Kommunekoordinator's
        documents about their trials (not those of a committee's meeting)."""
        if roles.is_network_wide(user):
            return self.all()
        committees = Committee.objects.editable_by(user)
        on_trials = Document.objects.filter(
            trials__in=Trial.objects.editable_by(user), meeting=None, agenda_item=None
        ).values("pk")
        return self.filter(
            Q(meeting__committee__in=committees)
            | Q(agenda_item__meeting__committee__in=committees)
            | Q(pk__in=on_trials)
        )

    def linked_beyond(self, committee_ids, trial_ids):
        """Documents tied to a meeting or item outside these committees, to a trial outside these
        trials, or to any news item: deleting them would take them from someone else too."""
        return self.filter(
            Q(meeting__isnull=False) & ~Q(meeting__committee__in=committee_ids)
            | Q(agenda_item__isnull=False) & ~Q(agenda_item__meeting__committee__in=committee_ids)
            | Exists(Trial.objects.filter(documents=OuterRef("pk")).exclude(pk__in=trial_ids))
            | Exists(NewsItem.objects.filter(documents=OuterRef("pk")))
        )


class Document(PublicationStamp, TimestampedModel):
    """A file: minutes, an attachment (bilag), an evaluation report or design."""

    class Kind(models.TextChoices):
        MINUTES = "minutes", _("Referat")
        ATTACHMENT = "attachment", _("Bilag")
        EVALUATION_DESIGN = "evaluation_design", _("Evalueringsdesign")
        EVALUATION_REPORT = "evaluation_report", _("Evalueringsrapport")
        OTHER = "other", _("Andet")

    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    file = models.FileField(
        _("fil"),
        upload_to=document_upload_to,
        blank=True,
        help_text=_(
            "PDF, DOCX, XLSX, PPTX eller ODT. Teksten i en PDF gøres søgbar; er den for lang eller for "
            "langsom at læse, gemmes filen alligevel, men kun med den tekst, der nåede at blive læst."
        ),
    )
    original_name = models.CharField(_("oprindeligt filnavn"), max_length=255, blank=True)
    mime_type = models.CharField(_("MIME-type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("størrelse (bytes)"), null=True, blank=True)
    sha512 = models.CharField(_("SHA-512"), max_length=128, blank=True)
    extracted_text = models.TextField(_("udtrukket tekst"), blank=True)
    has_active_content = models.BooleanField(
        _("har aktivt indhold"),
        default=False,
        editable=False,
        help_text=_(
            "PDF-filen indeholder JavaScript eller en handling, der udføres, når den åbnes "
            "(/JavaScript eller /OpenAction). Den udleveres kun som download."
        ),
    )
    is_file_public = models.BooleanField(
        _("filen er offentlig"),
        default=True,
        help_text=_("Fjern markeringen for at vise bilaget i listen uden at udlevere filen."),
    )
    is_published = models.BooleanField(_("offentliggjort"), default=False)
    date = models.DateField(_("dato"), null=True, blank=True)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("møde"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("dagsordenspunkt"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    is_import_source = models.BooleanField(
        _("indlæst referat"),
        default=False,
        editable=False,
        help_text=_("Filen, mødet blev indlæst fra. En ny indlæsning af referatet erstatter den."),
    )
    evaluation = models.ForeignKey(
        Evaluation,
        verbose_name=_("evaluering"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        help_text=_("Evalueringen, dokumentet er rapport for. Vises ved evalueringens resultat på forsøgets side."),
    )
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    trials = models.ManyToManyField(Trial, verbose_name=_("forsøg"), blank=True, related_name="documents")
    news_items = models.ManyToManyField(NewsItem, verbose_name=_("nyheder"), blank=True, related_name="documents")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploadet af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title", "pk"]
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenter")
        constraints = [
            models.CheckConstraint(
                condition=Q(sha512="") | Q(sha512__regex=r"^[0-9a-f]{128}$"),
                name="document_sha512_is_hex",
            ),
            # The imported minutes file is the meeting's own document, one a meeting.
            models.CheckConstraint(
                condition=Q(is_import_source=False) | Q(meeting__isnull=False, agenda_item__isnull=True),
                name="import_source_is_a_meeting_document",
            ),
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(is_import_source=True), name="one_import_source_per_meeting"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_downloadable(self):
        return bool(self.file) and self.is_file_public

    @property
    def file_type_label(self):
        """The file's type as readers know it ("PDF", "Word"), from its checked MIME type."""
        return files.TYPE_LABELS.get(self.mime_type, "")


class CommitteeSecretary(models.Model):
    """Ties a user to the committee whose meetings they keep (Udvalgssekretær)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="committee_secretaryships",
    )
    committee = models.ForeignKey(
        Committee, verbose_name=_("udvalg"), on_delete=models.CASCADE, related_name="secretaries"
    )

    class Meta:
        ordering = ["committee__name", "user__username"]
        verbose_name = _("udvalgssekretær")
        verbose_name_plural = _("udvalgssekretærer")
        constraints = [
            models.UniqueConstraint(fields=["user", "committee"], name="unique_committee_secretary"),
        ]

    def __str__(self):
        return f"{self.user} – {self.committee}"
