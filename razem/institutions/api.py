"""/api/v1/institutions: public reads; writes for managers and platform admins
(the same services and permission names as the pages)."""

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from razem.areas.models import PublicBenefitArea
from razem.config.api import write_auth
from razem.core.exceptions import PermissionDenied
from razem.institutions import selectors, services
from razem.institutions.exceptions import InstitutionError
from razem.institutions.models import Institution, Unit
from razem.territories.exceptions import TerritoryError
from razem.territories.models import Territory

router = Router(tags=["institutions"])
CHANGE_PERM = "institutions.change_institution"


class TerritoryRef(Schema):
    code: str
    name: str
    kind: str


class InstitutionOut(Schema):
    slug: str
    name: str
    short_name: str
    kind: Institution.Kind
    territory: TerritoryRef | None
    website: str
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class LiaisonOut(Schema):
    name: str
    email: str
    phone: str


class UnitOut(Schema):
    id: int
    name: str
    responsibilities: str
    email: str
    phone: str


class AreaRef(Schema):
    code: str
    name: str


class ThematicGroupOut(Schema):
    id: int
    name: str
    description: str
    unit_id: int | None
    areas: list[AreaRef]
    organisation_count: int | None = None
    directory_url: str

    @staticmethod
    def resolve_areas(obj) -> list:
        return list(obj.areas.all())

    @staticmethod
    def resolve_directory_url(obj) -> str:
        return obj.directory_url()


class InstitutionDetailOut(InstitutionOut):
    description: str
    email: str
    phone: str
    address: str
    liaison: LiaisonOut
    units: list[UnitOut]
    thematic_groups: list[ThematicGroupOut]

    @staticmethod
    def resolve_liaison(obj) -> dict:
        return {
            "name": obj.liaison_name,
            "email": obj.liaison_email,
            "phone": obj.liaison_phone,
        }

    @staticmethod
    def resolve_units(obj) -> list:
        return list(obj.units.all())

    @staticmethod
    def resolve_thematic_groups(obj) -> list:
        return list(obj.thematic_groups.all())


class InstitutionFilters(Schema):
    kind: Institution.Kind | None = None
    territory: str | None = Field(None, description="TERC code at any level")
    q: str | None = None


class InstitutionPatch(Schema):
    name: str | None = None
    short_name: str | None = None
    description: str | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    liaison_name: str | None = None
    liaison_email: str | None = None
    liaison_phone: str | None = None
    require_staff_2fa: bool | None = None


class UnitIn(Schema):
    name: str
    responsibilities: str = ""
    email: str = ""
    phone: str = ""


class UnitPatch(Schema):
    name: str | None = None
    responsibilities: str | None = None
    email: str | None = None
    phone: str | None = None


class ThematicGroupIn(Schema):
    name: str
    description: str = ""
    unit_id: int | None = None
    areas: list[str] = Field(default_factory=list, description="area codes")


class ThematicGroupPatch(Schema):
    name: str | None = None
    description: str | None = None
    unit_id: int | None = None
    areas: list[str] | None = None


def _changes(payload: Schema) -> dict:
    """The fields the client sent; null is refused for text fields (use "")."""
    changes = payload.dict(exclude_unset=True)
    for name, value in changes.items():
        if value is None and name != "unit_id":
            raise InstitutionError(_("This field cannot be null."), field=name)
    return changes


def _manageable(request, slug: str) -> Institution:
    institution = selectors.institution_get(slug=slug)
    if not request.user.has_perm(CHANGE_PERM, institution):
        raise PermissionDenied(
            _("You may not change this institution."), code="forbidden"
        )
    return institution


def _unit_of(institution: Institution, unit_id: int | None) -> Unit | None:
    if unit_id is None:
        return None
    unit = Unit.objects.filter(institution=institution, pk=unit_id).first()
    if unit is None:
        raise InstitutionError(_("Choose a unit of this institution."), field="unit_id")
    return unit


def _areas(codes: list[str]) -> list[PublicBenefitArea]:
    areas = list(PublicBenefitArea.objects.filter(code__in=codes))
    unknown = set(codes) - {a.code for a in areas}
    if unknown:
        raise InstitutionError(
            _("Unknown public benefit area: %(codes)s.")
            % {"codes": ", ".join(sorted(unknown))},
            field="areas",
        )
    return areas


