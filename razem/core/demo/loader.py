"""Writing the demo data: idempotent, keyed by slug / e-mail, with bulk writes."""

import csv
import random
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import ProtectedError, Q

from razem.accounts.models import User
from razem.areas.models import PublicBenefitArea
from razem.areas.services import areas_load
from razem.core.audit import audit_log
from razem.core.demo.institutions import INSTITUTIONS
from razem.core.demo.numbers import NumberSource
from razem.core.demo.organisations import (
    SEED,
    OrganisationSpec,
    SeatInfo,
    generate_organisations,
)
from razem.core.demo.places import PLACES
from razem.core.demo.users import DEMO_PASSWORD, DEMO_USERS, DemoUser
from razem.institutions.models import Institution, InstitutionStaff, ThematicGroup, Unit
from razem.organisations.models import Membership, Organisation
from razem.territories.models import Territory
from razem.territories.services import TERYT_DIR, territories_load

ORGANISATION_FIELDS = (
    "name",
    "short_name",
    "legal_form",
    "krs",
    "nip",
    "regon",
    "seat",
    "is_public_benefit",
    "description",
    "resources",
    "networks",
    "email",
    "website",
    "address",
    "lat",
    "lon",
    "is_verified",
    "verified_at",
    "verified_by",
    "is_demo",
)


# The same fields, comparing foreign keys by id (no query per row).
UPDATE_CHECK_FIELDS = tuple(
    f"{name}_id" if name in ("seat", "verified_by") else name
    for name in ORGANISATION_FIELDS
)


@dataclass
class DemoSummary:
    territories_written: int = 0
    areas: int = 0
    institutions: int = 0
    organisations_created: int = 0
    organisations_updated: int = 0
    organisations_unchanged: int = 0
    organisations_removed: int = 0
    organisations_skipped: list[str] = field(default_factory=list)
    users: list[tuple[User, str]] = field(default_factory=list)  # (user, role)
    events: object = None  # razem.events.demo.DemoEvents

    @property
    def organisations(self) -> int:
        return (
            self.organisations_created
            + self.organisations_updated
            + self.organisations_unchanged
        )


def demo_load(*, seed: int = SEED) -> DemoSummary:
    """Load the whole demo (territories, areas, institutions, organisations, users).

    Idempotent: a second run updates the same rows (institutions and organisations
    by slug, units and thematic groups by name, users by e-mail) and creates none.
    An organisation whose slug is taken by a non-demo organisation is skipped, and
    numbers used by non-demo organisations are never handed out. Demo organisations
    from an older version of the demo are removed. Everything runs in one
    transaction; users get DEMO_PASSWORD and their promised roles again on every run.
    """
    summary = DemoSummary()
    with transaction.atomic():
        if _territories_incomplete():
            summary.territories_written = territories_load()
        summary.areas = areas_load()
        institutions = _load_institutions()
        summary.institutions = len(institutions)
        organisations = _load_organisations(summary, institutions, seed=seed)
        summary.users = _load_users(institutions, organisations)
        _reindex(institutions, organisations)
        from razem.events.demo import load_demo_events

        summary.events = load_demo_events()
        from razem.consultations.demo import load_demo_consultations

        load_demo_consultations()
        audit_log(
            action="core.demo.loaded",
            data={
                "institutions": summary.institutions,
                "organisations": summary.organisations,
                "users": [user.email for user, _ in summary.users],
            },
        )
    return summary


def _territories_incomplete() -> bool:
    """Whether the TERC register still needs loading (every voivodeship, powiat and
    gmina of the shipped data). A complete register is left alone: re-checking each
    of its 2,875 rows would cost more than the whole rest of the demo."""
    expected = 0
    for name in (
        "wojewodztwa_centroidy.csv",
        "powiaty_centroidy_2025.csv",
        "gminy_2025-01-01.csv",
    ):
        with open(TERYT_DIR / name, encoding="utf-8-sig", newline="") as handle:
            expected += sum(1 for _ in csv.DictReader(handle))
    return Territory.objects.count() < expected


