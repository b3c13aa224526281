"""Writes about initiatives: submit, edit while waiting, publish or reject, photos.

Each service checks the permission itself (through rules.can), so pages and the API
refuse the same things; each writes an audit entry in its transaction.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.areas.models import PublicBenefitArea
from razem.areas.selectors import areas_resolve
from razem.core.audit import audit_log, changed_fields
from razem.core.mail import absolute_url, schedule_mail
from razem.initiatives.exceptions import InitiativeError
from razem.initiatives.models import Initiative, Photo
from razem.initiatives.rules import can, is_submitter
from razem.initiatives.selectors import organisations_of, reviewing_institution_for
from razem.institutions.models import InstitutionStaff
from razem.organisations.models import Organisation
from razem.territories.models import Territory

MAX_PHOTOS = 5
EDITABLE_FIELDS = frozenset(
    {
        "title",
        "kind",
        "description",
        "organisations",
        "informal_group",
        "areas",
        "territory",
        "lat",
        "lon",
        "start_date",
        "end_date",
    }
)
_SCALAR_FIELDS = EDITABLE_FIELDS - {"organisations", "areas"}


def _forbidden() -> InitiativeError:
    return InitiativeError(
        _("You are not allowed to do this."), code="forbidden", status_code=403
    )


def _territory(value) -> Territory:
    if isinstance(value, Territory):
        return value
    territory = Territory.objects.filter(code=str(value or "").strip()).first()
    if territory is None:
        raise InitiativeError(_("Unknown TERC code."), field="territory")
    return territory


def _areas(values: Iterable) -> list[PublicBenefitArea]:
    return areas_resolve(values, error=InitiativeError)


def _organisations(actor, values: Iterable) -> list[Organisation]:
    """Organisations (instances or slugs) the actor is an approved member of."""
    values = list(values)
    slugs = {v for v in values if isinstance(v, str)}
    ids = {v.pk for v in values if isinstance(v, Organisation)}
    allowed_list = list(
        organisations_of(user=actor).filter(Q(slug__in=slugs) | Q(pk__in=ids))
    )
    if len(allowed_list) != len(slugs | ids):
        raise InitiativeError(
            _("You can only name organisations in which your membership is approved."),
            field="organisations",
        )
    return allowed_list


def _check_organisers(organisations: list, informal_group: str) -> None:
    if not organisations and not informal_group.strip():
        raise InitiativeError(
            _("Name the organisations or the informal group behind the initiative."),
            field="informal_group",
        )


def _full_clean(initiative: Initiative) -> None:
    # The submitter's account may have been deleted since (SET_NULL).
    initiative.full_clean(exclude=["submitted_by"])


def _reviewer_emails(initiative: Initiative) -> list[str]:
    """The reviewing institution's NGO liaisons, or all its staff if it has none."""
    if initiative.reviewing_institution_id is None:
        return []
    staff = InstitutionStaff.objects.filter(
        institution_id=initiative.reviewing_institution_id
    )
    liaisons = staff.filter(is_liaison=True)
    chosen = liaisons if liaisons.exists() else staff
    return list(chosen.values_list("user__email", flat=True))


def _add_photo(*, initiative: Initiative, image, alt_text: str) -> Photo:
    if initiative.photos.count() >= MAX_PHOTOS:
        raise InitiativeError(
            _("An initiative may have at most %(n)s photos.") % {"n": MAX_PHOTOS},
            field="photo",
        )
    if not (alt_text or "").strip():
        raise InitiativeError(
            _("Describe the photo for people who cannot see it."), field="photo_alt"
        )
    photo = Photo(
        initiative=initiative,
        image=image,
        alt_text=alt_text.strip(),
        position=initiative.photos.count(),
    )
    try:
        photo.full_clean(exclude=["initiative"])
    except ValidationError as exc:
        errors = exc.message_dict
        field = "photo" if "image" in errors else "photo_alt"
        messages = errors.get("image") or errors.get("alt_text") or exc.messages
        raise InitiativeError(" ".join(messages), field=field) from None
    photo.save()
    return photo


