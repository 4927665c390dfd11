"""A sitemap section whose lastmod is when each object last changed, read from its history."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.functional import cached_property


class ChangedSitemap(Sitemap):
    """A section of public objects, each with lastmod: the day of its newest history record.

    Our models keep no updated_at; their django-simple-history records (every save in the admin, the
    minutes import and the shell) are the change time. Objects loaded by loaddata have no history:
    they take the date in fallback_date_field (a meeting's or news item's own date, never later than
    today), or go without lastmod.
    """

    # URLs in one sitemap file; more make a second page (?p=2). Far below the protocol's 50,000, so that
    # a page stays near 100 KB and is written again in some 15 ms after a change: at 50,000, the national
    # data's participations and meetings were single pages of 0.5-0.7 MB taking 50-150 ms.
    limit = 1000
    fallback_date_field = None

    def public_items(self):
        """The objects of the section, ordered, as the public may see them."""
        raise NotImplementedError

    def history_model(self):
        return self.public_items().model.history.model

    def items(self):
        newest = self.history_model().objects.filter(id=OuterRef("pk")).order_by("-history_date")
        return self.public_items().annotate(last_changed=Subquery(newest.values("history_date")[:1]))

    def lastmod(self, item):
        fallback = getattr(item, self.fallback_date_field) if self.fallback_date_field else None
        return self.day(item.last_changed, fallback)

    @cached_property
    def _zone_and_today(self):
        # Looked up once for a section's thousands of rows: each lookup reads a thread-local.
        zone = timezone.get_current_timezone()
        return zone, timezone.localdate(timezone=zone)

    def day(self, last_changed, fallback=None):
        """The lastmod of an object changed at last_changed (None: no history), else of its own date."""
        zone, today = self._zone_and_today
        if last_changed is not None:
            return last_changed.astimezone(zone).date()
        if fallback is not None:
            return min(fallback, today)
        return None

    def summary(self):
        """(number of items, newest lastmod) for the index, in one query."""
        aggregates = {"count": Count("pk"), "changed": Max("last_changed")}
        if self.fallback_date_field:
            aggregates["dated"] = Max(self.fallback_date_field)
        result = self.items().order_by().aggregate(**aggregates)
        dates = [timezone.localdate(result["changed"])] if result["changed"] else []
        if result.get("dated"):
            dates.append(min(result["dated"], timezone.localdate()))
        return result["count"], max(dates, default=None)
