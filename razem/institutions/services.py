"""Writes about institutions: the profile, units, thematic groups and staff.

Permission checks are the callers' (views and API check the rules in rules.py); these
functions keep the domain's invariants and leave an audit entry for every change.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from razem.areas.models import PublicBenefitArea
from razem.core.audit import audit_log, changed_fields
from razem.core.mail import schedule_mail
from razem.institutions.exceptions import InstitutionError
from razem.institutions.models import Institution, InstitutionStaff, ThematicGroup, Unit
from razem.territories.models import Territory

User = get_user_model()

PROFILE_FIELDS = (
    "name",
    "short_name",
    "description",
    "website",
    "email",
    "phone",
    "address",
    "liaison_name",
    "liaison_email",
    "liaison_phone",
    "require_staff_2fa",
)
UNIT_FIELDS = ("name", "responsibilities", "email", "phone")
# Paths under /instytucje/ that an institution's slug must not take.
RESERVED_SLUGS = {"nowa", "pelnomocnicy"}


def _slug_for(name: str) -> str:
    base = slugify(name.replace("ł", "l").replace("Ł", "L"))[:100] or "instytucja"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Institution.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _user_by_email(email: str, *, field: str = "email"):
    user = User.objects.filter(
        email__iexact=(email or "").strip(), is_active=True
    ).first()
    if user is None:
        raise InstitutionError(
            _(
                "No one has an account with this e-mail address. Ask the person to "
                "sign up first."
            ),
            field=field,
        )
    return user


def _notify_staff_added(staff: InstitutionStaff) -> None:
    schedule_mail(
        to=[staff.user.email],
        template="institutions/mail/staff_added",
        context={"staff": staff, "institution": staff.institution},
    )


def _check_unit(institution: Institution, unit: Unit | None) -> None:
    if unit is not None and unit.institution_id != institution.pk:
        raise InstitutionError(_("Choose a unit of this institution."), field="unit")


@transaction.atomic
def institution_create(
    *,
    actor,
    name: str,
    kind: str,
    territory: Territory | None,
    manager_email: str,
    short_name: str = "",
) -> Institution:
    """Create an institution and make the person with `manager_email` its manager.

    A JST's territory must be of its level (see models.territory_mismatch). The slug is
    made from the name and kept unique. The manager gets an e-mail after commit.
    """
    manager = _user_by_email(manager_email, field="manager_email")
    institution = Institution(
        name=name,
        short_name=short_name,
        kind=kind,
        territory=territory,
        slug=_slug_for(name or ""),
    )
    institution.full_clean()
    institution.save()
    staff = InstitutionStaff.objects.create(
        institution=institution, user=manager, is_manager=True
    )
    audit_log(
        action="institutions.institution.created",
        actor=actor,
        target=institution,
        data={
            "kind": kind,
            "territory": territory.code if territory else None,
            "manager": manager.pk,
        },
    )
    _notify_staff_added(staff)
    return institution


@transaction.atomic
def institution_update(
    *, actor, institution: Institution, changes: Mapping[str, Any]
) -> Institution:
    """Change the public profile (PROFILE_FIELDS only), liaison contact included."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise InstitutionError(
            _("This field cannot be changed here."), field=sorted(unknown)[0]
        )
    before = {name: getattr(institution, name) for name in changes}
    for name, value in changes.items():
        setattr(institution, name, value)
    institution.full_clean()
    institution.save()
    changes_made = changed_fields(institution, before)
    if changes_made:
        audit_log(
            action="institutions.institution.updated",
            actor=actor,
            target=institution,
            data=changes_made,
        )
    return institution


def _check_unit_name(institution: Institution, name: str, exclude_pk=None) -> None:
    others = Unit.objects.filter(
        institution=institution, name__iexact=(name or "").strip()
    )
    if others.exclude(pk=exclude_pk).exists():
        raise InstitutionError(
            _("This institution already has a unit with this name."), field="name"
        )


@transaction.atomic
def unit_create(*, actor, institution: Institution, **fields: Any) -> Unit:
    """Add a unit; its name must be unique in the institution (ignoring case)."""
    unit = Unit(
        institution=institution, **{k: fields[k] for k in UNIT_FIELDS if k in fields}
    )
    _check_unit_name(institution, unit.name)
    unit.full_clean()
    unit.save()
    audit_log(
        action="institutions.unit.created",
        actor=actor,
        target=unit,
        data={"institution": institution.pk, "name": unit.name},
    )
    return unit


@transaction.atomic
def unit_update(*, actor, unit: Unit, changes: Mapping[str, Any]) -> Unit:
    if set(changes) - set(UNIT_FIELDS):
        raise InstitutionError(
            _("This field cannot be changed here."),
            field=sorted(set(changes) - set(UNIT_FIELDS))[0],
        )
    before = {name: getattr(unit, name) for name in changes}
    for name, value in changes.items():
        setattr(unit, name, value)
    _check_unit_name(unit.institution, unit.name, exclude_pk=unit.pk)
    unit.full_clean()
    unit.save()
    audit_log(
        action="institutions.unit.updated",
        actor=actor,
        target=unit,
        data=changed_fields(unit, before),
    )
    return unit


@transaction.atomic
def unit_delete(*, actor, unit: Unit) -> None:
    """Delete a unit; its staff and thematic groups stay, without a unit."""
    audit_log(
        action="institutions.unit.deleted",
        actor=actor,
        target=unit,
        data={"institution": unit.institution_id, "name": unit.name},
    )
    unit.delete()


