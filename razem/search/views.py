from django.shortcuts import render
from django.views.decorators.http import require_GET

from razem.core.pagination import paginate
from razem.search.forms import SearchForm
from razem.search.selectors import SearchHits


@require_GET
def search_page(request):
    """Every searchable kind in one list; works without JavaScript."""
    form = SearchForm(request.GET or None)
    page_obj = None
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        page_obj = paginate(request, SearchHits(**form.criteria()))
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "search/search.html",
        {"form": form, "page_obj": page_obj},
        status=status,
    )
