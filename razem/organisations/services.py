"""Writes to the NGO registry: organisations, memberships, verification."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError

from razem.areas.models import PublicBenefitArea
from razem.areas.selectors import areas_resolve
from razem.core.audit import audit_log, changed_fields
from razem.core.mail import absolute_url, schedule_mail
from razem.institutions.models import InstitutionStaff
from razem.organisations.exceptions import OrganisationError
from razem.organisations.models import Membership, Organisation
from razem.organisations.rules import is_institution_staff, is_platform_admin
from razem.organisations.validators import normalise_number
from razem.territories.models import Territory

# The fields a caller may set through **fields (the rest are managed here).
EDITABLE_FIELDS = frozenset(
    {
        "name",
        "short_name",
        "legal_form",
        "seat",
        "krs",
        "nip",
        "regon",
        "is_public_benefit",
        "description",
        "resources",
        "networks",
        "email",
        "phone",
        "website",
        "address",
        "lat",
        "lon",
        "logo",
    }
)
NUMBER_FIELDS = ("krs", "nip", "regon")
CHANGE_PERM = "organisations.change_organisation"
LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_FORMATS = {"PNG", "JPEG", "WEBP"}
_SLUG_MAX = 120
# Paths under /organizacje/ that an organisation's slug must not shadow.
RESERVED_SLUGS = {"nowa", "eksport"}
# slugify() drops letters without an ASCII decomposition; ł is the Polish one.
_SLUG_TRANSLATE = str.maketrans({"ł": "l", "Ł": "L"})


def validate_logo(file) -> None:
    """A logo is a real PNG, JPEG or WebP image of at most 2 MB.

    SVG is refused: it can carry scripts.
    """
    if not file:
        return
    if file.size > LOGO_MAX_BYTES:
        raise ValidationError(
            gettext_lazy("The logo may be at most 2 MB."), code="logo_size"
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            gettext_lazy("Upload a PNG, JPEG or WebP image."), code="logo_format"
        ) from exc
    finally:
        file.seek(0)
    if image_format not in LOGO_FORMATS:
        raise ValidationError(
            gettext_lazy("Upload a PNG, JPEG or WebP image."), code="logo_format"
        )


def _check_new_logo(fields: dict[str, Any]) -> None:
    # A FieldFile is the logo already stored; only a new file needs checking.
    logo = fields.get("logo")
    if logo and not isinstance(logo, FieldFile):
        validate_logo(logo)


def _unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name.translate(_SLUG_TRANSLATE))[: _SLUG_MAX - 6].strip("-")
    base = base or "organizacja"
    taken = Organisation.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    taken_slugs = set(taken.values_list("slug", flat=True)) | RESERVED_SLUGS
    slug, n = base, 1
    while slug in taken_slugs:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _require_authenticated(actor) -> None:
    if not (actor and actor.is_authenticated):
        raise OrganisationError(
            _("You must be signed in."), code="forbidden", status_code=403
        )


def _forbidden() -> OrganisationError:
    return OrganisationError(
        _("You are not allowed to do this."), code="forbidden", status_code=403
    )


def _prepare_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Unknown organisation fields: {sorted(unknown)}")
    for number in NUMBER_FIELDS:
        if number in fields:
            fields[number] = normalise_number(fields[number] or "")
    for text in set(fields) & {"short_name", "email", "phone", "website", "address"}:
        fields[text] = fields[text] or ""
    if "logo" in fields and not fields["logo"]:
        fields["logo"] = ""  # a cleared logo (forms give False)
    if isinstance(fields.get("seat"), str):
        fields["seat"] = _territories([fields["seat"]], field="seat")[0]
    return fields


def _areas(values: Iterable) -> list[PublicBenefitArea]:
    return areas_resolve(values, error=OrganisationError)


def _territories(values: Iterable, *, field: str) -> list[Territory]:
    """Territories given as instances or TERC codes; an unknown code is an error."""
    values = list(values)
    codes = {v for v in values if isinstance(v, str)}
    found = {t.code: t for t in Territory.objects.filter(code__in=codes)}
    missing = codes - set(found)
    if missing:
        raise OrganisationError(
            _("Unknown TERC code: %(codes)s.") % {"codes": ", ".join(sorted(missing))},
            field=field,
        )
    return [found[v] if isinstance(v, str) else v for v in values]


def _check_unique_numbers(organisation: Organisation) -> None:
    """KRS and NIP identify one organisation; say which field clashes."""
    others = Organisation.objects.exclude(pk=organisation.pk)
    if organisation.krs and others.filter(krs=organisation.krs).exists():
        raise OrganisationError(
            _("An organisation with this KRS number is already registered."),
            field="krs",
            code="duplicate",
        )
    if organisation.nip and others.filter(nip=organisation.nip).exists():
        raise OrganisationError(
            _("An organisation with this NIP is already registered."),
            field="nip",
            code="duplicate",
        )


def _representative_emails(organisation: Organisation) -> list[str]:
    return list(
        Membership.objects.filter(
            organisation=organisation,
            role=Membership.Role.REPRESENTATIVE,
            status=Membership.Status.APPROVED,
        ).values_list("user__email", flat=True)
    )


def _can_manage(actor, organisation: Organisation) -> bool:
    return actor.has_perm("organisations.manage_members", organisation)


def organisation_create(
    *,
    actor,
    name: str,
    legal_form: str,
    seat: Territory | str,
    areas: Iterable[PublicBenefitArea | str] = (),
    activity_territories: Iterable[Territory | str] = (),
    **fields: Any,
) -> Organisation:
    """Register a new organisation; `actor` becomes its approved representative.

    Preconditions: `actor` is signed in. `seat`, `areas` and `activity_territories`
    may be given as instances or as codes. KRS/NIP/REGON are normalised (spaces and
    hyphens dropped); a KRS or NIP already registered is refused naming the field.
    The slug is made from the name, with -2, -3… added on collision.
    Raises OrganisationError or ValidationError (field errors from full_clean).
    """
    _require_authenticated(actor)
    fields = _prepare_fields({**fields, "name": name, "legal_form": legal_form})
    if isinstance(seat, str):
        seat = _territories([seat], field="seat")[0]
    area_objects = _areas(areas)
    territory_objects = _territories(activity_territories, field="activity_territories")
    _check_new_logo(fields)
    with transaction.atomic():
        organisation = Organisation(seat=seat, **fields)
        organisation.slug = _unique_slug(organisation.name)
        _check_unique_numbers(organisation)
        organisation.full_clean()
        organisation.save()
        organisation.areas.set(area_objects)
        organisation.activity_territories.set(territory_objects)
        Membership.objects.create(
            organisation=organisation,
            user=actor,
            role=Membership.Role.REPRESENTATIVE,
            status=Membership.Status.APPROVED,
            decided_at=timezone.now(),
        )
        audit_log(
            action="organisations.organisation.created",
            actor=actor,
            target=organisation,
            data={"slug": organisation.slug, "name": organisation.name},
        )
    return organisation


def organisation_update(
    *,
    actor,
    organisation: Organisation,
    areas: Iterable[PublicBenefitArea | str] | None = None,
    activity_territories: Iterable[Territory | str] | None = None,
    **fields: Any,
) -> Organisation:
    """Change an organisation's profile; the audit entry lists the changed fields.

    Preconditions: `actor` has `organisations.change_organisation` (an approved
    representative or a platform admin). `areas`/`activity_territories` of None are
    left unchanged. The slug is kept (links to the profile stay valid).
    """
    if not (
        actor and actor.has_perm("organisations.change_organisation", organisation)
    ):
        raise _forbidden()
    fields = _prepare_fields(dict(fields))
    area_objects = None if areas is None else _areas(areas)
    territory_objects = (
        None
        if activity_territories is None
        else _territories(activity_territories, field="activity_territories")
    )
    _check_new_logo(fields)
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        before = {name: getattr(organisation, name) for name in fields}
        if "seat" in fields:
            before["seat"] = organisation.seat_id
        for name, value in fields.items():
            setattr(organisation, name, value)
        _check_unique_numbers(organisation)
        organisation.full_clean()
        organisation.save()
        changes = changed_fields(organisation, before)
        if "seat" in fields:
            changes.pop("seat", None)
            if before["seat"] != organisation.seat_id:
                changes["seat"] = [before["seat"], organisation.seat_id]
        if "logo" in changes:
            changes["logo"] = [str(v) for v in changes["logo"]]
        if area_objects is not None:
            old = sorted(organisation.areas.values_list("code", flat=True))
            new = sorted(a.code for a in area_objects)
            if old != new:
                organisation.areas.set(area_objects)
                changes["areas"] = [old, new]
        if territory_objects is not None:
            old = sorted(
                organisation.activity_territories.values_list("code", flat=True)
            )
            new = sorted(t.code for t in territory_objects)
            if old != new:
                organisation.activity_territories.set(territory_objects)
                changes["activity_territories"] = [old, new]
        audit_log(
            action="organisations.organisation.updated",
            actor=actor,
            target=organisation,
            data={"changes": changes},
        )
    return organisation


def membership_request(
    *,
    actor,
    organisation: Organisation,
    role: str = Membership.Role.MEMBER,
    message: str = "",
) -> Membership:
    """Ask to join (`member`) or represent (`representative`) an organisation.

    Preconditions: `actor` is signed in. Idempotent while a request is pending (the
    pending request is returned unchanged); refused when already approved; after a
    rejection the person may ask again. Mails the approved representatives.
    """
    _require_authenticated(actor)
    if role not in Membership.Role.values:
        raise OrganisationError(_("Choose a valid role."), field="role")
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .filter(organisation=organisation, user=actor)
            .first()
        )
        if membership and membership.status == Membership.Status.PENDING:
            return membership
        if membership and membership.status == Membership.Status.APPROVED:
            raise OrganisationError(
                _("You are already a member of this organisation."),
                code="already_member",
            )
        if membership is None:
            membership = Membership(organisation=organisation, user=actor)
        membership.role = role
        membership.message = message or ""
        membership.status = Membership.Status.PENDING
        membership.decided_by = None
        membership.decided_at = None
        membership.full_clean()
        membership.save()
        audit_log(
            action="organisations.membership.requested",
            actor=actor,
            target=organisation,
            data={"membership": membership.pk, "role": role},
        )
        schedule_mail(
            to=_representative_emails(organisation),
            template="organisations/mail/membership_requested",
            context={
                "membership": membership,
                "organisation": organisation,
                "url": absolute_url(
                    reverse("organisations:members", args=[organisation.slug])
                ),
            },
        )
    return membership


def membership_decide(*, actor, membership: Membership, approve: bool) -> Membership:
    """Approve or reject a pending request and mail the requester.

    Preconditions: `actor` is an approved representative of the organisation or a
    platform admin; the request is still pending (the row is locked and re-checked,
    so two representatives deciding at once cannot both succeed).
    """
    organisation = membership.organisation
    if not (actor and _can_manage(actor, organisation)):
        raise _forbidden()
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.status != Membership.Status.PENDING:
            raise OrganisationError(
                _("This request has already been decided."), code="already_decided"
            )
        membership.status = (
            Membership.Status.APPROVED if approve else Membership.Status.REJECTED
        )
        membership.decided_by = actor
        membership.decided_at = timezone.now()
        membership.full_clean()
        membership.save()
        audit_log(
            action="organisations.membership."
            + ("approved" if approve else "rejected"),
            actor=actor,
            target=organisation,
            data={"membership": membership.pk, "user": membership.user_id},
        )
        schedule_mail(
            to=[membership.user.email],
            template="organisations/mail/membership_decided",
            context={
                "membership": membership,
                "organisation": organisation,
                "url": absolute_url(organisation.get_absolute_url()),
            },
        )
    return membership


def membership_remove(*, actor, membership: Membership) -> None:
    """Remove a member (representatives, admin) or leave (the person themselves).

    A pending request may be withdrawn the same way. The last approved representative
    can be neither removed nor leave: the organisation's memberships are locked and
    counted in the transaction so two representatives leaving at once cannot both go.
    """
    organisation = membership.organisation
    is_self = bool(actor and actor.is_authenticated and actor.pk == membership.user_id)
    if not (is_self or (actor and _can_manage(actor, organisation))):
        raise _forbidden()
    with transaction.atomic():
        memberships = list(
            Membership.objects.select_for_update().filter(organisation=organisation)
        )
        membership = next((m for m in memberships if m.pk == membership.pk), None)
        if membership is None:
            return
        approved_representatives = [
            m
            for m in memberships
            if m.role == Membership.Role.REPRESENTATIVE
            and m.status == Membership.Status.APPROVED
        ]
        if approved_representatives == [membership]:
            raise OrganisationError(
                _(
                    "The last representative cannot leave: appoint another "
                    "representative first."
                ),
                code="last_representative",
            )
        audit_log(
            action="organisations.membership." + ("left" if is_self else "removed"),
            actor=actor,
            target=organisation,
            data={
                "membership": membership.pk,
                "user": membership.user_id,
                "role": membership.role,
                "status": membership.status,
            },
        )
        membership.delete()


def organisation_set_verified(
    *, actor, organisation: Organisation, verified: bool
) -> Organisation:
    """Mark an organisation as verified (or not) by a public body.

    Preconditions: `actor` is staff of any institution or a platform admin.
    `verified_by` is the actor's institution (None for an admin without one).
    """
    if not (actor and (is_institution_staff(actor) or is_platform_admin(actor))):
        raise _forbidden()
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if verified:
            staff = (
                InstitutionStaff.objects.filter(user=actor)
                .select_related("institution")
                .order_by("pk")
                .first()
            )
            organisation.is_verified = True
            organisation.verified_at = timezone.now()
            organisation.verified_by = staff.institution if staff else None
        else:
            organisation.is_verified = False
            organisation.verified_at = None
            organisation.verified_by = None
        organisation.full_clean()
        organisation.save(
            update_fields=["is_verified", "verified_at", "verified_by", "updated_at"]
        )
        audit_log(
            action="organisations.organisation."
            + ("verified" if verified else "unverified"),
            actor=actor,
            target=organisation,
            data={"institution": organisation.verified_by_id},
        )
    return organisation