def _check_group_name(institution: Institution, name: str, exclude_pk=None) -> None:
    others = ThematicGroup.objects.filter(
        institution=institution, name__iexact=(name or "").strip()
    )
    if others.exclude(pk=exclude_pk).exists():
        raise InstitutionError(
            _("This institution already has a thematic group with this name."),
            field="name",
        )


@transaction.atomic
def thematic_group_create(
    *,
    actor,
    institution: Institution,
    name: str,
    description: str = "",
    unit: Unit | None = None,
    areas: Iterable[PublicBenefitArea] = (),
) -> ThematicGroup:
    """Add a thematic group mapped onto public benefit areas."""
    _check_unit(institution, unit)
    _check_group_name(institution, name)
    group = ThematicGroup(
        institution=institution, name=name, description=description, unit=unit
    )
    group.full_clean()
    group.save()
    group.areas.set(list(areas))
    audit_log(
        action="institutions.thematic_group.created",
        actor=actor,
        target=group,
        data={
            "institution": institution.pk,
            "name": name,
            "areas": sorted(a.code for a in group.areas.all()),
        },
    )
    return group


@transaction.atomic
def thematic_group_update(
    *, actor, group: ThematicGroup, changes: Mapping[str, Any]
) -> ThematicGroup:
    """Change name, description, unit and/or areas (a list of areas replaces them)."""
    allowed = {"name", "description", "unit", "areas"}
    if set(changes) - allowed:
        raise InstitutionError(
            _("This field cannot be changed here."),
            field=sorted(set(changes) - allowed)[0],
        )
    simple = {k: v for k, v in changes.items() if k != "areas"}
    if "unit" in simple:
        _check_unit(group.institution, simple["unit"])
    before = {name: getattr(group, name) for name in simple}
    for name, value in simple.items():
        setattr(group, name, value)
    _check_group_name(group.institution, group.name, exclude_pk=group.pk)
    group.full_clean()
    group.save()
    data = changed_fields(group, before)
    if "areas" in changes:
        old = sorted(a.code for a in group.areas.all())
        group.areas.set(list(changes["areas"]))
        new = sorted(a.code for a in group.areas.all())
        if old != new:
            data["areas"] = [old, new]
    audit_log(
        action="institutions.thematic_group.updated",
        actor=actor,
        target=group,
        data=data,
    )
    return group


@transaction.atomic
def thematic_group_delete(*, actor, group: ThematicGroup) -> None:
    audit_log(
        action="institutions.thematic_group.deleted",
        actor=actor,
        target=group,
        data={"institution": group.institution_id, "name": group.name},
    )
    group.delete()


@transaction.atomic
def staff_add(
    *,
    actor,
    institution: Institution,
    email: str,
    unit: Unit | None = None,
    is_liaison: bool = False,
    is_manager: bool = False,
) -> InstitutionStaff:
    """Add the existing user with `email` to the staff; they are told by e-mail."""
    user = _user_by_email(email)
    _check_unit(institution, unit)
    if InstitutionStaff.objects.filter(institution=institution, user=user).exists():
        raise InstitutionError(
            _("This person is already on the staff of this institution."), field="email"
        )
    staff = InstitutionStaff(
        institution=institution,
        user=user,
        unit=unit,
        is_liaison=is_liaison,
        is_manager=is_manager,
    )
    staff.full_clean()
    staff.save()
    audit_log(
        action="institutions.staff.added",
        actor=actor,
        target=institution,
        data={
            "user": user.pk,
            "unit": unit,
            "is_liaison": is_liaison,
            "is_manager": is_manager,
        },
    )
    _notify_staff_added(staff)
    return staff


def _lock_managers(institution: Institution) -> int:
    """Lock the institution row so two requests cannot both take away the last two
    managers; return how many managers it has."""
    Institution.objects.select_for_update().filter(pk=institution.pk).first()
    return InstitutionStaff.objects.filter(
        institution=institution, is_manager=True
    ).count()


@transaction.atomic
def staff_update(
    *,
    actor,
    staff: InstitutionStaff,
    unit: Unit | None,
    is_liaison: bool,
    is_manager: bool,
) -> InstitutionStaff:
    """Change a staff member's unit and roles. Locks the institution row; refuses to
    take the manager role from the last manager."""
    _check_unit(staff.institution, unit)
    if staff.is_manager and not is_manager and _lock_managers(staff.institution) <= 1:
        raise InstitutionError(
            _("An institution must keep at least one manager."), field="is_manager"
        )
    before = {
        "unit": staff.unit,
        "is_liaison": staff.is_liaison,
        "is_manager": staff.is_manager,
    }
    staff.unit, staff.is_liaison, staff.is_manager = unit, is_liaison, is_manager
    staff.full_clean()
    staff.save()
    audit_log(
        action="institutions.staff.updated",
        actor=actor,
        target=staff.institution,
        data={"user": staff.user_id, **changed_fields(staff, before)},
    )
    return staff


@transaction.atomic
def staff_remove(*, actor, staff: InstitutionStaff) -> None:
    """Remove a person from the staff. Locks the institution row; refuses to remove
    the last manager."""
    if staff.is_manager and _lock_managers(staff.institution) <= 1:
        raise InstitutionError(
            _("An institution must keep at least one manager."), field="is_manager"
        )
    audit_log(
        action="institutions.staff.removed",
        actor=actor,
        target=staff.institution,
        data={"user": staff.user_id},
    )
    staff.delete()
