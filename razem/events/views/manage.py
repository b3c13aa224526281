"""The organiser's pages: thin adapters around razem.events.services.events.

Anonymous people are sent to sign in; an event the person may not see is a 404
(event_get_for_user), one they may see but not manage is a 403. State changes are
POST only (with CSRF); bad input re-displays the form with errors and status 400.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from razem.core.pagination import paginate
from razem.events import selectors
from razem.events.exceptions import EventError
from razem.events.forms.manage import (
    AgendaItemForm,
    AttachmentForm,
    CancelForm,
    EventForm,
    FollowUpActionForm,
    OutcomesForm,
    QuestionForm,
    SeriesForm,
)
from razem.events.models import (
    AgendaItem,
    Attachment,
    Event,
    FollowUpAction,
    Question,
    Registration,
)
from razem.events.rules import can
from razem.events.services import events as services

GET_POST = require_http_methods(["GET", "POST"])


def _event_for(request, slug: str, permission: str) -> Event:
    """The event if the person may see it (else 404) and has `permission` (else 403)."""
    event = selectors.event_get_for_user(user=request.user, slug=slug)
    if not can(request.user, permission, event):
        raise PermissionDenied
    return event


def _form_error(form, exc: EventError) -> None:
    """A refusal from a service, shown on its field (or above the form)."""
    if exc.status_code == 403:
        raise PermissionDenied
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _status(*forms) -> int:
    return 400 if any(f is not None and f.errors for f in forms) else 200


def _object(model, event: Event, raw):
    """One of the event's agenda items, attachments, … by the id in the request."""
    if not str(raw or "").isdigit():
        raise Http404
    found = model.objects.filter(pk=int(raw), event=event).first()
    if found is None:
        raise Http404
    return found


def _manage_context(request, event: Event, current: str) -> dict:
    user = request.user
    return {
        "event": event,
        "current": current,
        "can_change": can(user, "events.change_event", event),
        "can_cancel": can(user, "events.cancel_event", event),
        "can_outcomes": can(user, "events.publish_outcomes", event),
        "can_manage_registrations": can(user, "events.manage_registrations", event),
    }


# --- events ----------------------------------------------------------------------


@login_required
@GET_POST
def event_create_view(request):
    if not can(request.user, "events.add_event"):
        raise PermissionDenied
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(actor=request.user, **form.service_kwargs())
        except EventError as exc:
            _form_error(form, exc)
        else:
            if event.status == Event.Status.PUBLISHED:
                messages.success(request, _("The event has been published."))
            else:
                messages.success(
                    request,
                    _(
                        "The event has been saved as a draft. Add the agenda and "
                        "questions, then publish it."
                    ),
                )
            return redirect("events:edit", slug=event.slug)
    return render(
        request, "events/manage/event_form.html", {"form": form}, status=_status(form)
    )


