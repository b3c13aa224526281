from django.shortcuts import get_object_or_404, render

from razem.core.pagination import paginate
from razem.institutions.models import Institution


def institution_list(request):
    page_obj = paginate(request, Institution.objects.select_related("territory"))
    return render(request, "institutions/list.html", {"page_obj": page_obj})


def liaison_list(request):
    page_obj = paginate(request, Institution.objects.exclude(liaison_name=""))
    return render(request, "institutions/liaisons.html", {"page_obj": page_obj})


def institution_detail(request, slug):
    institution = get_object_or_404(Institution, slug=slug)
    return render(request, "institutions/detail.html", {"institution": institution})
