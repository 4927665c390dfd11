"""The network's register: programmes, networks, municipalities, rounds, trials and what hangs on them."""

from django.conf import settings
from django.db import models
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from editors import roles
from frikommune.choices import ChoiceLabels
from frikommune.reversing import object_url


def participation_url(trial, municipality):
    """The page of a municipality's part in a trial, from the two (Participation.get_absolute_url)."""
    return object_url("trials:participation_detail", slug=trial.slug, municipality=municipality.slug)


class PublicQuerySet(models.QuerySet):
    """For a model whose public subset is what an editor has published (its is_published flag)."""

    def public(self):
        """What the public may see."""
        return self.filter(is_published=True)


class ModifiedAtField(models.DateTimeField):
    """The time of the last save, set on every save like auto_now.

    Unlike auto_now it defaults to now, so that a raw save (loaddata) gets a time too. A save with
    update_fields must name the field for the new time to be stored.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", timezone.now)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = timezone.now()
        setattr(model_instance, self.attname, value)
        return value


class TimestampedModel(ChoiceLabels, models.Model):
    """When a record was created and last changed: what open-data harvesters (OParl) sync by."""

    created = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False, db_index=True)
    modified = ModifiedAtField(_("ændret"), db_index=True)

    class Meta:
        abstract = True


def save_fields_with_modified(instance, fields):
    """update_fields for a save of `fields`, with `modified` added when the model keeps one."""
    if any(field.name == "modified" for field in instance._meta.concrete_fields):
        return [*fields, "modified"]
    return list(fields)


class SlugQuerySet(models.QuerySet):
    """For a model whose unique slug is its natural key, so that fixtures can say `[slug]` for it."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Source(models.Model):
    """Where a fact comes from: a document, the place in it, and the words it says."""

    document_title = models.CharField(
        _("dokument"),
        max_length=300,
        help_text=_("Fx “Referat, Beskæftigelsesudvalget, Aalborg Kommune, 23.01.2018”."),
    )
    locator = models.CharField(
        _("sted i dokumentet"),
        max_length=300,
        blank=True,
        help_text=_("Fx “Punkt 6, Sagsbeskrivelse, Runde 2”."),
    )
    excerpt = models.TextField(
        _("uddrag"),
        blank=True,
        help_text=_("Ordret uddrag af kilden, som faktummet bygger på."),
    )
    # A source may be an agenda item of minutes kept in the portal. A string reference, so that
    # the register need not import the meetings app, which builds on it.
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("dagsordenspunkt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cited_as",
        help_text=_("Dagsordenspunktet, hvis kilden er et referat i portalen."),
    )

    class Meta:
        ordering = ["document_title", "locator", "pk"]
        verbose_name = _("kilde")
        verbose_name_plural = _("kilder")

    def __str__(self):
        return f"{self.document_title}, {self.locator}" if self.locator else self.document_title


