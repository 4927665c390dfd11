"""Factories for the news: valid objects with the fewest arguments."""

import datetime

import factory

from news import models


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.NewsItem

    title = factory.Sequence(lambda n: f"Nyhed {n}")
    slug = factory.Sequence(lambda n: f"nyhed-{n}")
    date = datetime.date(2018, 2, 1)
    body = "Nyt fra netværket."
    is_published = True
