"""The search page."""

from django.shortcuts import render

from .backends import backend_for, page_hits, ranked_page
from .forms import SearchForm

PAGE_SIZE = 20


def suggestion_query(request, form, suggestion):
    """The query string of the suggested search: the same valid filters, from the first page."""
    if not suggestion:
        return ""
    params = request.GET.copy()
    params["q"] = suggestion
    for name in ["page", *form.errors]:
        params.pop(name, None)
    return params.urlencode()


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
            suggestion_query=suggestion_query(request, form, backend.suggestion),
        )
    return render(request, "search/search.html", context)
