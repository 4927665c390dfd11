"""factory-boy factories for committees and meetings; published by default."""

import datetime

import factory

from meetings import models
from trials.tests.factories import MunicipalityFactory, UserFactory


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
    date = factory.Sequence(lambda n: datetime.date(2018, 1, 1) + datetime.timedelta(days=n))
    start_time = datetime.time(8, 30)
    place = "Rådssalen"
    state = models.Meeting.State.HELD
    is_published = True


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Attendance

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    kind = models.Attendance.Kind.PRESENT


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    position = factory.SelfAttribute("number")
    title = factory.Sequence(lambda n: f"Punkt om emne {n}")


class CommitteeDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CommitteeDecision

    committee = factory.SelfAttribute("agenda_item.meeting.committee")
    agenda_item = factory.SubFactory(AgendaItemFactory)
    outcome = models.CommitteeDecision.Outcome.APPROVED
    text = "Godkendt."
    is_published = True


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Document

    title = factory.Sequence(lambda n: f"Bilag {n}")
    kind = models.Document.Kind.ATTACHMENT
    is_published = True


class CommitteeSecretaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CommitteeSecretary

    user = factory.SubFactory(UserFactory)
    committee = factory.SubFactory(CommitteeFactory)
