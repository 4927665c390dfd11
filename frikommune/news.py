"""The knowledge-sharing pages (vidensdeling): news and published evaluation documents."""

from django.db.models import Prefetch
from django.views.generic import ListView

from meetings.models import Document
from trials.models import NewsItem, Trial

KNOWLEDGE_DOCUMENT_KINDS = (Document.Kind.EVALUATION_DESIGN, Document.Kind.EVALUATION_REPORT)


class NewsList(ListView):
    """Published news, newest first, and the published evaluation designs and reports."""

    template_name = "frikommune/news_list.html"
    context_object_name = "news_items"
    paginate_by = 20

    def get_queryset(self):
        return NewsItem.objects.public().order_by("-date", "title")

    def get_context_data(self, **kwargs):
        documents = (
            Document.objects.public()
            .filter(kind__in=KNOWLEDGE_DOCUMENT_KINDS)
            .prefetch_related(Prefetch("trials", queryset=Trial.objects.public()))
            .order_by("kind", "-date", "title")
        )
        return super().get_context_data(documents=documents, **kwargs)
