"""Public pages of the register: networks, trials, municipalities, rounds, organisation, glossary."""

from collections import Counter

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView

from .filtering import TrialQuery, filter_trials
from .forms import ALL_NETWORKS, BY_MUNICIPALITIES, NetworkChoiceForm, TrialFilterForm
from .models import (
    ApplicationRound,
    Evaluation,
    Exemption,
    GlossaryTerm,
    Municipality,
    Network,
    Organisation,
    OrganisationBody,
    Participation,
    Trial,
    round_totals,
)

# How many entries a list on a municipality's or a network's page shows at a time.
PER_PAGE = 50


def option_counts(trials, filters, network, skip, *keys):
    """How many trials each option of the filters in ``skip`` would give, with the other filters applied.

    {value: n}, or {(value, value, ...): n} when counted by several keys at once.
    """
    rows = (
        filter_trials(trials, filters, network, skip=skip)
        .order_by()
        .values(*keys)
        .annotate(n=Count("pk", distinct=True))
    )
    if len(keys) == 1:
        return {row[keys[0]]: row["n"] for row in rows}
    return {tuple(row[key] for key in keys): row["n"] for row in rows}


def facet(field, counts, selected, blank=True):
    """One filter's select: its options with the trials each would give; ``blank`` adds "Alle"."""
    options = [
        {"value": value, "label": label, "count": counts.get(value, 0), "selected": str(value) == str(selected)}
        for value, label in field.field.choices
    ]
    return {"name": field.name, "label": field.label, "options": options, "blank": blank}


class TrialList(ListView):
    """The trials of one network (the portal's own by default) or of all, filtered; and who takes part."""

    template_name = "trials/trial_list.html"
    context_object_name = "trials"
    paginate_by = 50

    def get_queryset(self):
        query = TrialQuery(self.request.GET)
        self.chooser, self.network, self.form, self.filters = query.chooser, query.network, query.form, query.filters
        return query.trials(Trial.objects.listed().with_participation_kinds())

    def get_context_data(self, **kwargs):
        published = Trial.objects.public()
        facets = []
        # One count serves the network filter and the round filter (within the chosen network). The
        # network's counts leave the round out: rounds are numbered within each network.
        by_round = option_counts(
            published,
            self.filters,
            self.network,
            {"netvaerk", "runde"},
            "application_round__network",
            "application_round__number",
        )
        if self.chooser.offers_choice:
            per_network = Counter()
            for (network, _number), n in by_round.items():
                per_network[network] += n
            counts = {network.slug: per_network[network.pk] for network in self.chooser.networks}
            counts[ALL_NETWORKS] = per_network.total()
            selected = self.network.slug if self.network else ALL_NETWORKS
            facets.append(facet(self.chooser["netvaerk"], counts, selected, blank=False))
        if self.network is not None:
            counts = {number: n for (network, number), n in by_round.items() if network == self.network.pk}
            facets.append(facet(self.form["runde"], counts, self.filters.get("runde", "")))
        keys = {
            "kommune": "participations__municipality__slug",
            "status": "status",
            "evaluator": "evaluations__evaluator__slug",
        }
        counts = {name: option_counts(published, self.filters, self.network, {name}, key) for name, key in keys.items()}
        counts["evaluator"][BY_MUNICIPALITIES] = counts["evaluator"].pop(None, 0)
        for name, option_count in counts.items():
            facets.append(facet(self.form[name], option_count, self.filters.get(name, "")))
        explicit = dict(self.filters)
        if self.chooser.chosen():
            explicit["netvaerk"] = self.chooser.chosen()
        return super().get_context_data(
            form=self.form,
            filters=explicit,
            facets=facets,
            sort_choices=TrialFilterForm.SORT_CHOICES,
            current_sort=self.filters.get("sortering", "runde"),
            network=self.network,
            spans_networks=self.network is None,
            municipalities=self.form.municipalities,
            # Every trial is in one network's round: the networks' counts add up to the register's.
            total=sum(network.trial_count for network in self.chooser.networks),
            portal_network=self.chooser.portal,
            **kwargs,
        )


