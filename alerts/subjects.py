"""What one may follow, found from the words a form or a signed link carries: a kind and a slug or a search."""

from meetings.models import Committee
from trials.models import Municipality, Trial

from .models import SEARCH_QUERY_MAX_LENGTH, Subscription

Kind = Subscription.Kind


def normalize_search(text):
    """A search's words as the search page reads them: whitespace collapsed, "" for nothing to search."""
    return " ".join((text or "").split())


def find_subject(kind, value):
    """The public trial, the municipality or the committee with this slug, or the search's words; None if none.

    A trial must be published (its page is public); municipalities and committees have no drafts.
    """
    if kind == Kind.SEARCH:
        text = normalize_search(value)
        return text if text and len(text) <= SEARCH_QUERY_MAX_LENGTH else None
    models = {
        Kind.TRIAL: Trial.objects.public(),
        Kind.MUNICIPALITY: Municipality.objects.all(),
        Kind.COMMITTEE: Committee.objects.select_related("municipality"),
    }
    if kind not in models or not value:
        return None
    return models[kind].filter(slug=value).first()


def subject_key(kind, subject):
    """What names the subject in a form or a link: its slug, or the search's words."""
    return subject if kind == Kind.SEARCH else subject.slug
