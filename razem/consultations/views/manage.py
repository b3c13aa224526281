"""The institution's pages: thin adapters around razem.consultations.services.

Anonymous people are sent to sign in; a consultation the person may not see is a
404 (consultation_get_for_user), one they may see but not manage is a 403. State
changes are POST only (with CSRF); bad input re-displays the form with its errors
and status 400, a refusal because of the consultation's phase is shown with 409.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from razem.consultations import selectors
from razem.consultations.exceptions import ConsultationError
from razem.consultations.forms.manage import (
    AttachmentForm,
    CommentFilterForm,
    ConsultationForm,
    ReportPublishForm,
    ResponseForm,
    SubscriptionForm,
)
from razem.consultations.models import (
    Attachment,
    Comment,
    Consultation,
    Section,
    Subscription,
)
from razem.consultations.rules import can
from razem.consultations.services import consultations as services
from razem.consultations.services import manage as manage_services
from razem.consultations.services.responses import response_set
from razem.core.pagination import paginate
from razem.institutions.models import InstitutionStaff
from razem.organisations.models import Organisation

GET_POST = require_http_methods(["GET", "POST"])
RESPONSES_PER_PAGE = 50
GENERAL = selectors.GENERAL_KEY


def _consultation_for(request, slug: str, permission: str) -> Consultation:
    """The consultation if the person may see it (else 404) and has `permission`
    (else 403)."""
    consultation = selectors.consultation_get_for_user(user=request.user, slug=slug)
    if not can(request.user, permission, consultation):
        raise PermissionDenied
    return consultation


def _form_error(form, exc: ConsultationError) -> None:
    """A refusal from a service, shown on its field (or above the form)."""
    if exc.status_code == 403:
        raise PermissionDenied
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _status(*forms) -> int:
    return 400 if any(f is not None and f.errors for f in forms) else 200


def _manage_context(request, consultation: Consultation, current: str) -> dict:
    user = request.user
    return {
        "consultation": consultation,
        "current": current,
        "can_change": can(user, "consultations.change_consultation", consultation),
        "can_publish": can(user, "consultations.publish_consultation", consultation),
        "can_publish_version": can(user, "consultations.publish_version", consultation),
    }


# --- creating and editing --------------------------------------------------------


@login_required
@GET_POST
def consultation_create_view(request):
    if not can(request.user, "consultations.add_consultation"):
        raise PermissionDenied
    form = ConsultationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                consultation = services.consultation_create(
                    actor=request.user, **form.service_kwargs()
                )
                manage_services.invitations_set(
                    actor=request.user, consultation=consultation, **form.invitations()
                )
        except ConsultationError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "The consultation %(reference)s has been saved as a draft. Add "
                    "the text of the draft, then publish it."
                )
                % {"reference": consultation.reference},
            )
            return redirect("consultations:version_create", slug=consultation.slug)
    return render(
        request,
        "consultations/manage/consultation_form.html",
        {"form": form},
        status=_status(form),
    )


@login_required
@GET_POST
def consultation_edit_view(request, slug):
    consultation = _consultation_for(request, slug, "consultations.change_consultation")
    form = ConsultationForm(
        request.POST or None, user=request.user, consultation=consultation
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                consultation = services.consultation_update(
                    consultation=consultation,
                    actor=request.user,
                    **form.service_kwargs(),
                )
                manage_services.invitations_set(
                    actor=request.user, consultation=consultation, **form.invitations()
                )
        except ConsultationError as exc:
            _form_error(form, exc)
            status = exc.status_code
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("consultations:edit", slug=consultation.slug)
    context = _manage_context(request, consultation, "edit") | {"form": form}
    return render(
        request,
        "consultations/manage/consultation_form.html",
        context,
        status=max(status, _status(form)),
    )


@login_required
@require_POST
def publish_view(request, slug):
    consultation = selectors.consultation_get_for_user(user=request.user, slug=slug)
    if not can(request.user, "consultations.moderate", consultation):
        raise PermissionDenied
    try:
        services.consultation_publish(consultation=consultation, actor=request.user)
    except ConsultationError as exc:
        if exc.status_code == 403:
            raise PermissionDenied from None
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _(
                "The consultation has been published; it opens for comments at its "
                "start."
            ),
        )
    return redirect("consultations:edit", slug=consultation.slug)


# --- attachments -----------------------------------------------------------------


@login_required
@GET_POST
def attachments_view(request, slug):
    """Managers see the attachments; they add and remove them while the
    consultation can be changed (until its report is published)."""
    consultation = _consultation_for(request, slug, "consultations.moderate")
    form = None
    if request.method == "POST":
        if not can(request.user, "consultations.change_consultation", consultation):
            raise PermissionDenied
        op = request.POST.get("op")
        if op == "delete":
            raw = request.POST.get("id", "")
            attachment = (
                Attachment.objects.filter(pk=int(raw), consultation=consultation)
                .select_related("consultation")
                .first()
                if raw.isdigit()
                else None
            )
            if attachment is None:
                raise Http404
            manage_services.attachment_delete(actor=request.user, attachment=attachment)
            messages.success(request, _("The attachment has been removed."))
            return redirect("consultations:attachments", slug=consultation.slug)
        if op != "add":
            raise Http404
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                manage_services.attachment_add(
                    actor=request.user,
                    consultation=consultation,
                    **form.cleaned_data,
                )
            except ConsultationError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The attachment has been added."))
                return redirect("consultations:attachments", slug=consultation.slug)
    context = _manage_context(request, consultation, "attachments") | {
        "attachments": consultation.attachments.all(),
        "form": form or AttachmentForm(),
    }
    return render(
        request,
        "consultations/manage/attachments.html",
        context,
        status=_status(form),
    )


# --- responses -------------------------------------------------------------------


def _section_choices(consultation: Consultation) -> list[tuple[str, str]]:
    """Section keys of every version (a key is stable across versions), in the
    order of the latest version that has them, plus the whole document."""
    seen: dict[str, str] = {}
    rows = (
        Section.objects.filter(version__consultation=consultation)
        .order_by("-version__number", "position")
        .values_list("key", "label", "heading")
    )
    for key, label, heading in rows:
        if key not in seen:
            seen[key] = " ".join(p for p in (label, heading) if p) or key
    return [(GENERAL, _("the whole document"))] + list(seen.items())


def _responses_url(consultation: Consultation, query: str = "") -> str:
    url = reverse("consultations:responses", kwargs={"slug": consultation.slug})
    return f"{url}?{query}" if query else url


@login_required
@GET_POST
def responses_view(request, slug):
    """After the consultation closes: every comment with its current position; one
    position (with a justification) recorded on several chosen comments at once."""
    consultation = _consultation_for(request, slug, "consultations.moderate")
    user = request.user
    query = request.GET.urlencode()
    form = None
    status = 200
    if request.method == "POST":
        op = request.POST.get("op")
        if op == "start":
            try:
                services.responses_start(consultation=consultation, actor=user)
            except ConsultationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request,
                    _(
                        "Responses are being prepared: record a position on each "
                        "comment."
                    ),
                )
            return redirect(_responses_url(consultation, query))
        if op != "respond":
            raise Http404
        form = ResponseForm(request.POST, consultation=consultation)
        if form.is_valid():
            try:
                response_set(
                    consultation=consultation,
                    actor=user,
                    comments=form.cleaned_data["comments"],
                    position=form.cleaned_data["position"],
                    justification=form.cleaned_data["justification"],
                )
            except ConsultationError as exc:
                _form_error(form, exc)
                status = exc.status_code
            else:
                count = len(form.cleaned_data["comments"])
                messages.success(
                    request,
                    ngettext(
                        "The position has been recorded on %(n)s comment.",
                        "The position has been recorded on %(n)s comments.",
                        count,
                    )
                    % {"n": count},
                )
                return redirect(_responses_url(consultation, query))
    filters = CommentFilterForm(
        request.GET, section_choices=_section_choices(consultation)
    )
    comments = (
        Comment.objects.filter(consultation=consultation)
        .exclude(visibility=Comment.Visibility.HIDDEN)
        .select_related("section", "organisation", "response")
        .order_by("number")
    )
    if filters.is_valid():
        section = filters.cleaned_data["section"]
        if section == GENERAL:
            comments = comments.filter(section__isnull=True)
        elif section:
            comments = comments.filter(section__key=section)
        if filters.cleaned_data["without"]:
            comments = comments.filter(response__isnull=True)
    page_obj = Paginator(comments, RESPONSES_PER_PAGE).get_page(request.GET.get("page"))
    totals = Comment.objects.filter(consultation=consultation).exclude(
        visibility=Comment.Visibility.HIDDEN
    )
    totals = totals.aggregate(
        all=Count("id"), without=Count("id", filter=Q(response__isnull=True))
    )
    context = _manage_context(request, consultation, "responses") | {
        "filters": filters,
        "page_obj": page_obj,
        "form": form or ResponseForm(consultation=consultation),
        "selected": set(request.POST.getlist("comments"))
        if form is not None
        else set(),
        "totals": totals,
        "can_start": can(user, "consultations.start_responses", consultation),
        "can_respond": can(user, "consultations.respond", consultation),
        "query": query,
    }
    return render(
        request,
        "consultations/manage/responses.html",
        context,
        status=max(status, _status(form)),
    )


# --- the report ------------------------------------------------------------------


@login_required
@GET_POST
def report_publish_view(request, slug):
    consultation = _consultation_for(request, slug, "consultations.moderate")
    form = ReportPublishForm(
        request.POST or None, initial={"summary": consultation.report_summary}
    )
    unanswered: list[str] = []
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.report_publish(
                consultation=consultation,
                actor=request.user,
                summary=form.cleaned_data["summary"],
            )
        except ConsultationError as exc:
            if exc.status_code == 403:
                raise PermissionDenied from None
            status = exc.status_code
            if exc.code == "unanswered":
                unanswered = exc.details
                messages.error(
                    request,
                    ngettext(
                        "The report cannot be published yet: %(n)s comment has no "
                        "position.",
                        "The report cannot be published yet: %(n)s comments have no "
                        "position.",
                        len(unanswered),
                    )
                    % {"n": len(unanswered)},
                )
            else:
                messages.error(request, exc.message)
        else:
            messages.success(request, _("The consultation report has been published."))
            return redirect("consultations:report", slug=consultation.slug)
    context = _manage_context(request, consultation, "report") | {
        "form": form,
        "unanswered": unanswered,
        "can_publish_report": can(
            request.user, "consultations.publish_report", consultation
        ),
        "without_url": _responses_url(consultation, "without=on"),
    }
    return render(
        request,
        "consultations/manage/report_publish.html",
        context,
        status=max(status, _status(form)),
    )


# --- lists and subscriptions -----------------------------------------------------


@login_required
@require_GET
def managed_list(request):
    """Consultations of the person's institutions (every one for a platform
    administrator), in every state, with comment counts from one annotated query."""
    user = request.user
    if not (user.is_superuser or can(user, "consultations.add_consultation")):
        raise PermissionDenied
    consultations = Consultation.objects.all()
    if not user.is_superuser:
        consultations = consultations.filter(
            institution_id__in=InstitutionStaff.objects.filter(user=user).values(
                "institution_id"
            )
        )
    not_hidden = ~Q(comments__visibility=Comment.Visibility.HIDDEN)
    consultations = (
        consultations.select_related("institution")
        .annotate(
            comments_count=Count("comments", filter=not_hidden),
            without_position=Count(
                "comments", filter=not_hidden & Q(comments__response__isnull=True)
            ),
        )
        .order_by("-starts_at", "-id")
    )
    return render(
        request,
        "consultations/manage/managed_list.html",
        {
            "page_obj": paginate(request, consultations),
            "can_create": can(user, "consultations.add_consultation"),
        },
    )


@login_required
@GET_POST
def subscription_view(request, organisation):
    """What an organisation follows; only its approved representatives (anyone
    else gets a 404, as if the page did not exist)."""
    found = Organisation.objects.filter(slug=organisation).first()
    if found is None or not manage_services.is_representative(request.user, found):
        raise Http404
    organisation = found
    subscription = Subscription.objects.filter(organisation=organisation).first()
    initial = {}
    if subscription is not None:
        initial = {
            "areas": [a.code for a in subscription.areas.all()],
            "territories": " ".join(
                t.code for t in subscription.territories.order_by("code")
            ),
            "email": subscription.email,
        }
    form = SubscriptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            manage_services.subscription_update(
                organisation=organisation, actor=request.user, **form.cleaned_data
            )
        except ConsultationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The consultation notices have been saved."))
            return redirect(
                "consultations:subscription", organisation=organisation.slug
            )
    return render(
        request,
        "consultations/manage/subscription.html",
        {
            "organisation": organisation,
            "form": form,
            "territories": subscription.territories.order_by("code")
            if subscription is not None
            else [],
        },
        status=_status(form),
    )