class TrialDetail(DetailView):
    template_name = "trials/trial_detail.html"
    context_object_name = "trial"

    def get_queryset(self):
        return (
            Trial.objects.public()
            .select_related(
                "application_round__network",
                "source__agenda_item__meeting__committee",
                "status_source__agenda_item__meeting__committee",
                "scope_source__agenda_item__meeting__committee",
            )
            .prefetch_related(
                Prefetch(
                    "participations",
                    queryset=Participation.objects.select_related(
                        "municipality", "source__agenda_item__meeting__committee"
                    ),
                ),
                Prefetch(
                    "exemptions",
                    queryset=Exemption.objects.select_related("source__agenda_item__meeting__committee"),
                ),
                Prefetch(
                    "evaluations",
                    queryset=Evaluation.objects.select_related("evaluator", "source__agenda_item__meeting__committee"),
                ),
                Prefetch(
                    "working_groups",
                    queryset=OrganisationBody.objects.select_related("source__agenda_item__meeting__committee"),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        trial = self.object
        participations = list(trial.participations.all())
        exemptions = list(trial.exemptions.all())
        return super().get_context_data(
            applicants=[p for p in participations if p.kind == Participation.Kind.APPLICANT],
            joined_later=[p for p in participations if p.kind == Participation.Kind.JOINED_LATER],
            exemptions=exemptions,
            exemptions_named=any(e.title for e in exemptions),
            granted_count=sum(1 for e in exemptions if e.is_granted),
            **kwargs,
        )


class ParticipationDetail(DetailView):
    template_name = "trials/participation_detail.html"
    context_object_name = "participation"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Participation.objects.select_related(
                "trial__application_round__network", "municipality", "source__agenda_item__meeting__committee"
            ).prefetch_related("trial__exemptions"),
            trial__slug=self.kwargs["slug"],
            trial__is_published=True,
            municipality__slug=self.kwargs["municipality"],
        )

    def get_context_data(self, **kwargs):
        exemptions = list(self.object.trial.exemptions.all())
        return super().get_context_data(
            exemptions=exemptions, granted_count=sum(1 for e in exemptions if e.is_granted), **kwargs
        )


class MunicipalityList(ListView):
    template_name = "trials/municipality_list.html"
    context_object_name = "municipalities"

    def get_queryset(self):
        published = Q(participations__trial__is_published=True)
        return Municipality.objects.annotate(
            applied_count=Count(
                "participations",
                filter=published & Q(participations__kind=Participation.Kind.APPLICANT),
            ),
            joined_count=Count(
                "participations",
                filter=published & Q(participations__kind=Participation.Kind.JOINED_LATER),
            ),
        )


class MunicipalityDetail(DetailView):
    template_name = "trials/municipality_detail.html"
    context_object_name = "municipality"
    # committee_count: whether the "Følg" box offers a calendar of its committees' meetings.
    queryset = Municipality.objects.annotate(committee_count=Count("committees"))

    def get_context_data(self, **kwargs):
        municipality = self.object
        trials = (
            Trial.objects.public()
            .select_related("application_round")
            .only("slug", "title", "status", "application_round__number")  # what the lists show
            .order_by("application_round__number", "number_in_round", "pk")
        )
        # Each list pages on its own; the committees' decisions are the template's to ask for
        # (its municipality_decisions tag, which pages them the same way).
        get = self.request.GET
        return super().get_context_data(
            applied_for=Paginator(trials.applied_for_by(municipality), PER_PAGE).get_page(get.get("ansoegt_side")),
            joined_later=Paginator(trials.joined_later_by(municipality), PER_PAGE).get_page(get.get("tilsluttet_side")),
            **kwargs,
        )


class NetworkList(ListView):
    """Every network in the register, with its members, rounds and published trials."""

    template_name = "trials/network_list.html"
    context_object_name = "networks"

    def get_queryset(self):
        return Network.objects.for_chooser()


class NetworkDetail(DetailView):
    """One network: its facts, members, rounds and trials."""

    template_name = "trials/network_detail.html"
    context_object_name = "network"

    def get_queryset(self):
        return Network.objects.select_related(
            "lead_municipality", "programme", "source__agenda_item__meeting__committee"
        ).with_counts()

    def get_context_data(self, **kwargs):
        network = self.object
        rounds = list(network.rounds.select_related("network"))
        trials = (
            Trial.objects.public()
            .in_network(network)
            .select_related("application_round__network")
            .with_municipality_count()
            .order_by("application_round__number", "number_in_round", "pk")
        )
        return super().get_context_data(
            members=Municipality.objects.filter(network_memberships__network=network),
            rounds=rounds,
            totals=round_totals(rounds),
            trials=Paginator(trials, PER_PAGE).get_page(self.request.GET.get("side")),
            **kwargs,
        )


class RoundList(ListView):
    """The rounds of one network, the portal's own unless the reader chooses another."""

    template_name = "trials/applicationround_list.html"
    context_object_name = "rounds"

    def get_queryset(self):
        self.chooser = NetworkChoiceForm(self.request.GET, networks=Network.objects.for_chooser())
        self.network = self.chooser.network()
        return ApplicationRound.objects.filter(network=self.network).select_related("network")

    def get_context_data(self, **kwargs):
        rounds = list(self.object_list)
        return super().get_context_data(
            totals=round_totals(rounds),
            network=self.network,
            chooser=self.chooser,
            portal_network=self.chooser.portal,
            **kwargs,
        )


def round_redirect(request, number):
    """The old address of a round, from when the register held one network: now the portal's own network's."""
    application_round = get_object_or_404(
        ApplicationRound.objects.of_portal_network().select_related("network"), number=number
    )
    return redirect(application_round, permanent=True)


class RoundDetail(DetailView):
    template_name = "trials/applicationround_detail.html"
    context_object_name = "round"

    def get_object(self, queryset=None):
        return get_object_or_404(
            ApplicationRound.objects.select_related("network", "source__agenda_item__meeting__committee"),
            network__slug=self.kwargs["network"],
            number=self.kwargs["number"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            trials=self.object.trials.public().with_municipality_count(),
            **kwargs,
        )


class OrganisationList(ListView):
    """The network's project organisation: who owns, steers, follows and works on the trials."""

    template_name = "trials/organisation.html"
    context_object_name = "bodies"

    def get_queryset(self):
        return OrganisationBody.objects.select_related("network", "trial", "source__agenda_item__meeting__committee")


class StakeholderList(ListView):
    template_name = "trials/stakeholder_list.html"
    context_object_name = "organisations"

    def get_queryset(self):
        return Organisation.objects.filter(is_stakeholder=True).select_related(
            "source__agenda_item__meeting__committee"
        )


class Glossary(ListView):
    template_name = "trials/glossaryterm_list.html"
    context_object_name = "terms"
    queryset = GlossaryTerm.objects.select_related("source")
