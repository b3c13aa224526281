"""Pages of initiatives and the map: thin adapters around services and selectors."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from razem.core.pagination import paginate
from razem.initiatives import geo, selectors, services
from razem.initiatives.exceptions import InitiativeError
from razem.initiatives.forms import (
    InitiativeFilterForm,
    InitiativeForm,
    MapFilterForm,
    ReviewForm,
)
from razem.initiatives.models import Photo
from razem.initiatives.rules import can

DEFAULT_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILES_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">'
    "OpenStreetMap</a> contributors"
)


def _require(request, permission: str, initiative=None) -> None:
    if not can(request.user, permission, initiative):
        raise PermissionDenied


@require_GET
def initiative_list(request):
    form = InitiativeFilterForm(request.GET)
    form.is_valid()
    page_obj = paginate(request, selectors.initiative_list(**form.selector_kwargs()))
    return render(
        request,
        "initiatives/list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "can_submit": can(request.user, "initiatives.add_initiative"),
        },
    )


def _detail_context(request, initiative, review_form=None) -> dict:
    user = request.user
    can_review = can(user, "initiatives.review_initiative", initiative)
    return {
        "initiative": initiative,
        "can_change": can(user, "initiatives.change_initiative", initiative),
        "can_review": can_review,
        "is_submitter": initiative.submitted_by_id == user.pk,
        "review_form": (review_form or ReviewForm()) if can_review else None,
    }


@require_GET
def initiative_detail(request, pk):
    initiative = selectors.initiative_get_for_user(user=request.user, pk=pk)
    return render(
        request, "initiatives/detail.html", _detail_context(request, initiative)
    )


def _form_errors(form, exc) -> None:
    """A domain or validation error from a service, shown on its field."""
    if isinstance(exc, InitiativeError):
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    elif hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
def initiative_create(request):
    _require(request, "initiatives.add_initiative")
    form = InitiativeForm(
        request.POST or None, request.FILES or None, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_submit(
                actor=request.user, **form.service_kwargs()
            )
        except (InitiativeError, ValidationError) as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request,
                _("Thank you. The initiative will be public once it is reviewed."),
            )
            return redirect(initiative)
    status = 400 if form.errors else 200
    return render(request, "initiatives/form.html", {"form": form}, status=status)


@login_required
def initiative_edit(request, pk):
    initiative = selectors.initiative_get_for_user(user=request.user, pk=pk)
    _require(request, "initiatives.change_initiative", initiative)
    form = InitiativeForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initiative=initiative,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_update(
                actor=request.user, initiative=initiative, **form.service_kwargs()
            )
        except (InitiativeError, ValidationError) as exc:
            if getattr(exc, "status_code", 400) == 409:
                messages.error(request, exc.message)
                return redirect(initiative)
            _form_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(initiative)
    status = 400 if form.errors else 200
    return render(
        request,
        "initiatives/form.html",
        {"form": form, "initiative": initiative},
        status=status,
    )


@require_POST
@login_required
def photo_remove(request, pk, photo_pk):
    initiative = selectors.initiative_get_for_user(user=request.user, pk=pk)
    photo = get_object_or_404(Photo, pk=photo_pk, initiative=initiative)
    _require(request, "initiatives.change_initiative", initiative)
    services.photo_remove(actor=request.user, photo=photo)
    messages.success(request, _("The photo has been removed."))
    return redirect("initiatives:edit", pk=initiative.pk)


@require_POST
@login_required
def initiative_review(request, pk):
    initiative = selectors.initiative_get_for_user(user=request.user, pk=pk)
    _require(request, "initiatives.review_initiative", initiative)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, initiative, review_form=form)
        return render(request, "initiatives/detail.html", context, status=400)
    publish = form.cleaned_data["decision"] == "publish"
    note = form.cleaned_data["note"]
    try:
        if publish:
            services.initiative_publish(
                actor=request.user, initiative=initiative, note=note
            )
        else:
            services.initiative_reject(
                actor=request.user, initiative=initiative, note=note
            )
    except InitiativeError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The initiative has been published.")
            if publish
            else _("The initiative has been rejected."),
        )
    return redirect(initiative)


@login_required
@require_GET
def review_queue(request):
    _require(request, "initiatives.view_review_queue")
    page_obj = paginate(request, selectors.review_queue(user=request.user))
    return render(request, "initiatives/review_queue.html", {"page_obj": page_obj})


@login_required
@require_GET
def my_initiatives(request):
    page_obj = paginate(request, selectors.initiatives_submitted_by(user=request.user))
    return render(request, "initiatives/mine.html", {"page_obj": page_obj})


@require_GET
def map_page(request):
    """The map of organisations and initiatives, with the same results as a list.

    Works without JavaScript: the filters are a GET form and the list is the content;
    the map (static/initiatives/map.js) reads the GeoJSON API with the same filters.
    """
    form = MapFilterForm(request.GET)
    form.is_valid()
    filters = form.selector_kwargs()
    page_obj = paginate(request, geo.map_places(**filters))
    api_query = urlencode({key: value for key, value in filters.items() if value})
    geojson_url = reverse("api:initiatives_geojson")
    return render(
        request,
        "initiatives/map.html",
        {
            "form": form,
            "page_obj": page_obj,
            "places": geo.place_rows(page_obj.object_list),
            "geojson_url": f"{geojson_url}?{api_query}" if api_query else geojson_url,
            "tiles_url": getattr(settings, "RAZEM_MAP_TILES_URL", DEFAULT_TILES_URL),
            "tiles_attribution": getattr(
                settings, "RAZEM_MAP_TILES_ATTRIBUTION", DEFAULT_TILES_ATTRIBUTION
            ),
            "max_features": geo.MAX_FEATURES,
        },
    )


@require_GET
def boundaries(request, level):
    """Powiat or voivodeship boundaries as GeoJSON, cacheable for a day."""
    if level not in geo.BOUNDARY_FILES:
        raise Http404
    content, etag = geo.boundaries(level)
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(content, content_type="application/geo+json")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=86400)
    return response