def _load_institutions() -> dict[str, Institution]:
    codes = [spec.territory for spec in INSTITUTIONS if spec.territory]
    territories = {t.code: t for t in Territory.objects.filter(code__in=codes)}
    areas = {a.code: a for a in PublicBenefitArea.objects.all()}
    result = {}
    for spec in INSTITUTIONS:
        institution, _ = Institution.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "short_name": spec.short_name,
                "kind": spec.kind,
                "territory": territories[spec.territory] if spec.territory else None,
                "description": spec.description,
                "website": spec.website,
                "email": spec.email,
                "phone": spec.phone,
                "address": spec.address,
                "liaison_name": spec.liaison_name,
                "liaison_email": spec.liaison_email,
                # Demo logins must work without setting up TOTP first.
                "require_staff_2fa": False,
                "is_demo": True,
            },
        )
        units = {}
        for unit_spec in spec.units:
            units[unit_spec.name], _ = Unit.objects.update_or_create(
                institution=institution,
                name=unit_spec.name,
                defaults={
                    "responsibilities": unit_spec.responsibilities,
                    "email": unit_spec.email,
                },
            )
        for group_spec in spec.groups:
            group, _ = ThematicGroup.objects.update_or_create(
                institution=institution,
                name=group_spec.name,
                defaults={
                    "description": group_spec.description,
                    "unit": units.get(group_spec.unit),
                },
            )
            group.areas.set([areas[code] for code in group_spec.areas])
        result[spec.slug] = institution
    return result


def _seats() -> dict[str, SeatInfo]:
    codes = [place[0] for place in PLACES]
    seats = {}
    for gmina in Territory.objects.filter(code__in=codes).select_related(
        "parent__parent"
    ):
        powiat = gmina.parent
        seats[gmina.code] = SeatInfo(
            code=gmina.code,
            name=gmina.name,
            powiat_name=powiat.name,
            powiat_is_city=bool(powiat.subkind),
            voivodeship_name=powiat.parent.name,
            lat=gmina.lat,
            lon=gmina.lon,
        )
    missing = set(codes) - set(seats)
    if missing:
        raise RuntimeError(f"Territories missing for demo seats: {sorted(missing)}")
    return seats


def _taken_numbers() -> set[str]:
    """Registry numbers of real (non-demo) organisations, never to be reused."""
    taken = set()
    for row in (
        Organisation.objects.filter(is_demo=False)
        .filter(~Q(krs="") | ~Q(nip="") | ~Q(regon=""))
        .values_list("krs", "nip", "regon")
    ):
        taken.update(value for value in row if value)
    return taken


def _load_organisations(
    summary: DemoSummary, institutions: dict[str, Institution], *, seed: int
) -> list[Organisation]:
    numbers = NumberSource(random.Random(seed + 1), taken=_taken_numbers())
    specs = generate_organisations(seats=_seats(), numbers=numbers, seed=seed)
    slugs = [spec.slug for spec in specs]
    existing = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    territories = {
        t.code: t
        for t in Territory.objects.filter(
            code__in={c for spec in specs for c in [spec.seat, *spec.activity]}
        )
    }
    to_create, to_update, kept = [], [], []
    for spec in specs:
        organisation = existing.get(spec.slug)
        if organisation is not None and not organisation.is_demo:
            summary.organisations_skipped.append(spec.slug)
            continue
        if organisation is None:
            organisation = Organisation(slug=spec.slug)
            _apply(organisation, spec, territories, institutions)
            to_create.append(organisation)
        else:
            before = [getattr(organisation, f) for f in UPDATE_CHECK_FIELDS]
            _apply(organisation, spec, territories, institutions)
            if before != [getattr(organisation, f) for f in UPDATE_CHECK_FIELDS]:
                to_update.append(organisation)
            else:
                summary.organisations_unchanged += 1
        kept.append((organisation, spec))
    summary.organisations_removed = _remove_stale(slugs)
    if to_update:
        # Numbers may move between demo organisations (a real one took a number, or
        # the generator changed): free them first so no unique constraint trips.
        Organisation.objects.filter(pk__in=[o.pk for o in to_update]).update(
            krs="", nip=""
        )
    Organisation.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        Organisation.objects.bulk_update(to_update, ORGANISATION_FIELDS, batch_size=500)
    summary.organisations_created = len(to_create)
    summary.organisations_updated = len(to_update)
    _set_relations(kept, territories)
    return [organisation for organisation, _ in kept]


def _remove_stale(slugs: list[str]) -> int:
    """Delete demo organisations an earlier version of the demo made and this one
    does not; one that other data protects stays, without its registry numbers."""
    stale = Organisation.objects.filter(is_demo=True).exclude(slug__in=slugs)
    if not stale.exists():
        return 0
    stale.update(krs="", nip="", regon="")
    try:
        with transaction.atomic():
            _, deleted = stale.delete()
    except ProtectedError:
        return 0
    return deleted.get(Organisation._meta.label, 0)


