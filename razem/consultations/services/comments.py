"""Comments: written online by participants or entered by staff for written opinions.

A comment is numbered within its consultation (K-2026-014/37) under a lock on the
consultation row, so numbers are consecutive and never repeat.
"""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.consultations.exceptions import ConsultationError
from razem.consultations.models import (
    COMMENT_TEXT_MAX,
    AbuseReport,
    Comment,
    Consultation,
    Section,
)
from razem.consultations.rules import approved_organisation_ids, can
from razem.consultations.services.consultations import forbidden
from razem.core.audit import audit_log
from razem.organisations.models import Organisation

NAME_MAX = 200


def _counts_changed(consultation_id: int) -> None:
    """Public comment counts on the consultation page are cached; drop them."""
    from django.core.cache import cache

    from razem.consultations.selectors import comment_counts_cache_key

    key = comment_counts_cache_key(consultation_id)
    transaction.on_commit(lambda: cache.delete(key))


def _text(value: str | None, field: str, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ConsultationError(_("This field is required."), field=field)
    if len(value) > COMMENT_TEXT_MAX:
        raise ConsultationError(
            _("At most %(n)s characters.") % {"n": COMMENT_TEXT_MAX}, field=field
        )
    return value


def _section(consultation: Consultation, section) -> Section | None:
    """The section must belong to the consultation's current version."""
    if section in (None, ""):
        return None
    version = consultation.current_version
    section_id = section.pk if isinstance(section, Section) else section
    found = (
        Section.objects.filter(pk=section_id, version=version).first()
        if version is not None
        else None
    )
    if found is None:
        raise ConsultationError(
            _(
                "This section is not part of the current version of the draft; "
                "comment on the current text."
            ),
            field="section",
            code="old_version",
        )
    return found


def _next_number(consultation: Consultation) -> int:
    last = Comment.objects.filter(consultation=consultation).aggregate(n=Max("number"))
    return (last["n"] or 0) + 1


def comment_create(
    *,
    consultation: Consultation,
    actor,
    justification: str,
    section=None,
    proposed_wording: str = "",
    current_wording: str | None = None,
    organisation: Organisation | None = None,
    publish_name: bool = False,
) -> Comment:
    """An online comment by a participant, while the consultation is open.

    `section` (a Section or its id) must be in the current version; the current
    wording defaults to the section's text. On behalf of `organisation` only for its
    approved members (its name is then shown). Locks the consultation row to number
    the comment.
    """
    if not can(actor, "consultations.comment", consultation):
        if consultation.phase != Consultation.Phase.OPEN:
            raise ConsultationError(
                _("Comments are accepted only while the consultation is open."),
                code="not_open",
                status_code=409,
            )
        raise forbidden()
    justification = _text(justification, "justification", required=True)
    proposed_wording = _text(proposed_wording, "proposed_wording")
    found_section = _section(consultation, section)
    if current_wording is None:
        current_wording = found_section.text if found_section else ""
    current_wording = (current_wording or "").strip()[:100_000]
    if organisation is not None and organisation.pk not in approved_organisation_ids(
        actor
    ):
        raise ConsultationError(
            _("You can comment on behalf of an organisation only as its member."),
            field="organisation",
            status_code=403,
        )
    if (
        consultation.participation == Consultation.Participation.ORGANISATIONS
        and organisation is None
    ):
        raise ConsultationError(
            _("In this consultation comments are made on behalf of organisations."),
            field="organisation",
        )
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        comment = Comment.objects.create(
            consultation=consultation,
            number=_next_number(consultation),
            version=consultation.current_version,
            section=found_section,
            current_wording=current_wording,
            proposed_wording=proposed_wording,
            justification=justification,
            author=actor,
            author_name=(actor.get_full_name() or actor.email)[:NAME_MAX],
            organisation=organisation,
            publish_name=bool(publish_name),
            channel=Comment.Channel.ONLINE,
            visibility=(
                Comment.Visibility.PENDING
                if consultation.moderation == Consultation.Moderation.BEFORE
                else Comment.Visibility.PUBLIC
            ),
        )
        audit_log(
            action="consultations.comment.created",
            actor=actor,
            target=comment,
            data={"reference": comment.reference},
        )
        _counts_changed(comment.consultation_id)
    return comment


def opinion_enter(
    *,
    consultation: Consultation,
    actor,
    author_name: str,
    justification: str,
    channel: str,
    received_at: datetime.date,
    section=None,
    proposed_wording: str = "",
    current_wording: str | None = None,
    organisation: Organisation | None = None,
    organisation_name: str = "",
    publish_name: bool = False,
) -> Comment:
    """Staff enter a written opinion received by e-mail, post or at the meeting on
    the sender's behalf, while the consultation is open or closed (before responses).
    It must have been received by the end of the period."""
    if not can(actor, "consultations.enter_opinion", consultation):
        raise forbidden()
    if channel not in (
        Comment.Channel.EMAIL,
        Comment.Channel.POST,
        Comment.Channel.MEETING,
    ):
        raise ConsultationError(_("Choose how the opinion came."), field="channel")
    author_name = (author_name or "").strip()
    if not author_name or len(author_name) > NAME_MAX:
        raise ConsultationError(
            _("Give the sender's name (at most %(n)s characters).") % {"n": NAME_MAX},
            field="author_name",
        )
    if received_at is None or received_at > timezone.localdate(consultation.ends_at):
        raise ConsultationError(
            _("The opinion must have been received by the end of the consultation."),
            field="received_at",
        )
    justification = _text(justification, "justification", required=True)
    proposed_wording = _text(proposed_wording, "proposed_wording")
    found_section = _section(consultation, section)
    if current_wording is None:
        current_wording = found_section.text if found_section else ""
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        comment = Comment.objects.create(
            consultation=consultation,
            number=_next_number(consultation),
            version=consultation.current_version,
            section=found_section,
            current_wording=(current_wording or "").strip(),
            proposed_wording=proposed_wording,
            justification=justification,
            author=None,
            author_name=author_name,
            organisation=organisation,
            organisation_name=(organisation_name or "").strip()[:300],
            publish_name=bool(publish_name),
            channel=channel,
            received_at=received_at,
            entered_by=actor,
            visibility=Comment.Visibility.PUBLIC,
        )
        audit_log(
            action="consultations.opinion.entered",
            actor=actor,
            target=comment,
            data={"reference": comment.reference, "channel": channel},
        )
        _counts_changed(comment.consultation_id)
    return comment


def comment_update(
    *,
    comment: Comment,
    actor,
    justification: str,
    proposed_wording: str = "",
    current_wording: str | None = None,
) -> Comment:
    """The author changes their comment until the consultation closes."""
    if not can(actor, "consultations.change_comment", comment):
        if comment.consultation.phase != Consultation.Phase.OPEN:
            raise ConsultationError(
                _("Comments can be changed only while the consultation is open."),
                code="not_open",
                status_code=409,
            )
        raise forbidden()
    justification = _text(justification, "justification", required=True)
    proposed_wording = _text(proposed_wording, "proposed_wording")
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        before = {
            "justification": comment.justification,
            "proposed_wording": comment.proposed_wording,
            "current_wording": comment.current_wording,
        }
        comment.justification = justification
        comment.proposed_wording = proposed_wording
        if current_wording is not None:
            comment.current_wording = current_wording.strip()[:100_000]
        comment.save()
        audit_log(
            action="consultations.comment.updated",
            actor=actor,
            target=comment,
            data={"before": before},
        )
        _counts_changed(comment.consultation_id)
    return comment


def comment_moderate(
    *, comment: Comment, actor, visible: bool, reason: str = ""
) -> Comment:
    """Publish a comment waiting for moderation, or hide one with a recorded reason.
    A hidden comment stays in the report's count of hidden comments but not its
    table, and it needs no position."""
    if not can(actor, "consultations.moderate", comment.consultation):
        raise forbidden()
    reason = (reason or "").strip()
    if not visible and not reason:
        raise ConsultationError(
            _("Record why the comment is hidden."), field="hidden_reason"
        )
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        previous = comment.visibility
        comment.visibility = (
            Comment.Visibility.PUBLIC if visible else Comment.Visibility.HIDDEN
        )
        comment.hidden_reason = "" if visible else reason
        comment.save(update_fields=["visibility", "hidden_reason", "updated_at"])
        # Either decision settles the reports about it.
        AbuseReport.objects.filter(comment=comment, resolved_at=None).update(
            resolved_at=timezone.now(), resolved_by=actor
        )
        if comment.consultation.status == Consultation.Status.REPORTED:
            # The published report changes with it: rebuild its stored PDF.
            from razem.consultations.tasks import report_pdf_build

            consultation_id = comment.consultation_id
            transaction.on_commit(lambda: report_pdf_build.delay(consultation_id))
        audit_log(
            action="consultations.comment." + ("published" if visible else "hidden"),
            actor=actor,
            target=comment,
            data={"previous": previous, "reason": reason},
        )
        _counts_changed(comment.consultation_id)
    return comment


def abuse_report_create(*, comment: Comment, actor, reason: str) -> AbuseReport:
    """Flag a public comment as abusive (once per person); moderators decide."""
    if not can(actor, "consultations.report_comment", comment):
        raise forbidden()
    reason = (reason or "").strip()
    if not reason or len(reason) > 2000:
        raise ConsultationError(
            _("Say briefly what is wrong (at most 2,000 characters)."), field="reason"
        )
    if comment.visibility != Comment.Visibility.PUBLIC:
        raise ConsultationError(_("This comment is not public."), status_code=404)
    with transaction.atomic():
        report, created = AbuseReport.objects.get_or_create(
            comment=comment, reporter=actor, defaults={"reason": reason}
        )
        if created:
            audit_log(
                action="consultations.comment.reported",
                actor=actor,
                target=comment,
                data={"reason": reason},
            )
    return report
