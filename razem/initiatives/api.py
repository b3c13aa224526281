"""/api/v1/initiatives: the map's GeoJSON, published initiatives, and the operations
of the pages (submit, change, publish, reject) with the same permissions."""

import datetime
from typing import Literal

from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from razem.areas.models import PublicBenefitArea
from razem.config.api import write_auth
from razem.initiatives import geo, selectors, services
from razem.initiatives.exceptions import InitiativeError
from razem.initiatives.models import Initiative
from razem.territories.models import Territory

router = Router(tags=["initiatives"])


class TerritoryRef(Schema):
    code: str
    name: str
    kind: str


class AreaRef(Schema):
    code: str
    name: str


class OrganisationRef(Schema):
    slug: str
    name: str
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class PhotoOut(Schema):
    url: str
    alt_text: str

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.image.url


class InitiativeOut(Schema):
    id: int
    title: str
    kind: Initiative.Kind
    status: Initiative.Status
    description: str
    organisations: list[OrganisationRef]
    informal_group: str
    areas: list[AreaRef]
    territory: TerritoryRef
    lat: float | None
    lon: float | None
    approximate: bool
    start_date: datetime.date
    end_date: datetime.date | None
    finished: bool
    photos: list[PhotoOut]
    url: str

    @staticmethod
    def resolve_organisations(obj) -> list:
        return list(obj.organisations.all())

    @staticmethod
    def resolve_areas(obj) -> list:
        return list(obj.areas.all())

    @staticmethod
    def resolve_photos(obj) -> list:
        return list(obj.photos.all())

    @staticmethod
    def resolve_approximate(obj) -> bool:
        return obj.is_approximate

    @staticmethod
    def resolve_finished(obj) -> bool:
        return obj.is_finished

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class InitiativeFilters(Schema):
    kind: Initiative.Kind | None = None
    area: str | None = Field(None, description="a public benefit area code")
    territory: str | None = Field(None, description="TERC code at any level")


class MapFilters(Schema):
    kind: Literal["organisation", "initiative"] | None = Field(
        None, description="only organisations or only initiatives; both if omitted"
    )
    area: str | None = Field(None, description="a public benefit area code")
    territory: str | None = Field(None, description="TERC code at any level")


class InitiativeIn(Schema):
    title: str = Field(..., max_length=200)
    kind: Initiative.Kind
    description: str
    territory: str = Field(
        ..., description="TERC code of a gmina, powiat or voivodeship"
    )
    start_date: datetime.date
    end_date: datetime.date | None = None
    organisations: list[str] = Field(
        default_factory=list, description="slugs of organisations you are a member of"
    )
    informal_group: str = ""
    areas: list[str] = Field(default_factory=list, description="area codes")
    lat: float | None = None
    lon: float | None = None


class InitiativePatch(Schema):
    title: str | None = Field(None, max_length=200)
    kind: Initiative.Kind | None = None
    description: str | None = None
    territory: str | None = None
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    organisations: list[str] | None = None
    informal_group: str | None = None
    areas: list[str] | None = None
    lat: float | None = None
    lon: float | None = None


class ReviewIn(Schema):
    note: str = Field("", max_length=2000)


# Fields that may be sent as null in a change (the rest must be given a value).
NULLABLE = {"end_date", "lat", "lon"}


def _check_filters(area: str | None, territory: str | None) -> None:
    if area and not PublicBenefitArea.objects.filter(code=area).exists():
        raise InitiativeError(_("Unknown public benefit area."), field="area")
    if territory and not Territory.objects.filter(code=territory).exists():
        raise InitiativeError(_("Unknown TERC code."), field="territory")


def _detail(request, pk: int) -> Initiative:
    return selectors.initiative_get_for_user(user=request.user, pk=pk)


@router.get(
    "/geojson",
    url_name="initiatives_geojson",
    summary="Organisations and published initiatives as GeoJSON",
)
def geojson(request, filters: Query[MapFilters]):
    """A FeatureCollection (RFC 7946, coordinates [lon, lat]) of Point features with
    properties `kind`, `name`, `url`, `approximate` (true: placed at its territory's
    powiat centroid), `territory` and `territory_code`. At most 5,000 features,
    initiatives first; `truncated` is true when some were left out."""
    _check_filters(filters.area, filters.territory)
    collection = geo.map_features(
        kind=filters.kind or "",
        area=filters.area or "",
        territory=filters.territory or "",
    )
    response = JsonResponse(
        collection,
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
    patch_cache_control(response, public=True, max_age=300)
    return response


@router.get("", response=list[InitiativeOut], summary="List published initiatives")
@paginate(LimitOffsetPagination)
def initiative_list(request, filters: Query[InitiativeFilters]):
    """Filter by `kind`, `area` (code) and `territory` (a TERC code: the unit and all
    below it). Newest start first."""
    _check_filters(filters.area, filters.territory)
    return selectors.initiative_list(
        kind=filters.kind or "",
        area=filters.area or "",
        territory=filters.territory or "",
    )


@router.get("/{int:pk}", response=InitiativeOut, summary="One initiative")
def initiative_detail(request, pk: int):
    """Published ones for everybody; one waiting for review only for its submitter
    and its reviewers (404 for anybody else)."""
    return _detail(request, pk)


@router.post(
    "",
    response={201: InitiativeOut},
    auth=write_auth,
    summary="Submit an initiative for review",
)
def initiative_submit(request, payload: InitiativeIn):
    initiative = services.initiative_submit(actor=request.user, **payload.dict())
    return Status(201, _detail(request, initiative.pk))


@router.patch(
    "/{int:pk}",
    response=InitiativeOut,
    auth=write_auth,
    summary="Change an initiative waiting for review (its submitter)",
)
def initiative_update(request, pk: int, payload: InitiativePatch):
    initiative = _detail(request, pk)
    changes = payload.dict(exclude_unset=True)
    for name, value in changes.items():
        if value is None and name not in NULLABLE:
            raise InitiativeError(_("This field cannot be null."), field=name)
    services.initiative_update(actor=request.user, initiative=initiative, **changes)
    return _detail(request, pk)


@router.post(
    "/{int:pk}/publish",
    response=InitiativeOut,
    auth=write_auth,
    summary="Publish an initiative (staff of the reviewing institution)",
)
def initiative_publish(request, pk: int, payload: ReviewIn):
    initiative = _detail(request, pk)
    services.initiative_publish(
        actor=request.user, initiative=initiative, note=payload.note
    )
    return _detail(request, pk)


@router.post(
    "/{int:pk}/reject",
    response=InitiativeOut,
    auth=write_auth,
    summary="Reject an initiative with a note (staff of the reviewing institution)",
)
def initiative_reject(request, pk: int, payload: ReviewIn):
    initiative = _detail(request, pk)
    services.initiative_reject(
        actor=request.user, initiative=initiative, note=payload.note
    )
    return _detail(request, pk)
