"""factory-boy factories for e-mail subscriptions; confirmed by default."""

import factory
from django.utils import timezone

from alerts import models
from trials.tests.factories import TrialFactory


class SubscriptionFactory(factory.django.DjangoModelFactory):
    """A confirmed subscription to a trial; pass `kind` and the matching subject for another kind."""

    class Meta:
        model = models.Subscription

    email = factory.Sequence(lambda n: f"borger{n}@example.dk")
    kind = models.Subscription.Kind.TRIAL
    trial = factory.Maybe(
        factory.LazyAttribute(lambda o: o.kind == models.Subscription.Kind.TRIAL),
        factory.SubFactory(TrialFactory),
        None,
    )
    language = models.Subscription.Language.DANISH
    confirmed_at = factory.LazyFunction(timezone.now)
