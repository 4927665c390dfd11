"""The public news pages: the list on the knowledge-sharing page (vidensdeling) and each item."""

from django.views.generic import DetailView, ListView

from .models import NewsItem


class NewsList(ListView):
    """Published news, newest first; the template adds the evaluation documents (meetings' tag)."""

    context_object_name = "news_items"
    paginate_by = 20

    def get_queryset(self):
        return NewsItem.objects.public().order_by("-date", "title")


class NewsDetail(DetailView):
    queryset = NewsItem.objects.public()
