from django.conf import settings
from django.core.paginator import Paginator


def paginate(request, queryset, per_page: int | None = None):
    """A page of `queryset`; a bad or out-of-range ?page= gives the nearest valid page."""
    paginator = Paginator(queryset, per_page or settings.RAZEM_PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))
