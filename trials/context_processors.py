"""Context the public templates share."""

from django.utils.functional import SimpleLazyObject

from .models import GlossaryTerm


def glossary(request):
    """The glossary terms, fetched once per request and only if a template marks text up."""
    return {"glossary_terms": SimpleLazyObject(lambda: list(GlossaryTerm.objects.all()))}