@login_required
@GET_POST
def event_edit_view(request, slug):
    event = _event_for(request, slug, "events.change_event")
    if request.method == "POST" and request.POST.get("op") == "publish":
        try:
            services.event_publish(actor=request.user, event=event)
        except EventError as exc:
            if exc.status_code == 403:
                raise PermissionDenied from None
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The event has been published."))
        return redirect("events:edit", slug=event.slug)
    form = EventForm(request.POST or None, user=request.user, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(
                actor=request.user, event=event, **form.service_kwargs()
            )
        except EventError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("events:edit", slug=event.slug)
    context = _manage_context(request, event, "edit") | {"form": form}
    return render(
        request, "events/manage/event_form.html", context, status=_status(form)
    )


@login_required
@GET_POST
def event_cancel_view(request, slug):
    """Cancel a published event with a reason, or delete a draft nobody registered
    for (a draft with registrations is cancelled instead; see event_delete)."""
    event = _event_for(request, slug, "events.cancel_event")
    deletable = (
        event.status == Event.Status.DRAFT
        and not Registration.objects.filter(event=event).exists()
    )
    form = CancelForm(request.POST or None, reason_required=not deletable)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.event_delete(
                actor=request.user, event=event, reason=form.cleaned_data["reason"]
            )
        except EventError as exc:
            _form_error(form, exc)
        else:
            if result is None:
                messages.success(request, _("The draft has been deleted."))
                return redirect("events:organised")
            messages.success(
                request,
                _("The event has been cancelled and the participants informed."),
            )
            return redirect(result)
    context = _manage_context(request, event, "cancel") | {
        "form": form,
        "deletable": deletable,
        "active_registrations": Registration.objects.filter(event=event)
        .active()
        .count(),
    }
    return render(request, "events/manage/cancel.html", context, status=_status(form))


# --- agenda ----------------------------------------------------------------------


@login_required
@GET_POST
def agenda_view(request, slug):
    event = _event_for(request, slug, "events.change_event")
    op = request.POST.get("op", "") if request.method == "POST" else ""
    form = None
    editing = None
    if request.method == "GET" and request.GET.get("edit"):
        editing = _object(AgendaItem, event, request.GET["edit"])
        form = AgendaItemForm(initial=_agenda_initial(editing), prefix="item")
    elif op == "delete":
        item = _object(AgendaItem, event, request.POST.get("id"))
        services.agenda_item_delete(actor=request.user, item=item)
        messages.success(request, _("The agenda item has been removed."))
        return redirect("events:agenda", slug=event.slug)
    elif op in ("add", "update"):
        if op == "update":
            editing = _object(AgendaItem, event, request.POST.get("id"))
        form = AgendaItemForm(request.POST, prefix="item")
        if form.is_valid():
            try:
                if editing is None:
                    services.agenda_item_add(
                        actor=request.user, event=event, **form.cleaned_data
                    )
                else:
                    services.agenda_item_update(
                        actor=request.user, item=editing, **form.cleaned_data
                    )
            except EventError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The agenda has been saved."))
                return redirect("events:agenda", slug=event.slug)
    elif request.method == "POST":
        raise Http404
    context = _manage_context(request, event, "agenda") | {
        "items": event.agenda_items.all(),
        "form": form or AgendaItemForm(prefix="item"),
        "editing": editing,
    }
    return render(request, "events/manage/agenda.html", context, status=_status(form))


def _agenda_initial(item: AgendaItem) -> dict:
    return {
        name: getattr(item, name)
        for name in (
            "day",
            "starts_at",
            "ends_at",
            "title",
            "speakers",
            "description",
            "position",
        )
    }


# --- attachments -----------------------------------------------------------------


@login_required
@GET_POST
def attachments_view(request, slug):
    """Materials while the event can be changed; outcome documents always (also
    after a cancellation), as the services allow."""
    event = _event_for(request, slug, "events.publish_outcomes")
    outcomes_only = not can(request.user, "events.change_event", event)
    form = None
    if request.method == "POST":
        op = request.POST.get("op")
        if op == "delete":
            attachment = _object(Attachment, event, request.POST.get("id"))
            services.attachment_delete(actor=request.user, attachment=attachment)
            messages.success(request, _("The attachment has been removed."))
            return redirect("events:attachments", slug=event.slug)
        if op != "add":
            raise Http404
        form = AttachmentForm(request.POST, request.FILES, outcomes_only=outcomes_only)
        if form.is_valid():
            try:
                services.attachment_add(
                    actor=request.user, event=event, **form.cleaned_data
                )
            except EventError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The attachment has been added."))
                return redirect("events:attachments", slug=event.slug)
    context = _manage_context(request, event, "attachments") | {
        "attachments": event.attachments.all(),
        "form": form or AttachmentForm(outcomes_only=outcomes_only),
        "outcomes_only": outcomes_only,
    }
    return render(
        request, "events/manage/attachments.html", context, status=_status(form)
    )


# --- questions -------------------------------------------------------------------


@login_required
@GET_POST
def questions_view(request, slug):
    event = _event_for(request, slug, "events.change_event")
    form = None
    editing = None
    if request.method == "GET" and request.GET.get("edit"):
        editing = _object(Question, event, request.GET["edit"])
        form = QuestionForm(question=editing, prefix="question")
    elif request.method == "POST":
        op = request.POST.get("op")
        if op == "delete":
            question = _object(Question, event, request.POST.get("id"))
            try:
                services.question_delete(actor=request.user, question=question)
            except EventError as exc:
                if exc.status_code == 403:
                    raise PermissionDenied from None
                messages.error(request, exc.message)
            else:
                messages.success(request, _("The question has been removed."))
            return redirect("events:questions", slug=event.slug)
        if op not in ("add", "update"):
            raise Http404
        if op == "update":
            editing = _object(Question, event, request.POST.get("id"))
        form = QuestionForm(request.POST, prefix="question")
        if form.is_valid():
            try:
                if editing is None:
                    services.question_add(
                        actor=request.user, event=event, **form.cleaned_data
                    )
                else:
                    services.question_update(
                        actor=request.user, question=editing, **form.cleaned_data
                    )
            except EventError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The question has been saved."))
                return redirect("events:questions", slug=event.slug)
    answered = set()
    questions = list(event.questions.all())
    if questions:
        answered = {
            q.pk
            for q in questions
            if Registration.objects.filter(
                event=event, answers__has_key=str(q.pk)
            ).exists()
        }
    context = _manage_context(request, event, "questions") | {
        "questions": questions,
        "answered": answered,
        "form": form or QuestionForm(prefix="question"),
        "editing": editing,
    }
    return render(
        request, "events/manage/questions.html", context, status=_status(form)
    )


# --- outcomes --------------------------------------------------------------------


@login_required
@GET_POST
def outcomes_view(request, slug):
    event = _event_for(request, slug, "events.publish_outcomes")
    outcomes_form = None
    action_form = None
    editing = None
    if request.method == "GET" and request.GET.get("edit"):
        editing = _object(FollowUpAction, event, request.GET["edit"])
        action_form = FollowUpActionForm(
            prefix="action",
            initial={
                name: getattr(editing, name)
                for name in ("title", "responsible", "due_date", "status", "url")
            },
        )
    elif request.method == "POST":
        op = request.POST.get("op")
        if op == "outcomes":
            outcomes_form = OutcomesForm(request.POST)
            if outcomes_form.is_valid():
                try:
                    services.outcomes_update(
                        actor=request.user, event=event, **outcomes_form.cleaned_data
                    )
                except EventError as exc:
                    _form_error(outcomes_form, exc)
                else:
                    messages.success(request, _("The outcomes have been saved."))
                    return redirect("events:outcomes", slug=event.slug)
        elif op == "delete":
            action = _object(FollowUpAction, event, request.POST.get("id"))
            services.follow_up_action_delete(actor=request.user, action=action)
            messages.success(request, _("The follow-up action has been removed."))
            return redirect("events:outcomes", slug=event.slug)
        elif op in ("add", "update"):
            if op == "update":
                editing = _object(FollowUpAction, event, request.POST.get("id"))
            action_form = FollowUpActionForm(request.POST, prefix="action")
            if action_form.is_valid():
                try:
                    if editing is None:
                        services.follow_up_action_add(
                            actor=request.user, event=event, **action_form.cleaned_data
                        )
                    else:
                        services.follow_up_action_update(
                            actor=request.user,
                            action=editing,
                            **action_form.cleaned_data,
                        )
                except EventError as exc:
                    _form_error(action_form, exc)
                else:
                    messages.success(request, _("The follow-up action has been saved."))
                    return redirect("events:outcomes", slug=event.slug)
        else:
            raise Http404
    if outcomes_form is None:
        outcomes_form = OutcomesForm(
            initial={
                "minutes": event.minutes,
                "conclusions": event.conclusions,
                "recommendations": event.recommendations,
                "publish": event.outcomes_published_at is not None,
            }
        )
    context = _manage_context(request, event, "outcomes") | {
        "outcomes_form": outcomes_form,
        "action_form": action_form or FollowUpActionForm(prefix="action"),
        "actions": event.follow_up_actions.all(),
        "editing": editing,
    }
    return render(
        request,
        "events/manage/outcomes.html",
        context,
        status=_status(outcomes_form, action_form),
    )


# --- lists and series ------------------------------------------------------------


def _seats(status: str):
    return Coalesce(
        Sum("registrations__seats", filter=Q(registrations__status=status)), 0
    )


@login_required
@require_GET
def organised_list(request):
    """Events the person organises, with seat counts from one annotated query."""
    S = Registration.Status
    events = (
        selectors.events_organised_by(user=request.user)
        .annotate(
            confirmed_count=_seats(S.CONFIRMED),
            pending_count=_seats(S.PENDING),
            waitlisted_count=_seats(S.WAITLISTED),
            registrations_total=Count("registrations"),
        )
        .order_by("-starts_at", "-id")
    )
    return render(
        request,
        "events/manage/organised_list.html",
        {
            "page_obj": paginate(request, events),
            "can_create": can(request.user, "events.add_event"),
        },
    )


@login_required
@GET_POST
def series_create_view(request):
    if not can(request.user, "events.add_event"):
        raise PermissionDenied
    form = SeriesForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            series = services.series_create(actor=request.user, **form.cleaned_data)
        except EventError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "The series „%(title)s” has been created. Choose it when you "
                    "create or edit an event."
                )
                % {"title": series.title},
            )
            return redirect(reverse("events:create"))
    return render(
        request, "events/manage/series_form.html", {"form": form}, status=_status(form)
    )
