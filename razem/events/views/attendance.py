"""The organiser's participant pages: the list with decisions, exports, a message to
everyone, check-in, the attendance list and certificates (PDF).

Thin adapters around razem.events.services.attendance and .registration. Anonymous
people are sent to sign in; an event the person may not see is a 404
(event_get_for_user), one they may see but do not organise is a 403. State changes
are POST only (with CSRF) and redirect back with a message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from razem.core.exports import FORMATS, build_dataset, export_response
from razem.events import pdf, selectors
from razem.events.exceptions import EventError
from razem.events.forms.attendance import (
    CheckInCodeForm,
    MessageForm,
    StatusFilterForm,
)
from razem.events.models import Event, Participant, Registration
from razem.events.rules import can
from razem.events.services import attendance as services
from razem.events.services.registration import (
    registration_cancel,
    registration_decide,
)

GET_POST = require_http_methods(["GET", "POST"])
Status = Registration.Status

# The order of the groups on the participants page.
STATUS_ORDER = (
    Status.PENDING,
    Status.CONFIRMED,
    Status.OFFERED,
    Status.WAITLISTED,
    Status.CANCELLED,
    Status.DECLINED,
    Status.EXPIRED,
)


def _event_for(request, slug: str, permission: str) -> Event:
    """The event if the person may see it (else 404) and has `permission` (else 403)."""
    event = selectors.event_get_for_user(user=request.user, slug=slug)
    if not can(request.user, permission, event):
        raise PermissionDenied
    return event


def _context(request, event: Event, current: str) -> dict:
    user = request.user
    return {
        "event": event,
        "current": current,
        "can_change": can(user, "events.change_event", event),
        "can_cancel": can(user, "events.cancel_event", event),
        "can_outcomes": can(user, "events.publish_outcomes", event),
        "can_manage_registrations": True,
        "export_formats": list(FORMATS),
    }


def _registration(event: Event, raw) -> Registration:
    text = str(raw or "").strip()
    if not text.isdigit():
        raise Http404
    registration = Registration.objects.filter(pk=int(text), event=event).first()
    if registration is None:
        raise Http404
    return registration


def _seat_counts(event: Event) -> dict:
    rows = (
        Registration.objects.filter(event=event)
        .order_by()
        .values("status")
        .annotate(n=Count("id"), seats=Sum("seats"))
    )
    by_status = {row["status"]: row for row in rows}
    taken = Registration.objects.filter(event=event).seats_taken()
    capacity = event.public_capacity
    labels = dict(Status.choices)
    return {
        "capacity": event.capacity,
        "reserved": event.reserved_seats,
        "public_capacity": capacity,
        "taken": taken,
        "free": None if capacity is None else max(capacity - taken, 0),
        "statuses": [
            {
                "status": status,
                "label": labels[status],
                "registrations": by_status.get(status, {}).get("n", 0),
                "seats": by_status.get(status, {}).get("seats") or 0,
            }
            for status in STATUS_ORDER
        ],
    }


# --- the participants list -------------------------------------------------------------


@login_required
@GET_POST
def participants_view(request, slug):
    event = _event_for(request, slug, "events.manage_registrations")
    if request.method == "POST":
        return _participants_post(request, event)
    filter_form = StatusFilterForm(request.GET)
    status = filter_form.cleaned_data["status"] if filter_form.is_valid() else ""
    questions = list(event.questions.all())
    registrations = (
        Registration.objects.filter(event=event)
        .select_related("organisation")
        .prefetch_related("participants")
        .order_by("created_at", "id")
    )
    if status:
        registrations = registrations.filter(status=status)
    by_status: dict[str, list] = {}
    for registration in registrations:
        registration.answer_list = services.answers_in_order(registration, questions)
        people = list(registration.participants.all())
        registration.people = people
        registration.checked_in_count = sum(1 for p in people if p.checked_in_at)
        registration.is_active = registration.status in Registration.ACTIVE_STATUSES
        by_status.setdefault(registration.status, []).append(registration)
    waiting = by_status.get(Status.WAITLISTED, [])
    waiting.sort(key=lambda r: (r.waitlisted_at or r.created_at, r.pk))
    for position, registration in enumerate(waiting, start=1):
        registration.position = position
    labels = dict(Status.choices)
    groups = [
        {"status": s, "label": labels[s], "registrations": by_status[s]}
        for s in STATUS_ORDER
        if by_status.get(s)
    ]
    confirm_cancel = None
    if request.GET.get("cancel"):
        confirm_cancel = _registration(event, request.GET["cancel"])
        if confirm_cancel.status not in Registration.ACTIVE_STATUSES:
            confirm_cancel = None
    checked_in = Participant.objects.filter(
        registration__event=event, registration__status=Status.CONFIRMED
    ).aggregate(
        expected=Count("id"),
        checked_in=Count("id", filter=Q(checked_in_at__isnull=False)),
    )
    context = _context(request, event, "participants") | {
        "filter_form": filter_form,
        "status": status,
        "questions": questions,
        "groups": groups,
        "counts": _seat_counts(event),
        "attendance": checked_in,
        "confirm_cancel": confirm_cancel,
        "export_query": urlencode({"status": status}) if status else "",
    }
    return render(
        request,
        "events/attendance/participants.html",
        context,
        status=400 if filter_form.errors else 200,
    )


def _participants_post(request, event: Event):
    op = request.POST.get("op")
    if op not in ("approve", "decline", "cancel"):
        return HttpResponseBadRequest(
            _("Unknown operation."), content_type="text/plain; charset=utf-8"
        )
    registration = _registration(event, request.POST.get("registration"))
    try:
        if op == "cancel":
            before = registration.status
            registration = registration_cancel(
                registration=registration, actor=request.user
            )
            if before in Registration.ACTIVE_STATUSES:
                messages.success(
                    request,
                    _("The registration of %(name)s has been cancelled.")
                    % {"name": registration.name},
                )
        else:
            registration = registration_decide(
                registration=registration,
                actor=request.user,
                approve=op == "approve",
            )
            messages.success(
                request,
                (
                    _("The registration of %(name)s has been confirmed.")
                    if op == "approve"
                    else _("The registration of %(name)s has been declined.")
                )
                % {"name": registration.name},
            )
    except EventError as exc:
        if exc.status_code == 403:
            raise PermissionDenied from None
        messages.error(request, exc.message)
    url = reverse("events:participants", kwargs={"slug": event.slug})
    status = request.POST.get("status_filter", "")
    if status in Status.values:
        url += "?" + urlencode({"status": status})
    return redirect(url)


# --- exports ----------------------------------------------------------------------------


def _safe_cell(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe (names
    and answers come from the public)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _when(value) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


@login_required
@require_GET
def participants_export_view(request, slug, fmt):
    if fmt not in FORMATS:
        raise Http404
    event = _event_for(request, slug, "events.manage_registrations")
    filter_form = StatusFilterForm(request.GET)
    if not filter_form.is_valid():
        return HttpResponseBadRequest(
            "status: " + " ".join(filter_form.errors["status"]),
            content_type="text/plain; charset=utf-8",
        )
    status = filter_form.cleaned_data["status"]
    questions = list(event.questions.all())
    participants = (
        Participant.objects.filter(registration__event=event)
        .select_related("registration__organisation")
        .order_by("registration__created_at", "registration_id", "position", "id")
    )
    if status:
        participants = participants.filter(registration__status=status)
    headers = [
        _("Check-in code"),
        _("Status"),
        _("Participant"),
        _("Participant's e-mail"),
        _("Registered by"),
        _("E-mail of the person registering"),
        _("Organisation"),
        _("Seats"),
        _("Registered at"),
        _("Checked in at"),
    ] + [q.label for q in questions]
    rows = (
        [
            _safe_cell(value)
            for value in [
                p.registration.code,
                p.registration.get_status_display(),
                p.name,
                p.email,
                p.registration.name,
                p.registration.email,
                p.registration.organisation.name if p.registration.organisation else "",
                p.registration.seats,
                _when(p.registration.created_at),
                _when(p.checked_in_at),
                *services.answers_in_order(p.registration, questions),
            ]
        ]
        for p in participants
    )
    dataset = build_dataset(headers, rows, title=_("Participants"))
    return export_response(dataset, fmt, f"uczestnicy-{event.slug}")


# --- a message to everyone ----------------------------------------------------------------


@login_required
@GET_POST
def message_view(request, slug):
    event = _event_for(request, slug, "events.manage_registrations")
    counts = dict(
        Registration.objects.filter(event=event)
        .active()
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )
    form = MessageForm(request.POST or None, counts=counts)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.participants_message(
                event=event,
                actor=request.user,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                statuses=form.cleaned_data["statuses"],
            )
        except EventError as exc:
            if exc.status_code == 403:
                raise PermissionDenied from None
            field = exc.field if exc.field in form.fields else None
            form.add_error(field, exc.message)
        else:
            messages.success(
                request,
                ngettext(
                    "The message has been sent to %(count)s person.",
                    "The message has been sent to %(count)s people.",
                    sent,
                )
                % {"count": sent},
            )
            return redirect("events:participants", slug=event.slug)
    if form.is_bound:
        chosen = [s for s in request.POST.getlist("statuses") if s in counts]
    else:
        chosen = list(services.DEFAULT_MESSAGE_STATUSES)
    context = _context(request, event, "message") | {
        "form": form,
        "reach": sum(counts.get(s, 0) for s in chosen),
        "cancelled": event.is_cancelled,
    }
    return render(
        request,
        "events/attendance/message.html",
        context,
        status=400 if form.errors else 200,
    )


# --- check-in ---------------------------------------------------------------------------


@login_required
@GET_POST
def check_in_view(request, slug):
    event = _event_for(request, slug, "events.check_in")
    if request.method == "POST":
        return _check_in_post(request, event)
    form = CheckInCodeForm(request.GET if "code" in request.GET else None)
    registration = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            try:
                registration = services.registration_for_code(
                    event=event, code=form.cleaned_data["code"]
                )
            except EventError as exc:
                form.add_error("code", exc.message)
                status = exc.status_code
        else:
            status = 400
    return _check_in_page(request, event, form, registration, status)


def _check_in_page(request, event, form, registration, status=200, error=None):
    everyone = services.attendance_participants(event)
    context = _context(request, event, "check_in") | {
        "form": form,
        "registration": registration,
        "people": list(registration.participants.all()) if registration else [],
        "participants_error": error,
        "everyone": everyone,
        "checked_in": sum(1 for p in everyone if p.checked_in_at),
    }
    return render(request, "events/attendance/check_in.html", context, status=status)


def _check_in_post(request, event: Event):
    op = request.POST.get("op")
    if op not in ("check_in", "check_in_one", "undo"):
        return HttpResponseBadRequest(
            _("Unknown operation."), content_type="text/plain; charset=utf-8"
        )
    url = reverse("events:check_in", kwargs={"slug": event.slug})
    try:
        if op == "undo":
            participant = services.participant_check_in_undo(
                event=event,
                actor=request.user,
                participant_id=request.POST.get("participant"),
            )
            messages.success(
                request,
                _("The check-in of %(name)s has been undone.")
                % {"name": participant.name},
            )
            return redirect(url + "#everyone")
        if op == "check_in_one":
            participant = services.participant_of_event(
                event=event, participant_id=request.POST.get("participant")
            )
            code, ids = participant.registration.code, [participant.pk]
        else:
            code, ids = (
                request.POST.get("code", ""),
                request.POST.getlist("participant"),
            )
        result = services.participant_check_in(
            event=event, actor=request.user, code=code, participant_ids=ids
        )
    except EventError as exc:
        if exc.status_code == 403:
            raise PermissionDenied from None
        if op != "check_in":
            messages.error(request, exc.message)
            return redirect(url + "#everyone")
        return _check_in_error(request, event, exc)
    _check_in_messages(request, result)
    return redirect(url + ("#everyone" if op == "check_in_one" else ""))


def _check_in_error(request, event: Event, exc: EventError):
    """Show the code form (and the registration found) again with the refusal on
    its field."""
    form = CheckInCodeForm({"code": request.POST.get("code", "")})
    registration = None
    error = None
    if exc.field == "code":
        if form.is_valid():
            form.add_error("code", exc.message)
    else:
        error = exc.message
        if form.is_valid():
            try:
                registration = services.registration_for_code(
                    event=event, code=form.cleaned_data["code"]
                )
            except EventError:
                registration = None
    return _check_in_page(
        request, event, form, registration, status=exc.status_code, error=error
    )


def _check_in_messages(request, result: services.CheckIn) -> None:
    if result.checked_in:
        messages.success(
            request,
            _("Checked in: %(names)s.")
            % {"names": ", ".join(p.name for p in result.checked_in)},
        )
    for participant in result.already:
        messages.info(
            request,
            _("%(name)s was already checked in at %(time)s.")
            % {
                "name": participant.name,
                "time": timezone.localtime(participant.checked_in_at).strftime("%H:%M"),
            },
        )


# --- PDFs -------------------------------------------------------------------------------


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def attendance_pdf_view(request, slug):
    event = _event_for(request, slug, "events.check_in")
    return _pdf_response(
        pdf.attendance_list_pdf(event), f"lista-obecnosci-{event.slug}.pdf"
    )


@login_required
@require_GET
def certificates_pdf_view(request, slug):
    event = _event_for(request, slug, "events.manage_registrations")
    if not event.issues_certificates:
        raise Http404
    if not pdf.certificate_participants(event):
        messages.info(
            request,
            _("Nobody has been checked in yet, so there are no certificates to print."),
        )
        return redirect("events:participants", slug=event.slug)
    return _pdf_response(pdf.certificates_pdf(event), f"zaswiadczenia-{event.slug}.pdf")