class SourcedModel(ChoiceLabels, models.Model):
    source = models.ForeignKey(
        Source,
        verbose_name=_("kilde"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


class Programme(SourcedModel):
    """A national free-municipality programme, e.g. Frikommuneforsøg II."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    slug = models.SlugField(_("kortnavn"), max_length=200, unique=True)
    start_year = models.PositiveSmallIntegerField(_("startår"))
    end_year = models.PositiveSmallIntegerField(_("slutår"))
    municipality_count = models.PositiveSmallIntegerField(
        _("antal kommuner"),
        null=True,
        blank=True,
        help_text=_("Hvor mange kommuner der deltog, når de ikke alle er registreret her."),
    )
    description = models.TextField(_("beskrivelse"), blank=True)

    objects = SlugQuerySet.as_manager()

    class Meta:
        ordering = ["start_year", "name"]
        verbose_name = _("forsøgsprogram")
        verbose_name_plural = _("forsøgsprogrammer")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")),
                name="programme_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


def count_of(queryset, field):
    """The number of rows of ``queryset`` whose ``field`` is the outer row, as an annotation (0 for none).

    A subquery rather than a join, so that several such counts on one row do not multiply each other.
    """
    rows = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows), 0)


class MunicipalityQuerySet(SlugQuerySet):
    def taking_part_in(self, network):
        """The network's members, and any other municipality in one of its published trials."""
        trials = Trial.objects.public().filter(application_round__network=network)
        return self.filter(
            Q(pk__in=NetworkMembership.objects.filter(network=network).values("municipality"))
            | Q(pk__in=Participation.objects.filter(trial__in=trials).values("municipality"))
        )


class Municipality(TimestampedModel):
    """A Danish municipality (kommune)."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("kortnavn"), max_length=100, unique=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("trials:municipality_detail", slug=self.slug)

    def natural_key(self):
        return (self.slug,)


class NetworkQuerySet(SlugQuerySet):
    def portal_first(self):
        """The networks with the portal's own first: the first one entered (lowest pk).

        The register may hold many networks; the portal is run by one of them, and its pages show
        that one unless the reader chooses another. ``portal_of`` says the same of a list.
        """
        return self.order_by("pk")

    def portal(self):
        """The portal's own network, or None in an empty register."""
        return self.portal_first().first()

    def with_member_count(self):
        """Each network with ``member_count``, its number of member municipalities."""
        return self.annotate(member_count=count_of(NetworkMembership.objects.all(), "network"))

    def with_counts(self):
        """Each network with ``member_count``, ``round_count`` and ``trial_count`` (its published trials)."""
        return self.with_member_count().annotate(
            round_count=count_of(ApplicationRound.objects.all(), "network"),
            trial_count=count_of(Trial.objects.public(), "application_round__network"),
        )

    def for_chooser(self):
        """The networks as the pages that let the reader choose one need them, in one query."""
        return self.select_related("lead_municipality", "programme").with_counts().order_by("name")


def portal_of(networks):
    """The portal's own network among ``networks`` (the same rule as NetworkQuerySet.portal), or None."""
    return min(networks, key=lambda network: network.pk, default=None)


class Network(SourcedModel, TimestampedModel):
    """A network of municipalities applying jointly under one theme (frikommunenetværk)."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("forsøgsprogram"),
        on_delete=models.PROTECT,
        related_name="networks",
    )
    name = models.CharField(_("navn"), max_length=200, unique=True)
    slug = models.SlugField(_("kortnavn"), max_length=200, unique=True)
    theme = models.TextField(_("tema"))
    start_year = models.PositiveSmallIntegerField(_("startår"))
    approved_until = models.DateField(_("godkendt til og med"), null=True, blank=True)
    approval = models.TextField(
        _("godkendelse"),
        blank=True,
        help_text=_("Hvem der godkendte netværket, og hvornår."),
    )
    lead_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("netværksansvarlig kommune"),
        on_delete=models.PROTECT,
        related_name="led_networks",
    )
    lead_role = models.TextField(_("den netværksansvarlige kommunes opgave"), blank=True)
    members = models.ManyToManyField(
        Municipality,
        verbose_name=_("medlemmer"),
        through="NetworkMembership",
        related_name="networks",
    )

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("frikommunenetværk")
        verbose_name_plural = _("frikommunenetværk")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("trials:network_detail", slug=self.slug)

    def natural_key(self):
        return (self.slug,)


class NetworkMembership(SourcedModel):
    """A municipality's membership of a network."""

    network = models.ForeignKey(
        Network,
        verbose_name=_("netværk"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="network_memberships",
    )

    class Meta:
        ordering = ["network", "municipality__name"]
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        constraints = [
            models.UniqueConstraint(fields=["network", "municipality"], name="unique_network_membership"),
        ]

    def __str__(self):
        return f"{self.municipality} i {self.network}"


def round_totals(rounds):
    """The applications sent and approved in these rounds (a list already fetched) together."""
    return {
        "sent": sum(r.applications_sent for r in rounds),
        "approved": sum(r.applications_approved for r in rounds),
    }


class ApplicationRoundQuerySet(models.QuerySet):
    def get_by_natural_key(self, network_slug, number):
        return self.get(network__slug=network_slug, number=number)

    def of_portal_network(self):
        """The rounds of the portal's own network (NetworkQuerySet.portal), without fetching it first."""
        return self.filter(network=Subquery(Network.objects.portal_first().values("pk")[:1]))


class ApplicationRound(SourcedModel):
    """One of the network's rounds of applications to the ministry (ansøgningsrunde)."""

    network = models.ForeignKey(
        Network,
        verbose_name=_("netværk"),
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    deadline = models.DateField(_("ansøgningsfrist"))
    applications_sent = models.PositiveSmallIntegerField(_("ansøgninger sendt"))
    applications_approved = models.PositiveSmallIntegerField(_("ansøgninger godkendt helt eller delvist"))
    answer_received = models.CharField(
        _("svar modtaget"),
        max_length=100,
        blank=True,
        help_text=_("Som kilden angiver det, fx “Lige før jul 2017”."),
    )
    earliest_start = models.DateField(_("forsøgene kan starte fra"), null=True, blank=True)
    start_note = models.CharField(
        _("opstart"),
        max_length=200,
        blank=True,
        help_text=_("Som kilden angiver det, fx “opstartet efter 1. juli 2017”."),
    )

    objects = ApplicationRoundQuerySet.as_manager()

    class Meta:
        ordering = ["network", "number"]
        verbose_name = _("ansøgningsrunde")
        verbose_name_plural = _("ansøgningsrunder")
        constraints = [
            models.UniqueConstraint(fields=["network", "number"], name="unique_round_number"),
            models.CheckConstraint(
                condition=Q(applications_approved__lte=F("applications_sent")),
                name="round_approved_not_above_sent",
                violation_error_message=_("Der kan ikke være godkendt flere ansøgninger, end der er sendt."),
            ),
        ]

    def __str__(self):
        return _("%(number)s. ansøgningsrunde") % {"number": self.number}

    def get_absolute_url(self):
        """The round under its network: round numbers repeat from one network to the next."""
        return object_url("trials:round_detail", network=self.network.slug, number=self.number)

    def natural_key(self):
        return (*self.network.natural_key(), self.number)

    natural_key.dependencies = ["trials.network"]


class TrialQuerySet(PublicQuerySet, SlugQuerySet):
    def in_municipality(self, slug):
        """Trials the municipality with this slug takes part in.

        A subquery, not a join: a join would leave later annotations over the participations
        (with_municipality_count) counting that municipality's alone.
        """
        return self.filter(pk__in=Participation.objects.filter(municipality__slug=slug).values("trial"))

    def in_network(self, network):
        return self.filter(application_round__network=network)

    def in_round(self, number):
        """Trials of the rounds with this number: one round once narrowed to a network (in_network)."""
        return self.filter(application_round__number=number)

    def status_counts(self):
        """{"total": n, status: n for each status} in one query."""
        return self.aggregate(
            total=Count("pk"),
            **{status: Count("pk", filter=Q(status=status)) for status in Trial.Status.values},
        )

    def with_status(self, status):
        return self.filter(status=status)

    def applied_for_by(self, municipality):
        return self.filter(
            participations__municipality=municipality,
            participations__kind=Participation.Kind.APPLICANT,
        ).distinct()

    def joined_later_by(self, municipality):
        return self.filter(
            participations__municipality=municipality,
            participations__kind=Participation.Kind.JOINED_LATER,
        ).distinct()

    def evaluated_by(self, slug):
        """Trials the organisation with this slug evaluates or advises on; None: the municipalities."""
        evaluations = (
            Evaluation.objects.filter(evaluator__isnull=True)
            if slug is None
            else Evaluation.objects.filter(evaluator__slug=slug)
        )
        return self.filter(pk__in=evaluations.values("trial"))

    def with_municipality_count(self):
        """Annotated with how many municipalities take part: a subquery per trial, not a join and GROUP BY,
        so that PostgreSQL counts only the page of trials it returns (unless the list is sorted by it)."""
        counts = (
            Participation.objects.filter(trial=OuterRef("pk"))
            .order_by()
            .values("trial")
            .annotate(n=Count("municipality", distinct=True))
            .values("n")
        )
        return self.annotate(municipality_count=Coalesce(Subquery(counts), 0))

    def with_participations(self):
        return self.prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("municipality"),
            )
        )

    def listed(self):
        """As the trial list shows them: title, status, round and network, and no other field of the rows
        (a trial's texts and the rows' timestamps were a fifth of reading 50 trials)."""
        return self.select_related("application_round__network").only(
            "slug",
            "title",
            "status",
            "application_round__number",
            "application_round__network__name",
            "application_round__network__slug",
        )

    def with_participation_kinds(self):
        """With each trial's participations as the participation matrix reads them: who (the
        municipality's id) and how (kind), and no other field."""
        return self.prefetch_related(
            Prefetch("participations", queryset=Participation.objects.only("trial_id", "municipality_id", "kind"))
        )

    def editable_by(self, user):
        """The trials the user may edit: all for the network; a Kommunekoordinator's municipalities' trials."""
        if roles.is_network_wide(user):
            return self.all()
        return self.filter(
            pk__in=Participation.objects.filter(municipality__in=coordinated_municipalities(user)).values("trial")
        )


def coordinated_municipalities(user):
    """The municipalities a user keeps as Kommunekoordinator (their MunicipalCoordinator links), as a subquery.

    The links say what a user keeps; the role's group says what they may do with it.
    """
    return MunicipalCoordinator.objects.filter(user=user).values("municipality")


class ParticipationQuerySet(models.QuerySet):
    def editable_by(self, user):
        """All for the network; for a Kommunekoordinator, their own municipality's part, not its partners'."""
        if roles.is_network_wide(user):
            return self.all()
        return self.filter(municipality__in=coordinated_municipalities(user))


class TrialPartQuerySet(models.QuerySet):
    """For what hangs on one trial (exemptions, evaluations): editable with the trial."""

    def editable_by(self, user):
        if roles.is_network_wide(user):
            return self.all()
        return self.filter(trial__in=Trial.objects.editable_by(user))


class Trial(SourcedModel):
    """An approved free-municipality trial (frikommuneforsøg)."""

    class Status(models.TextChoices):
        APPROVED = "approved", _("Helt eller delvist godkendt")
        STARTED = "started", _("Opstartet")
        NOT_STARTED = "not_started", _("Besluttet ikke at påbegynde")
        ENDED = "ended", _("Afsluttet")

    class Scope(models.TextChoices):
        NETWORK = "network", _("Hele frikommunenetværket")
        APPLICANTS = "applicants", _("Kun de ansøgende kommuner")

    application_round = models.ForeignKey(
        ApplicationRound,
        verbose_name=_("ansøgningsrunde"),
        on_delete=models.PROTECT,
        related_name="trials",
    )
    number_in_round = models.PositiveSmallIntegerField(
        _("nummer i runden"),
        help_text=_("Nummeret i kildens liste over godkendte forsøg."),
    )
    title = models.CharField(_("titel"), max_length=300)
    slug = models.SlugField(_("kortnavn"), max_length=200, unique=True)
    summary = models.TextField(_("beskrivelse"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.APPROVED)
    status_reason = models.TextField(
        _("begrundelse for status"),
        blank=True,
        help_text=_("Fx hvorfor et godkendt forsøg ikke påbegyndes."),
    )
    status_source = models.ForeignKey(
        Source,
        verbose_name=_("kilde til status"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    exemption_scope = models.CharField(
        _("fritagelsen gælder"),
        max_length=20,
        choices=Scope.choices,
        default=Scope.NETWORK,
        help_text=_("Som udgangspunkt gælder fritagelsen hele netværket, så andre kommuner kan tilslutte sig senere."),
    )
    scope_note = models.TextField(_("bemærkning om fritagelsens omfang"), blank=True)
    scope_source = models.ForeignKey(
        Source,
        verbose_name=_("kilde til omfang"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_published = models.BooleanField(
        _("offentliggjort"),
        default=False,
        help_text=_("Kun offentliggjorte forsøg vises på portalen."),
    )
    history = HistoricalRecords()

    objects = TrialQuerySet.as_manager()

    class Meta:
        ordering = ["application_round__number", "number_in_round"]
        verbose_name = _("forsøg")
        verbose_name_plural = _("forsøg")
        constraints = [
            models.UniqueConstraint(
                fields=["application_round", "number_in_round"],
                name="unique_trial_number_in_round",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("trials:trial_detail", slug=self.slug)

    def natural_key(self):
        return (self.slug,)


class Participation(SourcedModel):
    """A municipality's part in a trial, with the content of its local run of it."""

    class Kind(models.TextChoices):
        APPLICANT = "applicant", _("Ansøger")
        JOINED_LATER = "joined_later", _("Tilsluttet senere")

    trial = models.ForeignKey(
        Trial,
        verbose_name=_("forsøg"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    kind = models.CharField(_("deltagelse"), max_length=20, choices=Kind.choices)
    listed_as = models.CharField(
        _("anført som"),
        max_length=100,
        blank=True,
        help_text=_("Som kilden skriver ansøgeren, fx “Frederikshavn/Læsø” for en fælles ansøgning."),
    )
    listed_position = models.PositiveSmallIntegerField(_("plads i kildens opremsning"), null=True, blank=True)
    joined_on = models.DateField(_("tilsluttet den"), null=True, blank=True)
    local_start = models.DateField(_("lokal opstart"), null=True, blank=True)
    target_group = models.TextField(_("målgruppe"), blank=True)
    local_targets = models.TextField(_("lokale mål"), blank=True)
    local_description = models.TextField(_("forsøget lokalt"), blank=True)
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("kontaktpersonens e-mail"), blank=True)
    contact_phone = models.CharField(_("kontaktpersonens telefon"), max_length=50, blank=True)
    history = HistoricalRecords()

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["trial", "listed_position", "municipality__name"]
        verbose_name = _("deltagelse")
        verbose_name_plural = _("deltagelser")
        constraints = [
            models.UniqueConstraint(fields=["trial", "municipality"], name="unique_participation"),
            models.CheckConstraint(
                condition=Q(kind="applicant") | Q(listed_position__isnull=True),
                name="only_applicants_are_listed",
            ),
        ]

    def __str__(self):
        return f"{self.trial} – {self.municipality}"

    def get_absolute_url(self):
        return participation_url(self.trial, self.municipality)

    # The local facts a municipality may report on its part of a trial, as the page names them.
    LOCAL_FACTS = {
        "local_start": _("lokal opstart"),
        "target_group": _("målgruppe"),
        "local_targets": _("lokale mål"),
        "local_description": _("beskrivelse af forsøget lokalt"),
        "contact_name": _("kontaktperson"),
    }

    def unstated_local_facts(self):
        """The names of the local facts the municipality has not reported, in the page's order."""
        return [str(label) for field, label in self.LOCAL_FACTS.items() if not getattr(self, field)]


class Exemption(SourcedModel):
    """An exemption from a rule that a trial sought, and what the ministry answered."""

    class Outcome(models.TextChoices):
        SOUGHT = "sought", _("Søgt")
        GRANTED_FULLY = "granted_fully", _("Imødekommet helt")
        GRANTED_PARTLY = "granted_partly", _("Imødekommet delvist")
        GRANTED_FULLY_OR_PARTLY = "granted", _("Imødekommet helt eller delvist")
        REFUSED = "refused", _("Ikke imødekommet")

    trial = models.ForeignKey(
        Trial,
        verbose_name=_("forsøg"),
        on_delete=models.CASCADE,
        related_name="exemptions",
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(
        _("undtagelse"),
        max_length=300,
        blank=True,
        help_text=_("Hvad der søges undtagelse fra. Tom, hvis kilden ikke siger det."),
    )
    provision = models.CharField(_("lovbestemmelse"), max_length=300, blank=True)
    outcome = models.CharField(_("udfald"), max_length=20, choices=Outcome.choices)
    note = models.TextField(_("bemærkning"), blank=True)
    history = HistoricalRecords()

    objects = TrialPartQuerySet.as_manager()

    class Meta:
        ordering = ["trial", "number"]
        verbose_name = _("undtagelse")
        verbose_name_plural = _("undtagelser")
        constraints = [
            models.UniqueConstraint(fields=["trial", "number"], name="unique_exemption_number"),
        ]

    def __str__(self):
        return self.title or _("Undtagelse %(number)s") % {"number": self.number}

    @property
    def is_granted(self):
        return self.outcome in {
            self.Outcome.GRANTED_FULLY,
            self.Outcome.GRANTED_PARTLY,
            self.Outcome.GRANTED_FULLY_OR_PARTLY,
        }


class Organisation(SourcedModel):
    """An outside party: ministry, agency, research centre, consultancy, council (samarbejdspartner)."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministerium")
        AGENCY = "agency", _("Styrelse")
        ASSOCIATION = "association", _("Forening")
        RESEARCH = "research", _("Forskning og analyse")
        CONSULTANCY = "consultancy", _("Rådgivning")
        COUNCIL = "council", _("Råd")
        OTHER = "other", _("Andet")

    name = models.CharField(_("navn"), max_length=200, unique=True)
    abbreviation = models.CharField(_("forkortelse"), max_length=50, blank=True)
    slug = models.SlugField(_("kortnavn"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    involvement = models.TextField(
        _("samarbejde"),
        blank=True,
        help_text=_("Hvordan netværket samarbejder med parten."),
    )
    is_stakeholder = models.BooleanField(
        _("samarbejdspartner"),
        default=True,
        help_text=_("Vises på siden Samarbejdspartnere."),
    )

    objects = SlugQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")

    def __str__(self):
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def natural_key(self):
        return (self.slug,)


class Evaluation(SourcedModel):
    """How a trial is evaluated: a design, a midway or a final evaluation, or advice."""

    class Kind(models.TextChoices):
        DESIGN = "design", _("Evalueringsdesign")
        ADVICE = "advice", _("Rådgivning og opfølgning")
        MIDWAY = "midway", _("Midtvejsevaluering")
        FINAL = "final", _("Slutevaluering")

    trial = models.ForeignKey(
        Trial,
        verbose_name=_("forsøg"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    evaluator = models.ForeignKey(
        Organisation,
        verbose_name=_("evaluator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluations",
        help_text=_("Tom, når de deltagende kommuner selv står for det."),
    )
    is_cross_municipal = models.BooleanField(_("tværkommunal"), default=False)
    description = models.TextField(_("beskrivelse"), blank=True)
    result = models.TextField(
        _("resultat"),
        blank=True,
        help_text=_("Hvad evalueringen kom frem til, med kildens egne ord. Tom, indtil den foreligger."),
    )
    completed_on = models.DateField(
        _("forelå"),
        null=True,
        blank=True,
        help_text=_("Datoen, evalueringen eller rapporten forelå."),
    )
    history = HistoricalRecords()

    objects = TrialPartQuerySet.as_manager()

    class Meta:
        # In the order the work happens: design, advice, midway, final.
        ordering = [
            "trial",
            models.Case(
                *(
                    models.When(kind=kind, then=position)
                    for position, kind in enumerate(["design", "advice", "midway", "final"])
                ),
                output_field=models.IntegerField(),
            ),
            "pk",
        ]
        verbose_name = _("evaluering")
        verbose_name_plural = _("evalueringer")
        constraints = [
            models.UniqueConstraint(
                fields=["trial", "kind", "evaluator"],
                name="unique_evaluation_per_evaluator",
            ),
        ]

    def __str__(self):
        by = self.evaluator or _("de deltagende kommuner")
        return f"{self.get_kind_display()}: {self.trial} ({by})"


class OrganisationBody(SourcedModel, TimestampedModel):
    """A body of the network's project organisation: owner, steering group, working groups …"""

    class Role(models.TextChoices):
        OWNER = "owner", _("Projektejer")
        STEERING = "steering", _("Styregruppe")
        CHIEFS = "chiefs", _("Cheffølgegruppe")
        WORKING = "working", _("Arbejdsgruppe")
        FOLLOW_UP = "follow_up", _("Administrativ følgegruppe")

    network = models.ForeignKey(
        Network,
        verbose_name=_("netværk"),
        on_delete=models.CASCADE,
        related_name="bodies",
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    members = models.TextField(_("består af"))
    cadence = models.TextField(_("mødes / orienteres"), blank=True)
    trial = models.ForeignKey(
        Trial,
        verbose_name=_("forsøg"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="working_groups",
        help_text=_("For en arbejdsgruppe, der hører til ét forsøg."),
    )

    class Meta:
        ordering = ["network", "position", "pk"]
        verbose_name = _("organisationsled")
        verbose_name_plural = _("organisering")

    def __str__(self):
        return f"{self.get_role_display()}: {self.members}"


class GlossaryTerm(SourcedModel):
    """A term of the field, defined once and explained where it appears (ordforklaring)."""

    term = models.CharField(_("ord"), max_length=100, unique=True)
    slug = models.SlugField(_("kortnavn"), max_length=100, unique=True)
    full_form = models.CharField(
        _("udskrevet"),
        max_length=300,
        blank=True,
        help_text=_("For forkortelser: den fulde form."),
    )
    definition = models.TextField(_("forklaring"), blank=True)

    class Meta:
        ordering = ["term"]
        verbose_name = _("ordforklaring")
        verbose_name_plural = _("ordforklaringer")

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return reverse("trials:glossary") + f"#{self.slug}"


class MunicipalCoordinator(models.Model):
    """Ties a user to the municipality whose trials they keep (Kommunekoordinator)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="coordinated_municipalities",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        related_name="coordinators",
    )

    class Meta:
        ordering = ["municipality__name", "user__username"]
        verbose_name = _("kommunekoordinator")
        verbose_name_plural = _("kommunekoordinatorer")
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="unique_municipal_coordinator"),
        ]

    def __str__(self):
        return f"{self.user} – {self.municipality}"
