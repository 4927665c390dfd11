"""factory-boy factories for the meetings app: valid objects with the fewest arguments."""

import factory

from meetings.models import Committee
from trials.tests.factories import MunicipalityFactory


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    name = factory.Sequence(lambda n: f"Udvalg {n}")
    slug = factory.Sequence(lambda n: f"udvalg-{n}")
    municipality = factory.SubFactory(MunicipalityFactory)

