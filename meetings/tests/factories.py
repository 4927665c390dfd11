"""Factories for committees, meetings, agenda items and decisions."""

import datetime

import factory

from meetings import models
from trials.tests.factories import MunicipalityFactory


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Committee

    name = factory.Sequence(lambda n: f"Udvalg {n}")
    slug = factory.Sequence(lambda n: f"udvalg-{n}")
    municipality = factory.SubFactory(MunicipalityFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Meeting

    committee = factory.SubFactory(CommitteeFactory)
    date = factory.Sequence(
        lambda n: datetime.date(2018, 1, 1) + datetime.timedelta(days=n)
    )
    is_published = True


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    position = factory.SelfAttribute("number")
    title = factory.Sequence(lambda n: f"Punkt {n}")


class CommitteeDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CommitteeDecision

    committee = factory.SubFactory(CommitteeFactory)
    outcome = models.CommitteeDecision.Outcome.APPROVED
    text = "Godkendt."
    is_published = True
