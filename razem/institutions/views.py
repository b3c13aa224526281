"""Pages of institutions: thin adapters over selectors.py and services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from razem.consultations.selectors import consultations_of_institution
from razem.core.exceptions import DomainError
from razem.core.exports import FORMATS, build_dataset, export_response
from razem.core.pagination import paginate
from razem.events.selectors import events_of_institution
from razem.institutions import forms, selectors, services

STAFF_PERM = "institutions.manage_staff"
CHANGE_PERM = "institutions.change_institution"


def _show_error(form, exc: DomainError | ValidationError) -> None:
    """Put a service's refusal on the field it names (or above the form) and tie the
    message to the field for screen readers, as core.forms does for form errors."""
    if isinstance(exc, DomainError):
        items = [(exc.field, [exc.message])]
    elif hasattr(exc, "error_dict"):
        items = list(exc.message_dict.items())
    else:
        items = [(None, exc.messages)]
    for field, errors in items:
        name = field if field in form.fields else None
        for error in errors:
            form.add_error(name, error)
        if name:
            widget = form.fields[name].widget
            error_id = f"{form[name].auto_id}_error"
            ids = widget.attrs.get("aria-describedby", "").split()
            if error_id not in ids:
                widget.attrs["aria-describedby"] = " ".join([*ids, error_id])


def _posted(request):
    """The submitted data, or None on GET (an empty POST still binds the form)."""
    return request.POST if request.method == "POST" else None


def _institution_for(request, slug: str, perm: str):
    institution = selectors.institution_get(slug=slug)
    if not request.user.has_perm(perm, institution):
        raise PermissionDenied
    return institution


@require_GET
def institution_list(request):
    form = forms.InstitutionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page_obj = paginate(request, selectors.institution_list(**filters))
    return render(
        request,
        "institutions/list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "can_add": request.user.has_perm("institutions.add_institution"),
        },
    )


LIAISON_HEADERS = (
    gettext_lazy("Institution"),
    gettext_lazy("Kind"),
    gettext_lazy("Territory"),
    gettext_lazy("NGO liaison"),
    gettext_lazy("E-mail"),
    gettext_lazy("Phone"),
    gettext_lazy("Page on the platform"),
)


@require_GET
def liaison_list(request):
    fmt = request.GET.get("format")
    if fmt is not None and fmt not in FORMATS:
        return HttpResponseBadRequest(
            _("Unknown export format: choose csv, xlsx or ods."),
            content_type="text/plain; charset=utf-8",
        )
    data = request.GET.copy()
    data.pop("format", None)
    data.pop("page", None)
    form = forms.LiaisonFilterForm(data or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    institutions = selectors.liaison_list(**filters)
    if fmt:
        rows = (
            (
                i.name,
                i.get_kind_display(),
                str(i.territory or ""),
                i.liaison_name,
                i.liaison_email,
                i.liaison_phone,
                request.build_absolute_uri(i.get_absolute_url()),
            )
            for i in institutions
        )
        headers = [str(header) for header in LIAISON_HEADERS]
        dataset = build_dataset(headers, rows, title=_("NGO liaisons"))
        return export_response(dataset, fmt, "pelnomocnicy")
    return render(
        request,
        "institutions/liaisons.html",
        {
            "form": form,
            "page_obj": paginate(request, institutions),
            "formats": list(FORMATS),
        },
    )


@require_GET
def institution_detail(request, slug):
    institution = selectors.institution_detail(slug=slug)
    return render(
        request,
        "institutions/detail.html",
        {
            "institution": institution,
            "can_change": request.user.has_perm(CHANGE_PERM, institution),
            "can_view_staff": request.user.has_perm(
                "institutions.view_staff", institution
            ),
            "upcoming_events": events_of_institution(institution=institution)[:10],
            "consultations": consultations_of_institution(institution=institution),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def institution_create(request):
    if not request.user.has_perm("institutions.add_institution"):
        raise PermissionDenied
    form = forms.InstitutionCreateForm(_posted(request))
    if form.is_valid():
        try:
            institution = services.institution_create(
                actor=request.user, **form.cleaned_data
            )
        except (DomainError, ValidationError) as exc:
            _show_error(form, exc)
        else:
            messages.success(request, _("The institution has been created."))
            return redirect(institution)
    return render(request, "institutions/create.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def institution_edit(request, slug):
    institution = _institution_for(request, slug, CHANGE_PERM)
    form = forms.InstitutionProfileForm(
        _posted(request),
        initial=model_to_dict(institution, fields=services.PROFILE_FIELDS),
    )
    if form.is_valid():
        try:
            services.institution_update(
                actor=request.user, institution=institution, changes=form.cleaned_data
            )
        except (DomainError, ValidationError) as exc:
            _show_error(form, exc)
        else:
            messages.success(request, _("The profile has been saved."))
            return redirect(institution)
    return render(
        request, "institutions/edit.html", {"institution": institution, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_form(request, slug, pk=None):
    institution = _institution_for(request, slug, CHANGE_PERM)
    unit = selectors.unit_get(institution=institution, pk=pk) if pk else None
    initial = model_to_dict(unit, fields=services.UNIT_FIELDS) if unit else None
    form = forms.UnitForm(_posted(request), initial=initial)
    if form.is_valid():
        try:
            if unit:
                services.unit_update(
                    actor=request.user, unit=unit, changes=form.cleaned_data
                )
            else:
                services.unit_create(
                    actor=request.user, institution=institution, **form.cleaned_data
                )
        except (DomainError, ValidationError) as exc:
            _show_error(form, exc)
        else:
            messages.success(request, _("The unit has been saved."))
            return redirect(institution)
    return render(
        request,
        "institutions/unit_form.html",
        {"institution": institution, "unit": unit, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_delete(request, slug, pk):
    institution = _institution_for(request, slug, CHANGE_PERM)
    unit = selectors.unit_get(institution=institution, pk=pk)
    if request.method == "POST":
        services.unit_delete(actor=request.user, unit=unit)
        messages.success(request, _("The unit has been deleted."))
        return redirect(institution)
    return render(
        request,
        "institutions/confirm_delete.html",
        {
            "institution": institution,
            "object": unit,
            "question": _("Delete the unit “%(name)s”?") % {"name": unit.name},
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def thematic_group_form(request, slug, pk=None):
    institution = _institution_for(request, slug, CHANGE_PERM)
    group = selectors.thematic_group_get(institution=institution, pk=pk) if pk else None
    initial = None
    if group:
        initial = {
            **model_to_dict(group, fields=["name", "description", "unit"]),
            "areas": list(group.areas.all()),
        }
    form = forms.ThematicGroupForm(
        _posted(request), initial=initial, institution=institution
    )
    if form.is_valid():
        try:
            if group:
                services.thematic_group_update(
                    actor=request.user, group=group, changes=form.cleaned_data
                )
            else:
                services.thematic_group_create(
                    actor=request.user, institution=institution, **form.cleaned_data
                )
        except (DomainError, ValidationError) as exc:
            _show_error(form, exc)
        else:
            messages.success(request, _("The thematic group has been saved."))
            return redirect(institution)
    return render(
        request,
        "institutions/thematic_group_form.html",
        {"institution": institution, "group": group, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def thematic_group_delete(request, slug, pk):
    institution = _institution_for(request, slug, CHANGE_PERM)
    group = selectors.thematic_group_get(institution=institution, pk=pk)
    if request.method == "POST":
        services.thematic_group_delete(actor=request.user, group=group)
        messages.success(request, _("The thematic group has been deleted."))
        return redirect(institution)
    question = _("Delete the thematic group “%(name)s”?") % {"name": group.name}
    return render(
        request,
        "institutions/confirm_delete.html",
        {"institution": institution, "object": group, "question": question},
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_list(request, slug):
    institution = _institution_for(request, slug, "institutions.view_staff")
    can_manage = request.user.has_perm(STAFF_PERM, institution)
    form = None
    if can_manage:
        form = forms.StaffAddForm(_posted(request), institution=institution)
    elif request.method == "POST":
        raise PermissionDenied
    if form is not None and form.is_valid():
        try:
            services.staff_add(
                actor=request.user, institution=institution, **form.cleaned_data
            )
        except (DomainError, ValidationError) as exc:
            _show_error(form, exc)
        else:
            messages.success(request, _("The person has been added to the staff."))
            return redirect("institutions:staff", slug=institution.slug)
    return render(
        request,
        "institutions/staff.html",
        {
            "institution": institution,
            "form": form,
            "can_manage": can_manage,
            "staff": selectors.staff_list(institution=institution),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_edit(request, slug, pk):
    institution = _institution_for(request, slug, STAFF_PERM)
    member = selectors.staff_get(institution=institution, pk=pk)
    form = forms.StaffForm(
        _posted(request),
        institution=institution,
        initial=model_to_dict(member, fields=["unit", "is_liaison", "is_manager"]),
    )
    if form.is_valid():
        try:
            services.staff_update(actor=request.user, staff=member, **form.cleaned_data)
        except (DomainError, ValidationError) as exc:
            _show_error(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("institutions:staff", slug=institution.slug)
    return render(
        request,
        "institutions/staff_form.html",
        {"institution": institution, "member": member, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_remove(request, slug, pk):
    institution = _institution_for(request, slug, STAFF_PERM)
    member = selectors.staff_get(institution=institution, pk=pk)
    error = None
    if request.method == "POST":
        try:
            services.staff_remove(actor=request.user, staff=member)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("The person has been removed from the staff."))
            return redirect("institutions:staff", slug=institution.slug)
    question = _("Remove %(name)s from the staff?") % {"name": member.user.display_name}
    return render(
        request,
        "institutions/confirm_delete.html",
        {
            "institution": institution,
            "object": member,
            "question": question,
            "error": error,
            "cancel_url": "staff",
        },
        status=400 if error else 200,
    )
