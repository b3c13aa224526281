"""The NGO registry's pages: thin adapters around services and selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from razem.core.exports import FORMATS, build_dataset, export_response
from razem.core.pagination import paginate
from razem.events.selectors import events_of_organisation
from razem.organisations import selectors, services
from razem.organisations.exceptions import OrganisationError
from razem.organisations.forms import (
    DecisionForm,
    MembershipRequestForm,
    OrganisationFilterForm,
    OrganisationForm,
    VerifyForm,
)
from razem.organisations.models import Membership


def _require(request, permission: str, organisation=None) -> None:
    if not request.user.has_perm(permission, organisation):
        raise PermissionDenied


def _filtered(request):
    form = OrganisationFilterForm(request.GET)
    form.is_valid()
    return form, selectors.organisation_list(**form.selector_kwargs())


def organisation_list(request):
    form, organisations = _filtered(request)
    page_obj = paginate(request, organisations)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "organisations/list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "export_query": query.urlencode(),
            "export_formats": list(FORMATS),
        },
    )


def organisation_export(request, fmt):
    if fmt not in FORMATS:
        raise Http404
    form, organisations = _filtered(request)
    if form.errors:
        return HttpResponseBadRequest(
            "; ".join(f"{name}: {' '.join(e)}" for name, e in form.errors.items()),
            content_type="text/plain; charset=utf-8",
        )
    headers = [
        _("Name"), _("Short name"), _("Legal form"), _("KRS number"), _("NIP"),
        _("REGON"), _("Seat (gmina)"), _("Powiat"), _("Voivodeship"),
        _("Public benefit areas"), _("Public benefit organisation (OPP)"),
        _("Verified"), _("Website"), _("Profile"),
    ]  # fmt: skip
    yes, no = _("yes"), _("no")
    rows = (
        [
            o.name,
            o.short_name,
            o.get_legal_form_display(),
            o.krs,
            o.nip,
            o.regon,
            o.seat.name,
            o.seat.parent.name if o.seat.parent else "",
            o.seat.parent.parent.name if o.seat.parent and o.seat.parent.parent else "",
            "; ".join(area.name for area in o.areas.all()),
            yes if o.is_public_benefit else no,
            yes if o.is_verified else no,
            o.website,
            request.build_absolute_uri(o.get_absolute_url()),
        ]  # fmt: skip
        for o in organisations
    )
    dataset = build_dataset(headers, rows, title=_("Organisations"))
    return export_response(dataset, fmt, "organizacje")


def _detail_context(request, organisation, request_form=None) -> dict:
    user = request.user
    membership = selectors.membership_of(user=user, organisation=organisation)
    can_request = user.has_perm("organisations.request_membership", organisation) and (
        membership is None or membership.status == Membership.Status.REJECTED
    )
    return {
        "organisation": organisation,
        "membership": membership,
        "can_change": user.has_perm("organisations.change_organisation", organisation),
        "can_view_members": user.has_perm("organisations.view_members", organisation),
        "can_verify": user.has_perm("organisations.verify_organisation", organisation),
        "upcoming_events": events_of_organisation(organisation=organisation)[:10],
        "request_form": (request_form or MembershipRequestForm())
        if can_request
        else None,
    }


def organisation_detail(request, slug):
    organisation = selectors.organisation_get_public(slug=slug)
    return render(
        request, "organisations/detail.html", _detail_context(request, organisation)
    )


def _save_organisation(request, form, organisation=None):
    """Call the service; domain errors become form errors. Returns the organisation."""
    data = form.service_kwargs()
    try:
        if organisation is None:
            return services.organisation_create(actor=request.user, **data)
        return services.organisation_update(
            actor=request.user, organisation=organisation, **data
        )
    except OrganisationError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc)
    return None


@login_required
def organisation_create(request):
    _require(request, "organisations.add_organisation")
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        organisation = _save_organisation(request, form)
        if organisation is not None:
            messages.success(request, _("The organisation has been registered."))
            return redirect(organisation)
    return render(request, "organisations/form.html", {"form": form})


@login_required
def organisation_edit(request, slug):
    organisation = selectors.organisation_get_public(slug=slug)
    _require(request, "organisations.change_organisation", organisation)
    # The form works on its own copy so a failed attempt leaves the heading intact.
    form = OrganisationForm(
        request.POST or None,
        request.FILES or None,
        instance=selectors.organisation_get_public(slug=slug),
    )
    if request.method == "POST" and form.is_valid():
        if _save_organisation(request, form, organisation) is not None:
            messages.success(request, _("The changes have been saved."))
            return redirect(organisation)
    return render(
        request, "organisations/form.html", {"form": form, "organisation": organisation}
    )


@require_POST
def organisation_verify(request, slug):
    organisation = selectors.organisation_get_public(slug=slug)
    _require(request, "organisations.verify_organisation", organisation)
    form = VerifyForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose whether the organisation is verified."))
    verified = form.cleaned_data["verified"]
    services.organisation_set_verified(
        actor=request.user, organisation=organisation, verified=verified
    )
    messages.success(
        request,
        _("The organisation is marked as verified.")
        if verified
        else _("The verification has been withdrawn."),
    )
    return redirect(organisation)


@require_POST
@login_required
def membership_request(request, slug):
    organisation = selectors.organisation_get_public(slug=slug)
    _require(request, "organisations.request_membership", organisation)
    form = MembershipRequestForm(request.POST)
    if form.is_valid():
        try:
            services.membership_request(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except OrganisationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("Your request has been sent to the representatives.")
            )
        return redirect(organisation)
    context = _detail_context(request, organisation, request_form=form)
    return render(request, "organisations/detail.html", context, status=400)


@login_required
def organisation_members(request, slug):
    organisation = selectors.organisation_get_public(slug=slug)
    _require(request, "organisations.view_members", organisation)
    can_manage = request.user.has_perm("organisations.manage_members", organisation)
    pending = (
        selectors.organisation_pending_requests(organisation=organisation)
        if can_manage
        else None
    )
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "members": selectors.organisation_members(organisation=organisation),
            "pending": pending,
            "can_manage": can_manage,
        },
    )


def _membership(slug, pk) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("organisation", "user"),
        pk=pk,
        organisation__slug=slug,
    )


@require_POST
@login_required
def membership_decide(request, slug, pk):
    membership = _membership(slug, pk)
    _require(request, "organisations.manage_members", membership.organisation)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose to approve or reject the request."))
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.membership_decide(
            actor=request.user, membership=membership, approve=approve
        )
    except OrganisationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The request has been approved.")
            if approve
            else _("The request has been rejected."),
        )
    return redirect("organisations:members", slug=slug)


@require_POST
@login_required
def membership_remove(request, slug, pk):
    membership = _membership(slug, pk)
    organisation = membership.organisation
    leaving = membership.user_id == request.user.pk
    withdrawing = leaving and membership.status == Membership.Status.PENDING
    if not leaving:
        _require(request, "organisations.manage_members", organisation)
    try:
        services.membership_remove(actor=request.user, membership=membership)
    except OrganisationError as exc:
        messages.error(request, exc.message)
        if leaving and not request.user.has_perm(
            "organisations.view_members", organisation
        ):
            return redirect(organisation)
        return redirect("organisations:members", slug=slug)
    if leaving:
        messages.success(
            request,
            _("Your request has been withdrawn.")
            if withdrawing
            else _("You have left the organisation."),
        )
        return redirect(organisation)
    messages.success(request, _("The member has been removed."))
    return redirect("organisations:members", slug=slug)
