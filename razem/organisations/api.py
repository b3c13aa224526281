"""/api/v1/organisations: the public NGO registry and the operations of its pages.

Reads are public. Writes need a token or a session with CSRF (`write_auth`) and the
same django-rules permissions as the web pages; errors use the API's one error shape.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from razem.config.api import write_auth
from razem.organisations import selectors, services
from razem.organisations.exceptions import OrganisationError
from razem.organisations.models import Membership
from razem.organisations.schemas import (
    ErrorOut,
    MembershipOut,
    MembershipRequestIn,
    OrganisationFilters,
    OrganisationIn,
    OrganisationListOut,
    OrganisationOut,
    OrganisationPatch,
)

router = Router(tags=["organisations"])

ERRORS = {status: ErrorOut for status in (400, 401, 403, 404, 422)}


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(20, ge=1, le=100, description="Page size, at most 100.")
        offset: int = Field(0, ge=0, description="How many items to skip.")

    def __init__(self, **kwargs):
        super().__init__(max_limit=100, **kwargs)


def _require(request, permission: str, organisation=None) -> None:
    if not request.user.has_perm(permission, organisation):
        raise OrganisationError(
            _("You are not allowed to do this."), code="forbidden", status_code=403
        )


def _check_coordinates(data: dict) -> None:
    """Latitude and longitude are sent together (both numbers or both null)."""
    if ("lat" in data) != ("lon" in data) or (
        (data.get("lat") is None) != (data.get("lon") is None)
    ):
        missing = "lon" if data.get("lat") is not None else "lat"
        raise OrganisationError(
            _("Give both latitude and longitude, or neither."), field=missing
        )


def _membership(slug: str, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("organisation", "user"),
        pk=membership_id,
        organisation__slug=slug,
    )


@router.get(
    "", response=list[OrganisationListOut], summary="List organisations", auth=None
)
@paginate(Pagination)
def organisation_list(request, filters: Query[OrganisationFilters]):
    """The public directory ordered by name; filters combine with AND."""
    return selectors.organisation_list(
        q=filters.q,
        areas=filters.area,
        territory=filters.territory,
        legal_form=filters.legal_form or "",
        is_public_benefit=filters.is_public_benefit,
        is_verified=filters.is_verified,
    )


@router.get(
    "/{slug}",
    response={200: OrganisationOut, 404: ErrorOut},
    summary="One organisation",
    auth=None,
)
def organisation_detail(request, slug: str):
    """The public profile (members are not listed)."""
    return selectors.organisation_get_public(slug=slug)


@router.post(
    "",
    response={201: OrganisationOut, **ERRORS},
    auth=write_auth,
    summary="Register an organisation",
)
def organisation_create(request, payload: OrganisationIn):
    """Any signed-in person; they become its approved representative."""
    _require(request, "organisations.add_organisation")
    data = payload.dict()
    _check_coordinates(data)
    organisation = services.organisation_create(actor=request.user, **data)
    return Status(201, selectors.organisation_get_public(slug=organisation.slug))


@router.patch(
    "/{slug}",
    response={200: OrganisationOut, **ERRORS},
    auth=write_auth,
    summary="Change an organisation's profile",
)
def organisation_update(request, slug: str, payload: OrganisationPatch):
    """Representatives of the organisation; only the fields sent are changed."""
    organisation = selectors.organisation_get_public(slug=slug)
    _require(request, "organisations.change_organisation", organisation)
    data = payload.dict(exclude_unset=True)
    if "lat" in data or "lon" in data:
        _check_coordinates(data)
    services.organisation_update(actor=request.user, organisation=organisation, **data)
    return selectors.organisation_get_public(slug=slug)


@router.post(
    "/{slug}/membership-requests",
    response={201: MembershipOut, **ERRORS},
    auth=write_auth,
    summary="Ask to join or represent an organisation",
)
def membership_request(request, slug: str, payload: MembershipRequestIn):
    """Any signed-in person; repeating a pending request returns it unchanged."""
    organisation = selectors.organisation_get_public(slug=slug)
    _require(request, "organisations.request_membership", organisation)
    membership = services.membership_request(
        actor=request.user,
        organisation=organisation,
        role=payload.role,
        message=payload.message,
    )
    return Status(201, membership)


def _decide(request, slug: str, membership_id: int, *, approve: bool):
    membership = _membership(slug, membership_id)
    _require(request, "organisations.manage_members", membership.organisation)
    return services.membership_decide(
        actor=request.user, membership=membership, approve=approve
    )


@router.post(
    "/{slug}/memberships/{membership_id}/approve",
    response={200: MembershipOut, **ERRORS},
    auth=write_auth,
    summary="Approve a membership request",
)
def membership_approve(request, slug: str, membership_id: int):
    """Representatives of the organisation; the request must be pending."""
    return _decide(request, slug, membership_id, approve=True)


@router.post(
    "/{slug}/memberships/{membership_id}/reject",
    response={200: MembershipOut, **ERRORS},
    auth=write_auth,
    summary="Reject a membership request",
)
def membership_reject(request, slug: str, membership_id: int):
    """Representatives of the organisation; the request must be pending."""
    return _decide(request, slug, membership_id, approve=False)


@router.delete(
    "/{slug}/memberships/{membership_id}",
    response={204: None, **ERRORS},
    auth=write_auth,
    summary="Remove a member, leave, or withdraw a request",
)
def membership_remove(request, slug: str, membership_id: int):
    """Representatives remove anyone; a person may remove their own membership.
    The last representative cannot leave."""
    membership = _membership(slug, membership_id)
    if membership.user_id != request.user.pk:
        _require(request, "organisations.manage_members", membership.organisation)
    services.membership_remove(actor=request.user, membership=membership)
    return Status(204, None)


def _set_verified(request, slug: str, *, verified: bool):
    organisation = selectors.organisation_get_public(slug=slug)
    _require(request, "organisations.verify_organisation", organisation)
    services.organisation_set_verified(
        actor=request.user, organisation=organisation, verified=verified
    )
    return selectors.organisation_get_public(slug=slug)


@router.post(
    "/{slug}/verify",
    response={200: OrganisationOut, **ERRORS},
    auth=write_auth,
    summary="Mark an organisation as verified",
)
def organisation_verify(request, slug: str):
    """Staff of any institution; records which institution verified it."""
    return _set_verified(request, slug, verified=True)


@router.post(
    "/{slug}/unverify",
    response={200: OrganisationOut, **ERRORS},
    auth=write_auth,
    summary="Withdraw an organisation's verification",
)
def organisation_unverify(request, slug: str):
    """Staff of any institution."""
    return _set_verified(request, slug, verified=False)
