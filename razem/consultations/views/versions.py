"""Versions of the draft: publishing a new text (staff), the list of versions and the
side-by-side comparison of two of them (everyone who may see the consultation)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from razem.consultations import diff
from razem.consultations.exceptions import ConsultationError
from razem.consultations.forms.versions import CompareForm, VersionForm
from razem.consultations.rules import can
from razem.consultations.selectors import consultation_get_for_user
from razem.consultations.services.versions import version_create


@login_required
def version_create_view(request, slug):
    consultation = consultation_get_for_user(user=request.user, slug=slug)
    if not can(request.user, "consultations.publish_version", consultation):
        raise PermissionDenied
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = version_create(
                consultation=consultation,
                actor=request.user,
                **form.service_kwargs(),
            )
        except ConsultationError as exc:
            if exc.status_code == 403:
                raise PermissionDenied from exc
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            count = version.sections.count()
            messages.success(
                request,
                ngettext(
                    "Version %(number)s is published with %(count)s section.",
                    "Version %(number)s is published with %(count)s sections.",
                    count,
                )
                % {"number": version.number, "count": count},
            )
            return redirect("consultations:versions", slug=consultation.slug)
    return render(
        request,
        "consultations/versions/form.html",
        {
            "consultation": consultation,
            "form": form,
            "current": consultation.current_version,
        },
        status=400 if form.errors else 200,
    )


@require_GET
def version_list(request, slug):
    consultation = consultation_get_for_user(user=request.user, slug=slug)
    versions = list(
        consultation.versions.annotate(sections_count=Count("sections")).order_by(
            "-number"
        )
    )
    numbers = sorted(v.number for v in versions)
    compare = None
    if len(numbers) >= 2:
        compare = CompareForm(
            request.GET if "old" in request.GET else None, numbers=numbers
        )
        if compare.is_bound and compare.is_valid():
            return redirect(
                "consultations:diff",
                slug=consultation.slug,
                old=compare.cleaned_data["old"],
                new=compare.cleaned_data["new"],
            )
    return render(
        request,
        "consultations/versions/list.html",
        {
            "consultation": consultation,
            "versions": versions,
            "compare": compare,
            "can_publish": can(
                request.user, "consultations.publish_version", consultation
            ),
        },
        status=400 if compare is not None and compare.errors else 200,
    )


@require_GET
def version_diff(request, slug, old, new):
    consultation = consultation_get_for_user(user=request.user, slug=slug)
    found = {v.number: v for v in consultation.versions.filter(number__in=[old, new])}
    if old not in found or new not in found:
        raise Http404
    rows = diff.version_diff(found[old], found[new])
    counts = diff.diff_counts(rows)
    only_changes = request.GET.get("zmiany") == "1"
    if only_changes:
        rows = [row for row in rows if row.status != diff.UNCHANGED]
    labels = {
        diff.UNCHANGED: _("section unchanged"),
        diff.CHANGED: _("section changed"),
        diff.ADDED: _("section added"),
        diff.REMOVED: _("section removed"),
    }
    return render(
        request,
        "consultations/versions/diff.html",
        {
            "consultation": consultation,
            "old": found[old],
            "new": found[new],
            "rows": [(row, labels[row.status]) for row in rows],
            "counts": counts,
            "only_changes": only_changes,
        },
    )