def initiative_submit(
    *,
    actor,
    title: str,
    kind: str,
    description: str,
    territory: Territory | str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    organisations: Iterable[Organisation | str] = (),
    informal_group: str = "",
    areas: Iterable[PublicBenefitArea | str] = (),
    lat: float | None = None,
    lon: float | None = None,
    photo=None,
    photo_alt: str = "",
) -> Initiative:
    """Submit an initiative for review by the institution covering its territory.

    Anyone signed in may submit; organisations may be named only by their approved
    members, and either organisations or an informal group must be named. Mails the
    reviewing institution's liaisons after commit.
    """
    if not can(actor, "initiatives.add_initiative"):
        raise InitiativeError(
            _("You must be signed in."), code="forbidden", status_code=403
        )
    organisers = _organisations(actor, organisations)
    informal_group = (informal_group or "").strip()
    _check_organisers(organisers, informal_group)
    chosen_areas = _areas(areas)
    place = _territory(territory)
    with transaction.atomic():
        initiative = Initiative(
            title=(title or "").strip(),
            kind=kind,
            description=(description or "").strip(),
            informal_group=informal_group,
            territory=place,
            lat=lat,
            lon=lon,
            start_date=start_date,
            end_date=end_date,
            status=Initiative.Status.SUBMITTED,
            submitted_by=actor,
            reviewing_institution=reviewing_institution_for(place),
        )
        _full_clean(initiative)
        initiative.save()
        initiative.organisations.set(organisers)
        initiative.areas.set(chosen_areas)
        if photo:
            _add_photo(initiative=initiative, image=photo, alt_text=photo_alt)
        audit_log(
            action="initiatives.initiative.submitted",
            actor=actor,
            target=initiative,
            data={
                "reviewing_institution": initiative.reviewing_institution_id,
                "territory": place.code,
            },
        )
        schedule_mail(
            to=_reviewer_emails(initiative),
            template="initiatives/mail/submitted",
            context={
                "initiative": initiative,
                "url": absolute_url(initiative.get_absolute_url()),
            },
        )
    return initiative


def _locked(initiative: Initiative) -> Initiative:
    """The row locked for this transaction, so a review and an edit cannot cross."""
    return Initiative.objects.select_for_update().get(pk=initiative.pk)


