from django.shortcuts import get_object_or_404, render

from razem.core.pagination import paginate
from razem.organisations.models import Organisation


def organisation_list(request):
    page_obj = paginate(request, Organisation.objects.select_related("seat"))
    return render(request, "organisations/list.html", {"page_obj": page_obj})


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    return render(request, "organisations/detail.html", {"organisation": organisation})
