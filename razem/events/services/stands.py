"""Stands at fairs: organisations apply, the organiser accepts or declines.

One application per organisation per fair (a database constraint backs the check);
withdrawing and applying again re-opens the same application.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.core.audit import audit_log
from razem.core.mail import absolute_url, schedule_mail
from razem.events.exceptions import EventError
from razem.events.models import Event, StandApplication
from razem.events.rules import can
from razem.organisations.models import Membership, Organisation

PRESENTATION_MAX = 2000
NEEDS_MAX = 500
NOTE_MAX = 2000
Status = StandApplication.Status


def _forbidden() -> EventError:
    return EventError(
        _("You are not allowed to do this."), code="forbidden", status_code=403
    )


def _represents(actor, organisation: Organisation) -> bool:
    return bool(
        getattr(actor, "is_authenticated", False)
        and Membership.objects.filter(
            user=actor,
            organisation=organisation,
            role=Membership.Role.REPRESENTATIVE,
            status=Membership.Status.APPROVED,
        ).exists()
    )


def _clean_text(value: str, *, field: str, limit: int, required: bool) -> str:
    value = (value or "").strip()
    if required and not value:
        raise EventError(_("This field is required."), field=field)
    if len(value) > limit:
        raise EventError(_("At most %(n)s characters.") % {"n": limit}, field=field)
    return value


def _mail_decision(application: StandApplication) -> None:
    recipient = (
        application.applied_by.email
        if application.applied_by_id
        else application.organisation.email
    )
    event = application.event
    schedule_mail(
        to=[recipient],
        template=f"events/mail/stand_{application.status}",
        context={
            "application": application,
            "event": event,
            "organisation": application.organisation,
            "event_link": absolute_url(event.get_absolute_url()),
        },
    )


def stand_apply(
    *,
    event: Event,
    actor,
    organisation: Organisation,
    presentation: str,
    needs: str = "",
) -> StandApplication:
    """Apply for a stand at a published fair on behalf of `organisation`.

    The actor must be an approved representative of the organisation. One application
    per organisation and fair: a pending or accepted one is refused as a duplicate
    (409), a declined one stays declined (409), a withdrawn one is re-opened. The
    application row is locked while it is checked and written.
    """
    if not can(actor, "events.apply_for_stand", event):
        raise _forbidden()
    if organisation is None or not _represents(actor, organisation):
        raise EventError(
            _("You can apply only for an organisation you represent."),
            field="organisation",
            code="not_representative",
            status_code=403,
        )
    presentation = _clean_text(
        presentation, field="presentation", limit=PRESENTATION_MAX, required=True
    )
    needs = _clean_text(needs, field="needs", limit=NEEDS_MAX, required=False)
    duplicate = EventError(
        _("This organisation has already applied for a stand at this fair."),
        field="organisation",
        code="duplicate",
        status_code=409,
    )
    try:
        with transaction.atomic():
            application = (
                StandApplication.objects.select_for_update()
                .filter(event=event, organisation=organisation)
                .first()
            )
            reopened = application is not None
            if application is None:
                application = StandApplication.objects.create(
                    event=event,
                    organisation=organisation,
                    applied_by=actor,
                    presentation=presentation,
                    needs=needs,
                )
            elif application.status in (Status.PENDING, Status.ACCEPTED):
                raise duplicate
            elif application.status == Status.DECLINED:
                raise EventError(
                    _(
                        "The organiser has declined this organisation's application "
                        "for this fair."
                    ),
                    field="organisation",
                    code="declined",
                    status_code=409,
                )
            else:
                application.status = Status.PENDING
                application.applied_by = actor
                application.presentation = presentation
                application.needs = needs
                application.decision_note = ""
                application.decided_at = None
                application.save()
            audit_log(
                action="events.stand.applied",
                actor=actor,
                target=application,
                data={"organisation": organisation.pk, "reopened": reopened},
            )
    except IntegrityError as exc:  # a concurrent first application won the race
        raise duplicate from exc
    return application


def stand_decide(
    *, application: StandApplication, actor, accept: bool, note: str = ""
) -> StandApplication:
    """The organiser accepts or declines a pending application; the applicant is
    told by e-mail. The application row is locked while it is decided."""
    note = _clean_text(note, field="note", limit=NOTE_MAX, required=False)
    with transaction.atomic():
        application = (
            StandApplication.objects.select_for_update(of=("self",))
            .select_related("event", "organisation", "applied_by")
            .get(pk=application.pk)
        )
        if not can(actor, "events.decide_stands", application.event):
            raise _forbidden()
        if application.status != Status.PENDING:
            raise EventError(
                _("Only applications waiting for a decision can be decided."),
                code="not_pending",
                status_code=409,
            )
        application.status = Status.ACCEPTED if accept else Status.DECLINED
        application.decision_note = note
        application.decided_at = timezone.now()
        application.save(
            update_fields=["status", "decision_note", "decided_at", "updated_at"]
        )
        audit_log(
            action=f"events.stand.{application.status}",
            actor=actor,
            target=application,
            data={"note": note},
        )
        _mail_decision(application)
    return application


def stand_withdraw(*, application: StandApplication, actor) -> StandApplication:
    """A representative of the organisation withdraws its application (pending or
    accepted). Idempotent: withdrawing twice changes nothing."""
    with transaction.atomic():
        application = (
            StandApplication.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .get(pk=application.pk)
        )
        if not _represents(actor, application.organisation):
            raise _forbidden()
        if application.status == Status.WITHDRAWN:
            return application
        if application.status == Status.DECLINED:
            raise EventError(
                _("A declined application cannot be withdrawn."),
                code="declined",
                status_code=409,
            )
        previous = application.status
        application.status = Status.WITHDRAWN
        application.save(update_fields=["status", "updated_at"])
        audit_log(
            action="events.stand.withdrawn",
            actor=actor,
            target=application,
            data={"previous": previous},
        )
    return application
