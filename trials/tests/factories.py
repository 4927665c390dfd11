"""factory-boy factories for the register; published by default, as most tests read public pages."""

import datetime

import factory

from trials import models


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Programme

    name = factory.Sequence(lambda n: f"Frikommuneforsøg {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")
    start_year = 2016
    end_year = 2020


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Municipality

    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.Sequence(lambda n: f"kommune-{n}")


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Network

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Netværk {n}")
    slug = factory.Sequence(lambda n: f"netvaerk-{n}")
    theme = "Beskæftigelse"
    start_year = 2016
    lead_municipality = factory.SubFactory(MunicipalityFactory)


class ApplicationRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ApplicationRound

    network = factory.SubFactory(NetworkFactory)
    number = factory.Sequence(lambda n: n + 10)
    deadline = datetime.date(2017, 11, 1)
    applications_sent = 2
    applications_approved = 1


class TrialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Trial

    application_round = factory.SubFactory(ApplicationRoundFactory)
    number_in_round = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Forsøg nummer {n}")
    slug = factory.Sequence(lambda n: f"forsoeg-{n}")
    is_published = True


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Participation

    trial = factory.SubFactory(TrialFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    kind = models.Participation.Kind.JOINED_LATER


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.NewsItem

    title = factory.Sequence(lambda n: f"Nyhed {n}")
    slug = factory.Sequence(lambda n: f"nyhed-{n}")
    date = datetime.date(2018, 2, 1)
    body = "Nyt fra netværket."
    is_published = True