def initiative_update(
    *, actor, initiative: Initiative, photo=None, photo_alt: str = "", **fields: Any
) -> Initiative:
    """Change an initiative; only its submitter, only while it waits for review.

    Locks the row and re-checks the status. A new territory may move the review to
    another institution. Records the changed fields.
    """
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Unknown initiative fields: {sorted(unknown)}")
    if not can(actor, "initiatives.change_initiative", initiative):
        if is_submitter(actor, initiative):
            raise InitiativeError(
                _("A reviewed initiative can no longer be changed."),
                code="invalid_state",
                status_code=409,
            )
        raise _forbidden()
    organisers = (
        _organisations(actor, fields.pop("organisations"))
        if "organisations" in fields
        else None
    )
    chosen_areas = _areas(fields.pop("areas")) if "areas" in fields else None
    if "territory" in fields:
        fields["territory"] = _territory(fields["territory"])
    for name in ("title", "description", "informal_group"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    with transaction.atomic():
        current = _locked(initiative)
        if current.status != Initiative.Status.SUBMITTED:
            raise InitiativeError(
                _("A reviewed initiative can no longer be changed."),
                code="invalid_state",
                status_code=409,
            )
        before = {name: getattr(current, name) for name in _SCALAR_FIELDS}
        before_orgs = sorted(current.organisations.values_list("pk", flat=True))
        before_areas = sorted(current.areas.values_list("code", flat=True))
        for name, value in fields.items():
            setattr(current, name, value)
        _check_organisers(
            organisers if organisers is not None else list(current.organisations.all()),
            current.informal_group,
        )
        if "territory" in fields and fields["territory"] != before["territory"]:
            current.reviewing_institution = reviewing_institution_for(current.territory)
        _full_clean(current)
        current.save()
        changes = changed_fields(current, before)
        if organisers is not None:
            current.organisations.set(organisers)
            after = sorted(o.pk for o in organisers)
            if after != before_orgs:
                changes["organisations"] = [before_orgs, after]
        if chosen_areas is not None:
            current.areas.set(chosen_areas)
            after_areas = sorted(a.code for a in chosen_areas)
            if after_areas != before_areas:
                changes["areas"] = [before_areas, after_areas]
        if photo:
            _add_photo(initiative=current, image=photo, alt_text=photo_alt)
            changes["photos"] = "added"
        audit_log(
            action="initiatives.initiative.updated",
            actor=actor,
            target=current,
            data={"changes": changes},
        )
    return current


def _review(*, actor, initiative: Initiative, publish: bool, note: str) -> Initiative:
    note = (note or "").strip()
    if not publish and not note:
        raise InitiativeError(
            _("Tell the submitter why the initiative is rejected."), field="note"
        )
    with transaction.atomic():
        current = _locked(initiative)
        if current.status != Initiative.Status.SUBMITTED:
            raise InitiativeError(
                _("This initiative has already been reviewed."),
                code="invalid_state",
                status_code=409,
            )
        if not can(actor, "initiatives.review_initiative", current):
            raise _forbidden()
        now = timezone.now()
        current.status = (
            Initiative.Status.PUBLISHED if publish else Initiative.Status.REJECTED
        )
        current.reviewed_by = actor
        current.reviewed_at = now
        current.review_note = note
        if publish:
            current.published_at = now
        _full_clean(current)
        current.save()
        decision = "published" if publish else "rejected"
        audit_log(
            action=f"initiatives.initiative.{decision}",
            actor=actor,
            target=current,
            data={"note": note},
        )
        submitter = current.submitted_by
        schedule_mail(
            to=[submitter.email] if submitter else [],
            template=f"initiatives/mail/{decision}",
            context={
                "initiative": current,
                "note": note,
                "url": absolute_url(current.get_absolute_url()),
            },
        )
    return current


def initiative_publish(*, actor, initiative: Initiative, note: str = "") -> Initiative:
    """Publish a submitted initiative: staff of the reviewing institution or a
    platform administrator. Locks the row; a second decision gets status 409.
    Mails the submitter after commit."""
    return _review(actor=actor, initiative=initiative, publish=True, note=note)


def initiative_reject(*, actor, initiative: Initiative, note: str) -> Initiative:
    """Reject a submitted initiative with a note for the submitter (required).
    Same reviewers, locking and mail as initiative_publish."""
    return _review(actor=actor, initiative=initiative, publish=False, note=note)


def photo_add(*, actor, initiative: Initiative, image, alt_text: str) -> Photo:
    """Add a photo (PNG/JPEG/WebP, at most 3 MB, with alternative text); the
    submitter, while the initiative waits for review."""
    if not can(actor, "initiatives.change_initiative", initiative):
        raise _forbidden()
    with transaction.atomic():
        current = _locked(initiative)
        photo = _add_photo(initiative=current, image=image, alt_text=alt_text)
        audit_log(
            action="initiatives.photo.added",
            actor=actor,
            target=current,
            data={"photo": photo.pk, "alt_text": photo.alt_text},
        )
    return photo


def photo_remove(*, actor, photo: Photo) -> None:
    """Remove a photo and its file; the submitter, while the initiative waits."""
    initiative = photo.initiative
    if not can(actor, "initiatives.change_initiative", initiative):
        raise _forbidden()
    with transaction.atomic():
        _locked(initiative)
        data = {"photo": photo.pk, "alt_text": photo.alt_text}
        storage, name = photo.image.storage, photo.image.name
        photo.delete()
        audit_log(
            action="initiatives.photo.removed",
            actor=actor,
            target=initiative,
            data=data,
        )
        transaction.on_commit(lambda: storage.delete(name))
