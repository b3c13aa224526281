"""The institution's side of a consultation besides its life cycle: attachments,
invitations, and organisations' subscriptions to consultation notices."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from razem.areas.selectors import areas_resolve
from razem.consultations.exceptions import ConsultationError
from razem.consultations.models import Attachment, Consultation, Subscription
from razem.consultations.rules import can
from razem.consultations.services.consultations import forbidden
from razem.core.audit import audit_log
from razem.core.uploads import DOCUMENT_TYPES, document_kind
from razem.organisations.models import Membership, Organisation
from razem.territories.models import Territory


def _validation_error(exc: ValidationError) -> ConsultationError:
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        return ConsultationError(errors[0].messages[0], field=field)
    return ConsultationError(exc.messages[0])


def _delete_file_on_commit(name: str) -> None:
    from django.core.files.storage import default_storage

    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


# --- attachments -----------------------------------------------------------------


def attachment_add(
    *,
    actor,
    consultation: Consultation,
    title: str,
    file,
    kind: str = Attachment.Kind.OTHER,
) -> Attachment:
    """Attach a PDF, DOCX, ODT, XLSX or ODS document (justification, impact
    assessment, other), checked by its content and size (RAZEM_MAX_DOCUMENT_BYTES)
    while the consultation can be changed. Nothing is stored when a check fails."""
    if not can(actor, "consultations.change_consultation", consultation):
        raise forbidden()
    if kind not in Attachment.Kind.values:
        raise ConsultationError(_("Choose the kind of the attachment."), field="kind")
    attachment = Attachment(
        consultation=consultation,
        title=(title or "").strip(),
        kind=kind,
        file=file,
        size=getattr(file, "size", 0) or 0,
    )
    try:
        attachment.full_clean(exclude=["consultation"])
    except ValidationError as exc:
        raise _validation_error(exc) from None
    attachment.content_type = DOCUMENT_TYPES[document_kind(file)]
    with transaction.atomic():
        attachment.save()
        audit_log(
            action="consultations.attachment.added",
            actor=actor,
            target=consultation,
            data={
                "attachment": attachment.pk,
                "title": attachment.title,
                "kind": kind,
                "size": attachment.size,
                "content_type": attachment.content_type,
            },
        )
    return attachment


def attachment_delete(*, actor, attachment: Attachment) -> None:
    """Remove an attachment while the consultation can be changed; the file is
    deleted from storage after commit."""
    consultation = attachment.consultation
    if not can(actor, "consultations.change_consultation", consultation):
        raise forbidden()
    with transaction.atomic():
        name = attachment.file.name
        audit_log(
            action="consultations.attachment.deleted",
            actor=actor,
            target=consultation,
            data={"attachment": attachment.pk, "title": attachment.title},
        )
        attachment.delete()
        _delete_file_on_commit(name)


# --- invitations -----------------------------------------------------------------


def invitations_set(
    *,
    actor,
    consultation: Consultation,
    organisations: Iterable[Organisation],
    people: Iterable,
) -> Consultation:
    """Replace the invited organisations and people (who may comment when the
    participation is "invited only"), while the consultation can be changed."""
    if not can(actor, "consultations.change_consultation", consultation):
        raise forbidden()
    organisations, people = list(organisations), list(people)
    with transaction.atomic():
        before_orgs = set(
            consultation.invited_organisations.values_list("pk", flat=True)
        )
        before_people = set(consultation.invited_people.values_list("pk", flat=True))
        consultation.invited_organisations.set(organisations)
        consultation.invited_people.set(people)
        after_orgs = {o.pk for o in organisations}
        after_people = {p.pk for p in people}
        if (before_orgs, before_people) != (after_orgs, after_people):
            audit_log(
                action="consultations.invitations.changed",
                actor=actor,
                target=consultation,
                data={
                    "organisations": sorted(after_orgs),
                    "people": sorted(after_people),
                },
            )
    return consultation


# --- subscriptions ---------------------------------------------------------------


def is_representative(user, organisation: Organisation) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and Membership.objects.filter(
            organisation=organisation,
            user=user,
            role=Membership.Role.REPRESENTATIVE,
            status=Membership.Status.APPROVED,
        ).exists()
    )


def subscription_update(
    *,
    organisation: Organisation,
    actor,
    areas: Iterable = (),
    territories: Iterable = (),
    email: str = "",
) -> Subscription:
    """Set what the organisation follows: public benefit areas (instances or codes)
    and territories (instances or TERC codes), and the address for notices (empty:
    the organisation's own). Only its approved representatives. Following nothing
    keeps the row but stops the notices."""
    if not is_representative(actor, organisation):
        raise forbidden()
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ConsultationError(
                _("Enter a valid e-mail address."), field="email"
            ) from None
    chosen_areas = areas_resolve(areas, error=ConsultationError)
    territories = list(territories)
    codes = {str(t).strip() for t in territories if not isinstance(t, Territory)}
    found = {t.code: t for t in Territory.objects.filter(code__in=codes)}
    unknown = sorted(codes - set(found))
    if unknown:
        raise ConsultationError(
            _("Unknown TERC code: %(codes)s.") % {"codes": ", ".join(unknown)},
            field="territories",
        )
    chosen_territories = [
        t if isinstance(t, Territory) else found[str(t).strip()] for t in territories
    ]
    with transaction.atomic():
        subscription, _created = Subscription.objects.select_for_update().get_or_create(
            organisation=organisation
        )
        subscription.email = email
        subscription.save()
        subscription.areas.set(chosen_areas)
        subscription.territories.set(chosen_territories)
        audit_log(
            action="consultations.subscription.updated",
            actor=actor,
            target=organisation,
            data={
                "areas": sorted(a.code for a in chosen_areas),
                "territories": sorted(t.code for t in chosen_territories),
                "email": email,
            },
        )
    return subscription