@router.get("", response=list[InstitutionOut], summary="List institutions")
@paginate(LimitOffsetPagination)
def institution_list(request, filters: Query[InstitutionFilters]):
    """Filter by `kind`, `territory` (a TERC code: the unit and all below it), `q`."""
    if (
        filters.territory
        and not Territory.objects.filter(code=filters.territory).exists()
    ):
        raise TerritoryError(_("Unknown TERC code."), field="territory")
    return selectors.institution_list(
        kind=filters.kind, territory=filters.territory, q=filters.q
    )


@router.get("/{slug}", response=InstitutionDetailOut, summary="One institution")
def institution_detail(request, slug: str):
    """Units, thematic groups (with the number of organisations in their areas) and
    the NGO liaison's official contact."""
    return selectors.institution_detail(slug=slug)


@router.patch(
    "/{slug}",
    response=InstitutionDetailOut,
    auth=write_auth,
    summary="Change an institution's profile",
)
def institution_update(request, slug: str, payload: InstitutionPatch):
    institution = _manageable(request, slug)
    services.institution_update(
        actor=request.user, institution=institution, changes=_changes(payload)
    )
    return selectors.institution_detail(slug=slug)


@router.post(
    "/{slug}/units", response={201: UnitOut}, auth=write_auth, summary="Add a unit"
)
def unit_create(request, slug: str, payload: UnitIn):
    institution = _manageable(request, slug)
    unit = services.unit_create(
        actor=request.user, institution=institution, **payload.dict()
    )
    return Status(201, unit)


@router.patch(
    "/{slug}/units/{unit_id}",
    response=UnitOut,
    auth=write_auth,
    summary="Change a unit",
)
def unit_update(request, slug: str, unit_id: int, payload: UnitPatch):
    institution = _manageable(request, slug)
    unit = selectors.unit_get(institution=institution, pk=unit_id)
    return services.unit_update(
        actor=request.user, unit=unit, changes=_changes(payload)
    )


@router.delete(
    "/{slug}/units/{unit_id}",
    response={204: None},
    auth=write_auth,
    summary="Delete a unit",
)
def unit_delete(request, slug: str, unit_id: int):
    institution = _manageable(request, slug)
    unit = selectors.unit_get(institution=institution, pk=unit_id)
    services.unit_delete(actor=request.user, unit=unit)
    return Status(204, None)


@router.post(
    "/{slug}/thematic-groups",
    response={201: ThematicGroupOut},
    auth=write_auth,
    summary="Add a thematic group",
)
def thematic_group_create(request, slug: str, payload: ThematicGroupIn):
    institution = _manageable(request, slug)
    group = services.thematic_group_create(
        actor=request.user,
        institution=institution,
        name=payload.name,
        description=payload.description,
        unit=_unit_of(institution, payload.unit_id),
        areas=_areas(payload.areas),
    )
    return Status(201, group)


@router.patch(
    "/{slug}/thematic-groups/{group_id}",
    response=ThematicGroupOut,
    auth=write_auth,
    summary="Change a thematic group",
)
def thematic_group_update(
    request, slug: str, group_id: int, payload: ThematicGroupPatch
):
    institution = _manageable(request, slug)
    group = selectors.thematic_group_get(institution=institution, pk=group_id)
    changes = _changes(payload)
    if "unit_id" in changes:
        changes["unit"] = _unit_of(institution, changes.pop("unit_id"))
    if "areas" in changes:
        changes["areas"] = _areas(changes["areas"])
    return services.thematic_group_update(
        actor=request.user, group=group, changes=changes
    )


@router.delete(
    "/{slug}/thematic-groups/{group_id}",
    response={204: None},
    auth=write_auth,
    summary="Delete a thematic group",
)
def thematic_group_delete(request, slug: str, group_id: int):
    institution = _manageable(request, slug)
    group = selectors.thematic_group_get(institution=institution, pk=group_id)
    services.thematic_group_delete(actor=request.user, group=group)
    return Status(204, None)
