"""The search page."""

from django.shortcuts import render

from .backends import backend_for, page_hits, ranked_page
from .forms import SearchForm

PAGE_SIZE = 20


def search(request):
    """One box, results from every kind of public content, best first, narrowed by the filters."""
    form = SearchForm(request.GET or None)
    context = {"form": form, "text": "", "hits": [], "page_obj": None, "suggestion": None}
    if text := form.text():
        backend = backend_for(text, form.filters())
        page_obj = ranked_page(backend, request.GET.get("page"), PAGE_SIZE)
        context.update(
            text=text,
            page_obj=page_obj,
            hits=page_hits(backend, list(page_obj.object_list)),
            suggestion=backend.suggestion,
        )
    return render(request, "search/search.html", context)
