"""The consultation's life: create, change, publish, start responses, publish the report.

Numbers (K-2026-014) are allocated under a lock on the institution row; each service
checks its permission through rules.can and writes an audit entry in its transaction.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from razem.areas.selectors import areas_resolve
from razem.consultations.exceptions import ConsultationError
from razem.consultations.models import Comment, Consultation
from razem.consultations.rules import can
from razem.core.audit import audit_log, changed_fields
from razem.institutions.models import Institution, Unit
from razem.territories.models import Territory

EDITABLE = (
    "title",
    "kind",
    "subject",
    "legal_basis",
    "unit",
    "territory",
    "contact_name",
    "contact_email",
    "contact_phone",
    "starts_at",
    "ends_at",
    "min_days",
    "shortened_justification",
    "online_comments",
    "written_opinions",
    "written_opinions_address",
    "meeting",
    "questionnaire_url",
    "participation",
    "moderation",
)


def forbidden() -> ConsultationError:
    return ConsultationError(
        _("You are not allowed to do this."), code="forbidden", status_code=403
    )


def _unique_slug(title: str, year: int) -> str:
    base = slugify(title.replace("ł", "l").replace("Ł", "L"))[:100] or "konsultacje"
    slug, n = base, 2
    while Consultation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_period(consultation: Consultation) -> None:
    if consultation.starts_at >= consultation.ends_at:
        raise ConsultationError(_("The end must be after the start."), field="ends_at")
    if consultation.is_shortened and not consultation.shortened_justification.strip():
        raise ConsultationError(
            _(
                "The period is shorter than %(n)s days: record the justification "
                "of the shorter period."
            )
            % {"n": consultation.min_days},
            field="shortened_justification",
        )


def _resolve(values: dict[str, Any], institution: Institution) -> dict[str, Any]:
    values = dict(values)
    if "unit" in values and values["unit"] is not None:
        unit = values["unit"]
        unit_id = unit.pk if isinstance(unit, Unit) else unit
        found = Unit.objects.filter(pk=unit_id, institution=institution).first()
        if found is None:
            raise ConsultationError(
                _("Choose a unit of this institution."), field="unit"
            )
        values["unit"] = found
    if "territory" in values and values["territory"] not in (None, ""):
        territory = values["territory"]
        if not isinstance(territory, Territory):
            territory = Territory.objects.filter(code=str(territory).strip()).first()
            if territory is None:
                raise ConsultationError(_("Unknown TERC code."), field="territory")
        values["territory"] = territory
    elif "territory" in values:
        values["territory"] = None
    return values


def consultation_create(
    *,
    actor,
    institution: Institution,
    title: str,
    kind: str,
    subject: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    areas: Iterable = (),
    **fields: Any,
) -> Consultation:
    """A new draft consultation of `institution` (its staff or a platform admin).

    Allocates the next number of the institution in the start's year under a lock on
    the institution row. The period is checked against `min_days` (by default the
    institution's usual 14 days); a shorter one needs `shortened_justification`.
    """
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ConsultationError(_("Unknown field."), field=sorted(unknown)[0])
    probe = Consultation(institution=institution)
    if not (
        can(actor, "consultations.add_consultation")
        and can(actor, "consultations.change_consultation", probe)
    ):
        raise forbidden()
    selected_areas = areas_resolve(areas, error=ConsultationError)
    fields.setdefault("min_days", institution.consultation_min_days)
    values = _resolve(fields, institution)
    with transaction.atomic():
        Institution.objects.select_for_update().filter(pk=institution.pk).first()
        year = timezone.localtime(starts_at).year
        last = Consultation.objects.filter(
            institution=institution, year=year
        ).aggregate(n=Max("number"))["n"]
        consultation = Consultation(
            institution=institution,
            title=(title or "").strip(),
            kind=kind,
            subject=subject or "",
            starts_at=starts_at,
            ends_at=ends_at,
            year=year,
            number=(last or 0) + 1,
            slug=_unique_slug(title or "", year),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            **values,
        )
        _check_period(consultation)
        consultation.full_clean(exclude=["created_by"])
        consultation.save()
        consultation.areas.set(selected_areas)
        audit_log(
            action="consultations.consultation.created",
            actor=actor,
            target=consultation,
            data={"reference": consultation.reference},
        )
    return consultation


def consultation_update(
    *, consultation: Consultation, actor, areas: Iterable | None = None, **fields: Any
) -> Consultation:
    """Change a consultation until its report is published. Once it is open, the
    start cannot move and the period can only be extended (fairness to those who
    already planned their comments)."""
    if not can(actor, "consultations.change_consultation", consultation):
        raise forbidden()
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ConsultationError(_("Unknown field."), field=sorted(unknown)[0])
    values = _resolve(fields, consultation.institution)
    selected_areas = (
        areas_resolve(areas, error=ConsultationError) if areas is not None else None
    )
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        before = {name: getattr(consultation, name) for name in values}
        started = consultation.status != Consultation.Status.DRAFT and (
            consultation.starts_at <= timezone.now()
        )
        for name, value in values.items():
            setattr(consultation, name, value)
        if started:
            if consultation.starts_at != before.get(
                "starts_at", consultation.starts_at
            ):
                raise ConsultationError(
                    _("The consultation has started: its start cannot change."),
                    field="starts_at",
                    status_code=409,
                )
            if "ends_at" in before and consultation.ends_at < before["ends_at"]:
                raise ConsultationError(
                    _("An open consultation can be extended but not shortened."),
                    field="ends_at",
                    status_code=409,
                )
        _check_period(consultation)
        consultation.full_clean(exclude=["created_by"])
        consultation.save()
        if selected_areas is not None:
            consultation.areas.set(selected_areas)
        audit_log(
            action="consultations.consultation.updated",
            actor=actor,
            target=consultation,
            data=changed_fields(consultation, before),
        )
    return consultation


def consultation_publish(*, consultation: Consultation, actor) -> Consultation:
    """Draft → published: it opens for comments at its start. Needs a text of the
    draft (at least one version with sections)."""
    consultation = Consultation.objects.get(pk=consultation.pk)
    if not can(actor, "consultations.publish_consultation", consultation):
        raise forbidden()
    version = consultation.current_version
    if version is None or not version.sections.exists():
        raise ConsultationError(
            _("Add the text of the draft before publishing."),
            code="no_text",
            status_code=409,
        )
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        _check_period(consultation)
        consultation.status = Consultation.Status.PUBLISHED
        consultation.save(update_fields=["status", "updated_at"])
        audit_log(
            action="consultations.consultation.published",
            actor=actor,
            target=consultation,
        )
        from razem.consultations.tasks import notify_subscribers

        transaction.on_commit(
            lambda: notify_subscribers.delay(consultation.pk, "opened")
        )
    return consultation


def responses_start(*, consultation: Consultation, actor) -> Consultation:
    """Closed → responses being prepared: no more written opinions are entered."""
    consultation = Consultation.objects.get(pk=consultation.pk)
    if not can(actor, "consultations.start_responses", consultation):
        raise ConsultationError(
            _("Responses can be prepared once the consultation has closed."),
            code="not_closed",
            status_code=409,
        )
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        consultation.status = Consultation.Status.RESPONDING
        consultation.save(update_fields=["status", "updated_at"])
        audit_log(
            action="consultations.consultation.responses_started",
            actor=actor,
            target=consultation,
        )
    return consultation


def report_publish(
    *, consultation: Consultation, actor, summary: str | None = None
) -> Consultation:
    """Publish the consultation report. Refused (409) while any comment that is not
    hidden has no position; the error lists their reference numbers in `details`."""
    consultation = Consultation.objects.get(pk=consultation.pk)
    if not can(actor, "consultations.publish_report", consultation):
        raise ConsultationError(
            _("The report can be published while responses are being prepared."),
            code="not_responding",
            status_code=409,
        )
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        missing = list(
            Comment.objects.filter(consultation=consultation)
            .without_response()
            .order_by("number")
            .values_list("number", flat=True)
        )
        if missing:
            references = [f"{consultation.reference}/{n}" for n in missing]
            raise ConsultationError(
                _("These comments have no position yet: %(list)s")
                % {"list": ", ".join(references[:50])}
                + (" …" if len(references) > 50 else ""),
                code="unanswered",
                status_code=409,
                details=references,
            )
        if summary is not None:
            consultation.report_summary = summary
        consultation.status = Consultation.Status.REPORTED
        consultation.report_published_at = timezone.now()
        consultation.save(
            update_fields=[
                "status",
                "report_summary",
                "report_published_at",
                "updated_at",
            ]
        )
        audit_log(
            action="consultations.report.published",
            actor=actor,
            target=consultation,
        )
        from razem.consultations.tasks import notify_subscribers, report_pdf_build

        transaction.on_commit(lambda: report_pdf_build.delay(consultation.pk))
        transaction.on_commit(
            lambda: notify_subscribers.delay(consultation.pk, "reported")
        )
    return consultation
