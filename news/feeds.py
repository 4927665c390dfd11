"""The Atom feed of the network's published news."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pagecache.feeds import DataDatedAtomFeed

from .models import NewsItem


class NewsFeed(Feed):
    feed_type = DataDatedAtomFeed
    title = _("Frikommuneportalen: nyheder")
    author_name = _("Frikommunenetværket i Nordjylland")
    subtitle = _("Nyt fra frikommunenetværket i Nordjylland.")

    def link(self):
        return reverse("news:list")

    def items(self):
        return NewsItem.objects.public().order_by("-date", "-pk")[:50]

    def item_title(self, news_item):
        return news_item.title

    def item_description(self, news_item):
        return news_item.body

    def item_updateddate(self, news_item):
        return timezone.make_aware(datetime.datetime.combine(news_item.date, datetime.time()))

    item_pubdate = item_updateddate
