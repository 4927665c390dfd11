"""The news section of sitemap.xml: published items only."""

from django.contrib.sitemaps import Sitemap

from .models import NewsItem


class NewsSitemap(Sitemap):
    def items(self):
        return NewsItem.objects.public().order_by("pk")

    def lastmod(self, news_item):
        return news_item.date
