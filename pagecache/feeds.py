"""An Atom feed whose `updated` comes from the data, also when the feed has no entries."""

from django.utils.feedgenerator import Atom1Feed

from .models import DataVersion


class DataDatedAtomFeed(Atom1Feed):
    """Atom1Feed dates an empty feed with the clock, so it changes on every request; this one with the
    last change to the public data (RFC 4287: `updated` is when the feed last changed)."""

    def latest_post_date(self):
        if any(item.get("updateddate") or item.get("pubdate") for item in self.items):
            return super().latest_post_date()
        version = DataVersion.objects.filter(pk=1).only("changed_at").first()
        return version.changed_at if version else super().latest_post_date()
