"""Context the public templates share."""

from django.utils.functional import SimpleLazyObject

from .models import GlossaryTerm, Network


def glossary(request):
    """The glossary terms, fetched once per request and only if a template marks text up."""
    return {"glossary_terms": SimpleLazyObject(lambda: list(GlossaryTerm.objects.all()))}


def portal_network(request):
    """The network the footer names, in one query and only if a page renders the footer.

    With several networks, the portal's own is the first one entered (NetworkQuerySet.portal). A view
    that has already fetched the networks may pass ``portal_network`` itself and save the query.
    """
    return {
        "portal_network": SimpleLazyObject(
            lambda: Network.objects.select_related("lead_municipality").with_member_count().portal()
        )
    }
