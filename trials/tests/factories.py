"""Factories for the register's models: valid objects with the fewest arguments."""

import datetime

import factory
from django.contrib.auth import get_user_model

from trials import models


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Municipality

    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.Sequence(lambda n: f"kommune-{n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Programme

    name = factory.Sequence(lambda n: f"Frikommuneforsøg {n}")
    slug = factory.Sequence(lambda n: f"frikommuneforsoeg-{n}")
    start_year = 2016
    end_year = 2020


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Network

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Netværk {n}")
    slug = factory.Sequence(lambda n: f"netvaerk-{n}")
    theme = "En mere fleksibel og effektiv beskæftigelsesindsats"
    start_year = 2016
    approved_until = datetime.date(2020, 7, 31)
    lead_municipality = factory.SubFactory(MunicipalityFactory)


class ApplicationRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ApplicationRound

    network = factory.SubFactory(NetworkFactory)
    number = factory.Sequence(lambda n: n + 1)
    deadline = datetime.date(2016, 12, 1)
    applications_sent = 7
    applications_approved = 5
    earliest_start = datetime.date(2017, 7, 1)


class TrialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Trial

    application_round = factory.SubFactory(ApplicationRoundFactory)
    number_in_round = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Forsøg {n}")
    slug = factory.Sequence(lambda n: f"forsoeg-{n}")
    is_published = True


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Participation

    trial = factory.SubFactory(TrialFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    kind = models.Participation.Kind.APPLICANT


class ExemptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Exemption

    trial = factory.SubFactory(TrialFactory)
    number = factory.Sequence(lambda n: n + 1)
    outcome = models.Exemption.Outcome.SOUGHT


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Evaluation

    trial = factory.SubFactory(TrialFactory)
    kind = models.Evaluation.Kind.DESIGN


class OrganisationBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.OrganisationBody

    network = factory.SubFactory(NetworkFactory)
    role = models.OrganisationBody.Role.WORKING
    members = "En arbejdsgruppe"


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.GlossaryTerm

    term = factory.Sequence(lambda n: f"TERM{n}")
    slug = factory.Sequence(lambda n: f"term-{n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Source

    document_title = "Referat"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.NetworkMembership

    network = factory.SubFactory(NetworkFactory)
    municipality = factory.SubFactory(MunicipalityFactory)


class MunicipalCoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MunicipalCoordinator

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)


def make_many_networks(networks=20, municipalities=98, rounds=3, trials_per_round=10, members_per_network=8):
    """A register the size of the country in miniature: many networks, each numbering its rounds from 1.

    Each network has ``members_per_network`` members (the municipalities taken in turn, so some belong
    to two networks), ``rounds`` rounds with different deadlines per network, and published trials
    in every status, each with three of the network's members taking part. Trials, memberships and
    participations are built by the factories and saved in bulk, to keep the test quick.
    Returns the networks in the order made: the first is the portal's own (the lowest pk).
    """
    programme = ProgrammeFactory()
    towns = MunicipalityFactory.create_batch(municipalities)
    statuses = list(models.Trial.Status)
    made, memberships, trials = [], [], []
    for index in range(networks):
        members = [
            towns[(index * members_per_network + offset) % municipalities] for offset in range(members_per_network)
        ]
        network = NetworkFactory(programme=programme, lead_municipality=members[0], start_year=2016 + index % 3)
        made.append(network)
        memberships += [NetworkMembershipFactory.build(network=network, municipality=m) for m in members]
        for number in range(1, rounds + 1):
            application_round = ApplicationRoundFactory(
                network=network,
                number=number,
                deadline=datetime.date(2016 + number, 1 + index % 12, 1),
                applications_sent=trials_per_round + index % 3,
                applications_approved=trials_per_round,
            )
            for position in range(trials_per_round):
                trial = TrialFactory.build(
                    application_round=application_round,
                    number_in_round=position + 1,
                    status=statuses[(index + position) % len(statuses)],
                )
                trials.append((trial, [members[(position + k) % members_per_network] for k in range(3)]))
    models.NetworkMembership.objects.bulk_create(memberships)
    models.Trial.objects.bulk_create([trial for trial, _members in trials])
    models.Participation.objects.bulk_create(
        ParticipationFactory.build(trial=trial, municipality=municipality)
        for trial, taking_part in trials
        for municipality in taking_part
    )
    return made