def _apply(
    organisation: Organisation,
    spec: OrganisationSpec,
    territories: dict[str, Territory],
    institutions: dict[str, Institution],
) -> None:
    verifier = institutions.get(spec.verified_by) if spec.verified_by else None
    organisation.name = spec.name
    organisation.short_name = spec.short_name
    organisation.legal_form = spec.legal_form
    organisation.krs = spec.krs
    organisation.nip = spec.nip
    organisation.regon = spec.regon
    organisation.seat = territories[spec.seat]
    organisation.is_public_benefit = spec.is_public_benefit
    organisation.description = spec.description
    organisation.resources = spec.resources
    organisation.networks = spec.networks
    organisation.email = spec.email
    organisation.website = spec.website
    organisation.address = spec.address
    organisation.lat = spec.lat
    organisation.lon = spec.lon
    organisation.is_verified = verifier is not None
    organisation.verified_at = spec.verified_at if verifier else None
    organisation.verified_by = verifier
    organisation.is_demo = True


def _set_relations(
    kept: list[tuple[Organisation, OrganisationSpec]],
    territories: dict[str, Territory],
) -> None:
    """Replace the areas and areas of activity of the demo organisations in bulk."""
    areas = dict(PublicBenefitArea.objects.values_list("code", "pk"))
    ids = [organisation.pk for organisation, _ in kept]
    area_through = Organisation.areas.through
    activity_through = Organisation.activity_territories.through
    area_through.objects.filter(organisation_id__in=ids).delete()
    activity_through.objects.filter(organisation_id__in=ids).delete()
    area_through.objects.bulk_create(
        [
            area_through(organisation_id=organisation.pk, publicbenefitarea_id=areas[c])
            for organisation, spec in kept
            for c in spec.areas
        ],
        batch_size=1000,
    )
    activity_through.objects.bulk_create(
        [
            activity_through(
                organisation_id=organisation.pk, territory_id=territories[code].pk
            )
            for organisation, spec in kept
            for code in spec.activity
        ],
        batch_size=1000,
    )


def _organisation_for(demo: DemoUser, organisations: list[Organisation]):
    """The organisation DemoUser names, or the first demo one if that was skipped."""
    return next(
        (o for o in organisations if o.name == demo.organisation), organisations[0]
    )


def _load_users(
    institutions: dict[str, Institution], organisations: list[Organisation]
) -> list[tuple[User, str]]:
    # One hash for all: hashing is deliberately slow, and the password is the same.
    password = make_password(DEMO_PASSWORD)
    result = []
    for demo in DEMO_USERS:
        user, _ = User.objects.update_or_create(
            email=demo.email,
            defaults={
                "full_name": demo.full_name,
                "password": password,
                "is_active": True,
                "is_staff": demo.superuser,
                "is_superuser": demo.superuser,
            },
        )
        EmailAddress.objects.filter(user=user).exclude(email=demo.email).update(
            primary=False
        )
        EmailAddress.objects.update_or_create(
            user=user, email=demo.email, defaults={"verified": True, "primary": True}
        )
        # Reset roles to the promised ones (a demo session may have changed them).
        InstitutionStaff.objects.filter(user=user).exclude(
            institution__slug=demo.institution
        ).delete()
        organisation = (
            _organisation_for(demo, organisations) if demo.organisation else None
        )
        Membership.objects.filter(user=user).exclude(organisation=organisation).delete()
        if demo.institution:
            institution = institutions[demo.institution]
            unit = institution.units.get(name=demo.unit) if demo.unit else None
            InstitutionStaff.objects.update_or_create(
                institution=institution,
                user=user,
                defaults={
                    "unit": unit,
                    "is_liaison": demo.liaison,
                    "is_manager": demo.manager,
                },
            )
        role = demo.role
        if organisation is not None:
            role = f"{demo.role}: {organisation.name}"
            Membership.objects.update_or_create(
                organisation=organisation,
                user=user,
                defaults={
                    "role": demo.membership_role,
                    "status": Membership.Status.APPROVED,
                },
            )
        result.append((user, role))
    return result


def _reindex(
    institutions: dict[str, Institution], organisations: list[Organisation]
) -> None:
    """Bulk writes send no signals: refresh the search documents explicitly."""
    from razem.search.registry import KINDS
    from razem.search.services import index_objects

    if "organisation" in KINDS:
        index_objects(kind="organisation", ids=[o.pk for o in organisations])
    if "institution" in KINDS:
        index_objects(kind="institution", ids=[i.pk for i in institutions.values()])
