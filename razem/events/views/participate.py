"""Pages of participants: registering, the personal registration page (reached by
its unguessable link, no account needed), "my registrations" and stands at fairs.
Thin adapters: the services in razem.events.services do the writing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from razem.events import selectors
from razem.events.exceptions import EventError
from razem.events.forms.participate import (
    AnswersForm,
    RegistrationForm,
    StandApplicationForm,
    StandDecisionForm,
    member_organisations,
)
from razem.events.models import Event, Registration, StandApplication
from razem.events.rules import can
from razem.events.services.registration import (
    offer_accept,
    registration_cancel,
    registration_create,
    registration_update_answers,
)
from razem.events.services.reminders import registration_link_send
from razem.events.services.stands import stand_apply, stand_decide, stand_withdraw
from razem.organisations.models import Membership

Status = Registration.Status


# --- reads ---------------------------------------------------------------------------


def _closed_reason(event: Event, now) -> str | None:
    """Why registration is not open now, in words; None when it is open."""
    if event.status == Event.Status.DRAFT:
        return _("This event is a draft. Registration opens once it is published.")
    if event.status == Event.Status.CANCELLED:
        return _("This event has been cancelled.")
    if not event.registration_enabled:
        return _("This event does not take registrations.")
    if event.registration_opens_at and now < event.registration_opens_at:
        return _("Registration opens on %(date)s.") % {
            "date": date_format(
                timezone.localtime(event.registration_opens_at), "DATETIME_FORMAT"
            )
        }
    if not event.registration_window_open(now):
        return _("Registration is closed.")
    return None


def _free_seats(event: Event) -> int | None:
    if event.public_capacity is None:
        return None
    taken = Registration.objects.filter(event=event).seats_taken()
    return max(event.public_capacity - taken, 0)


def _waiting_position(registration: Registration) -> int | None:
    """1-based place on the waiting list (everyone ahead in FIFO order, plus one)."""
    if registration.status != Status.WAITLISTED:
        return None
    ahead = (
        Registration.objects.filter(event_id=registration.event_id)
        .waiting()
        .filter(
            Q(waitlisted_at__lt=registration.waitlisted_at)
            | Q(waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk)
        )
        .count()
    )
    return ahead + 1


def _organiser_name(event: Event) -> str:
    names = [event.institution.name] if event.institution_id else []
    names += [o.name for o in event.organisations.all()]
    return ", ".join(names) or _("the organiser of the event")


def _private(response):
    """The personal link carries its key in the URL: keep it out of other sites'
    referrers, search engines and shared caches.

    "same-origin", not "no-referrer": under "no-referrer" browsers send `Origin: null`
    with the page's own forms (cancel, accept, answers), which Django's CSRF check
    rightly refuses. The key still never leaves this site.
    """
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


def _apply_error(form, exc: EventError) -> None:
    form.add_error(form.field_for_error(exc.field), exc.message)


# --- registering ---------------------------------------------------------------------


def _owns(request, registration: Registration) -> bool:
    user = request.user
    return bool(
        user.is_authenticated
        and (
            registration.user_id == user.pk
            or (user.email or "").lower() == registration.email
        )
    )


def _registered_message(request, registration: Registration) -> None:
    if registration.status == Status.CONFIRMED:
        messages.success(
            request,
            _("You are registered. We have sent a confirmation to %(email)s.")
            % {"email": registration.email},
        )
    elif registration.status == Status.PENDING:
        messages.success(
            request,
            _(
                "Your registration has been received. The organiser will confirm "
                "it; we will let you know by e-mail."
            ),
        )
    elif registration.status == Status.WAITLISTED:
        messages.info(
            request,
            _(
                "The event is full: you are number %(position)s on the waiting "
                "list. If a seat frees up, we will offer it to you by e-mail."
            )
            % {"position": _waiting_position(registration)},
        )


@require_http_methods(["GET", "POST"])
def register_view(request, slug):
    event = selectors.event_get_for_user(user=request.user, slug=slug)
    now = timezone.now()
    reason = _closed_reason(event, now)
    free = _free_seats(event)
    if reason is None and free == 0 and not event.waiting_list_enabled:
        reason = _("All seats are taken.")
    context = {
        "event": event,
        "reason": reason,
        "free": free,
        "organiser": _organiser_name(event),
        "mine": (
            Registration.objects.filter(event=event, user=request.user).active().first()
            if request.user.is_authenticated
            else None
        ),
    }
    if reason is not None:
        status = 409 if request.method == "POST" else 200
        return render(
            request, "events/participate/register.html", context, status=status
        )
    form = RegistrationForm(request.POST or None, event=event, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                registration = registration_create(
                    event=event, actor=request.user, **form.service_kwargs()
                )
            except EventError as exc:
                _apply_error(form, exc)
                status = exc.status_code
            else:
                if registration.is_new:
                    _registered_message(request, registration)
                    return redirect(registration)
                if _owns(request, registration):
                    messages.info(
                        request,
                        _(
                            "You were already registered for this event; nothing "
                            "has changed. This is your registration."
                        ),
                    )
                    return redirect(registration)
                registration_link_send(registration=registration)
                context["already"] = registration.email
                return render(request, "events/participate/already.html", context)
        else:
            status = 400
    context["form"] = form
    return render(request, "events/participate/register.html", context, status=status)


# --- the personal registration page --------------------------------------------------


def _registration_context(registration: Registration, answers_form=None) -> dict:
    event = registration.event
    now = timezone.now()
    offer_open = bool(
        registration.status == Status.OFFERED
        and registration.offer_expires_at
        and registration.offer_expires_at > now
    )
    offer_expired = registration.status == Status.EXPIRED or (
        registration.status == Status.OFFERED and not offer_open
    )
    active = registration.status in Registration.ACTIVE_STATUSES and not offer_expired
    confirmed = registration.status == Status.CONFIRMED
    qr = None
    if confirmed:
        from razem.events.qr import qr_svg  # segno is loaded only when needed

        qr = qr_svg(registration.code)  # safe markup: an inline <svg>
    if answers_form is None and active and not event.is_past:
        answers_form = AnswersForm(registration=registration)
    return {
        "registration": registration,
        "event": event,
        "participants": list(registration.participants.all()),
        "position": _waiting_position(registration),
        "offer_open": offer_open,
        "offer_expired": offer_expired,
        "active": active,
        "confirmed": confirmed,
        "qr": qr,
        "answers_form": answers_form
        if answers_form is not None and answers_form.has_fields
        else None,
    }


@require_http_methods(["GET", "POST"])
def registration_page(request, token):
    registration = selectors.registration_by_token(token=token)
    form = None
    status = 200
    if request.method == "POST":
        form = AnswersForm(request.POST, registration=registration)
        if form.is_valid():
            try:
                registration_update_answers(
                    registration=registration,
                    answers=form.answers(),
                    participant_names=form.participant_names(),
                    actor=request.user,
                )
            except EventError as exc:
                if exc.status_code == 409:
                    messages.error(request, exc.message)
                    return _private(redirect(registration))
                _apply_error(form, exc)
                status = exc.status_code
            else:
                messages.success(request, _("Your answers have been saved."))
                return _private(redirect(registration))
        else:
            status = 400
    context = _registration_context(registration, answers_form=form)
    return _private(
        render(request, "events/participate/registration.html", context, status=status)
    )


@require_http_methods(["GET", "POST"])
def registration_cancel_view(request, token):
    registration = selectors.registration_by_token(token=token)
    if request.method == "POST":
        if registration.status in Registration.ACTIVE_STATUSES:
            registration_cancel(registration=registration, actor=request.user)
            messages.success(request, _("Your registration has been cancelled."))
        else:
            messages.info(request, _("This registration is no longer active."))
        return _private(redirect(registration))
    return _private(
        render(
            request,
            "events/participate/cancel.html",
            {
                "registration": registration,
                "event": registration.event,
                "active": registration.status in Registration.ACTIVE_STATUSES,
            },
        )
    )


@require_POST
def offer_accept_view(request, token):
    """Take the offered seat; an expired offer redirects back with the reason."""
    registration = selectors.registration_by_token(token=token)
    try:
        registration = offer_accept(registration=registration, actor=request.user)
    except EventError as exc:
        messages.error(request, exc.message)
    else:
        if registration.status == Status.CONFIRMED:
            messages.success(
                request, _("The seat is yours. We have sent you a confirmation.")
            )
        else:
            messages.success(
                request,
                _("You have accepted the seat. The organiser will confirm it."),
            )
    return _private(redirect(registration))


# --- my registrations ----------------------------------------------------------------


@login_required
def my_registrations(request):
    now = timezone.now()
    registrations = (
        Registration.objects.filter(user=request.user)
        .select_related("event", "organisation")
        .order_by("event__starts_at", "id")
    )
    applications = (
        StandApplication.objects.filter(
            organisation__in=member_organisations(request.user)
        )
        .select_related("event", "organisation")
        .order_by("-event__starts_at", "organisation__name")
    )
    upcoming = [r for r in registrations if r.event.ends_at >= now]
    past = [r for r in registrations if r.event.ends_at < now]
    past.reverse()
    return _private(
        render(
            request,
            "events/participate/mine.html",
            {"upcoming": upcoming, "past": past, "applications": applications},
        )
    )


# --- stands at fairs -----------------------------------------------------------------


def _application(event: Event, value) -> StandApplication:
    """The fair's application named by a POSTed id; 404 for anything else."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(StandApplication, event=event, pk=pk)


