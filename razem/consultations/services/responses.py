"""The institution's positions on comments; similar comments answered together."""

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from razem.consultations.exceptions import ConsultationError
from razem.consultations.models import COMMENT_TEXT_MAX, Comment, Consultation, Response
from razem.consultations.rules import can
from razem.core.audit import audit_log


def response_set(
    *,
    consultation: Consultation,
    actor,
    comments: Iterable,
    position: str,
    justification: str,
) -> Response:
    """Record one position, with its justification, on one or more comments of
    `consultation` (after it closes, until the report is published). A comment that
    had a position gets the new one; a response left with no comments is deleted."""
    consultation = Consultation.objects.get(pk=consultation.pk)
    if not can(actor, "consultations.respond", consultation):
        raise ConsultationError(
            _("Positions are recorded after the consultation closes."),
            code="not_closed",
            status_code=409,
        )
    if position not in Response.Position.values:
        raise ConsultationError(_("Choose a position."), field="position")
    justification = (justification or "").strip()
    if not justification:
        raise ConsultationError(_("Justify the position."), field="justification")
    if len(justification) > COMMENT_TEXT_MAX:
        raise ConsultationError(
            _("At most %(n)s characters.") % {"n": COMMENT_TEXT_MAX},
            field="justification",
        )
    ids = {c.pk if isinstance(c, Comment) else int(c) for c in comments}
    if not ids:
        raise ConsultationError(_("Choose at least one comment."), field="comments")
    with transaction.atomic():
        selected = list(
            Comment.objects.select_for_update()
            .filter(consultation=consultation, pk__in=ids)
            .exclude(visibility=Comment.Visibility.HIDDEN)
        )
        if len(selected) != len(ids):
            raise ConsultationError(
                _("Some of the chosen comments are not in this consultation."),
                field="comments",
            )
        previous = {c.response_id for c in selected if c.response_id}
        response = Response.objects.create(
            consultation=consultation,
            position=position,
            justification=justification,
            responded_by=actor,
        )
        Comment.objects.filter(pk__in=ids).update(response=response)
        Response.objects.filter(pk__in=previous, comments__isnull=True).delete()
        audit_log(
            action="consultations.response.recorded",
            actor=actor,
            target=consultation,
            data={
                "comments": sorted(c.number for c in selected),
                "position": position,
            },
        )
    return response
