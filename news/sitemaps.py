"""The news section of the sitemap: published items only."""

from frikommune.changed_sitemaps import ChangedSitemap

from .models import NewsItem


class NewsSitemap(ChangedSitemap):
    fallback_date_field = "date"

    def public_items(self):
        return NewsItem.objects.public().order_by("pk")