def _fair(request, slug: str) -> Event:
    event = selectors.event_get_for_user(user=request.user, slug=slug)
    if event.kind != Event.Kind.FAIR:
        raise Http404
    return event


@login_required
@require_http_methods(["GET", "POST"])
def stand_apply_view(request, slug):
    event = _fair(request, slug)
    user = request.user
    form = StandApplicationForm(user=user)
    status = 200
    if request.method == "POST" and "withdraw" in request.POST:
        application = _application(event, request.POST.get("withdraw"))
        try:
            stand_withdraw(application=application, actor=user)
        except EventError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The application has been withdrawn."))
        return redirect("events:stand_apply", slug=event.slug)
    if request.method == "POST":
        form = StandApplicationForm(request.POST, user=user)
        if form.is_valid():
            try:
                stand_apply(event=event, actor=user, **form.cleaned_data)
            except EventError as exc:
                form.add_error(
                    exc.field if exc.field in form.fields else None, exc.message
                )
                status = exc.status_code
            else:
                messages.success(
                    request,
                    _(
                        "The application has been sent. The organiser will decide "
                        "and let you know by e-mail."
                    ),
                )
                return redirect("events:stand_apply", slug=event.slug)
        else:
            status = 400
    may_apply = can(user, "events.apply_for_stand", event)
    if not may_apply and not form.fields["organisation"].queryset.exists():
        status = 403
    applications = StandApplication.objects.filter(
        event=event, organisation__in=member_organisations(user)
    ).select_related("organisation")
    represented = set(
        Membership.objects.filter(
            user=user,
            role=Membership.Role.REPRESENTATIVE,
            status=Membership.Status.APPROVED,
        ).values_list("organisation_id", flat=True)
    )
    return render(
        request,
        "events/participate/stand_apply.html",
        {
            "event": event,
            "form": form if may_apply else None,
            "applications": applications,
            "represented": represented,
            "withdrawable": (
                StandApplication.Status.PENDING,
                StandApplication.Status.ACCEPTED,
            ),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def stands_view(request, slug):
    event = _fair(request, slug)
    if not can(request.user, "events.decide_stands", event):
        raise PermissionDenied
    errors: dict[int, str] = {}
    status = 200
    if request.method == "POST":
        application = _application(event, request.POST.get("application"))
        form = StandDecisionForm(request.POST)
        if form.is_valid():
            accept = form.cleaned_data["decision"] == "accept"
            try:
                stand_decide(
                    application=application,
                    actor=request.user,
                    accept=accept,
                    note=form.cleaned_data["note"],
                )
            except EventError as exc:
                messages.error(request, exc.message)
            else:
                text = (
                    _("The application of %(organisation)s has been accepted.")
                    if accept
                    else _("The application of %(organisation)s has been declined.")
                )
                messages.success(
                    request, text % {"organisation": application.organisation.name}
                )
            return redirect("events:stands", slug=event.slug)
        errors[application.pk] = " ".join(
            str(e) for field_errors in form.errors.values() for e in field_errors
        )
        status = 400
    applications = list(
        StandApplication.objects.filter(event=event)
        .select_related("organisation", "applied_by")
        .order_by("created_at", "id")
    )
    for application in applications:
        application.error = errors.get(application.pk)
    return render(
        request,
        "events/participate/stands.html",
        {
            "event": event,
            "applications": applications,
            "pending": StandApplication.Status.PENDING,
        },
        status=status,
    )
