"""Input and output shapes of /api/v1/organisations (documented in OpenAPI).

Outputs carry only what the public profile shows: never a member's e-mail address.
"""

from datetime import datetime

from ninja import Field, Schema
from pydantic import ConfigDict

from razem.organisations.models import LegalForm, Membership

TERC = "TERC code of a gmina (7 characters) or powiat (4 digits), e.g. 3004023"


class ErrorDetail(Schema):
    code: str = Field(description="Stable machine-readable code, e.g. `forbidden`.")
    message: str = Field(description="Human-readable, in the request's language.")
    fields: dict[str, list[str]] = Field(
        description="Messages per input field at fault (may be empty)."
    )


class ErrorOut(Schema):
    error: ErrorDetail


class AreaRef(Schema):
    code: str = Field(description="Public benefit area code, see /api/v1/areas.")
    name: str = Field(description="In the request's language.")


class TerritoryRef(Schema):
    code: str = Field(description="TERC code.")
    name: str
    kind: str = Field(description="voivodeship, powiat or gmina.")


class OrganisationListOut(Schema):
    slug: str = Field(description="Identifies the organisation in URLs.")
    name: str
    short_name: str
    legal_form: LegalForm
    seat: TerritoryRef = Field(description="Where the organisation has its seat.")
    areas: list[AreaRef] = Field(description="Public benefit areas it works in.")
    is_public_benefit: bool = Field(description="Has the status of an OPP.")
    is_verified: bool = Field(description="Verified by a public institution.")
    lat: float | None
    lon: float | None

    @staticmethod
    def resolve_areas(obj) -> list:
        return list(obj.areas.all())


class OrganisationOut(OrganisationListOut):
    krs: str = Field(description="KRS number (10 digits) or empty.")
    nip: str = Field(description="NIP (10 digits) or empty.")
    regon: str = Field(description="REGON (9 or 14 digits) or empty.")
    description: str
    resources: str = Field(description="Resources and experience offered.")
    networks: str = Field(description="Networks and federations it belongs to.")
    email: str = Field(description="The organisation's public contact address.")
    phone: str
    website: str
    address: str
    activity_territories: list[TerritoryRef]
    verified_at: datetime | None
    verified_by: str | None = Field(description="Name of the verifying institution.")
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_activity_territories(obj) -> list:
        return list(obj.activity_territories.all())

    @staticmethod
    def resolve_verified_by(obj) -> str | None:
        return obj.verified_by.name if obj.verified_by_id else None


class OrganisationFilters(Schema):
    q: str = Field("", description="Text in the name, short name or description.")
    area: list[str] = Field(
        [], description="Area code; repeat for several (matches any of them)."
    )
    territory: str = Field(
        "", description="TERC code of any level: the unit and everything below it."
    )
    legal_form: LegalForm | None = None
    is_public_benefit: bool | None = None
    is_verified: bool | None = None


class OrganisationIn(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=300)
    legal_form: LegalForm
    seat: str = Field(description=TERC)
    short_name: str = Field("", max_length=100)
    krs: str = Field("", description="10 digits; spaces and hyphens are ignored.")
    nip: str = Field("", description="10 digits with a valid checksum.")
    regon: str = Field("", description="9 or 14 digits with a valid checksum.")
    is_public_benefit: bool = False
    description: str = ""
    resources: str = ""
    networks: str = ""
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    website: str = Field("", max_length=200)
    address: str = Field("", max_length=300)
    lat: float | None = Field(None, ge=-90, le=90, description="Give with `lon`.")
    lon: float | None = Field(None, ge=-180, le=180, description="Give with `lat`.")
    areas: list[str] = Field([], description="Public benefit area codes.")
    activity_territories: list[str] = Field([], description="TERC codes.")


class OrganisationPatch(Schema):
    """Only the fields sent are changed; `areas` and `activity_territories` replace
    the whole list. Only `lat`/`lon` may be null (to clear the coordinates)."""

    # Declared without None in the type: a field that is sent must have a value.
    model_config = ConfigDict(str_strip_whitespace=True)

    name: str = Field(None, min_length=1, max_length=300)
    legal_form: LegalForm = None
    seat: str = Field(None, description=TERC)
    short_name: str = Field(None, max_length=100)
    krs: str = None
    nip: str = None
    regon: str = None
    is_public_benefit: bool = None
    description: str = None
    resources: str = None
    networks: str = None
    email: str = Field(None, max_length=254)
    phone: str = Field(None, max_length=40)
    website: str = Field(None, max_length=200)
    address: str = Field(None, max_length=300)
    lat: float | None = Field(None, ge=-90, le=90, description="Send with `lon`.")
    lon: float | None = Field(None, ge=-180, le=180, description="Send with `lat`.")
    areas: list[str] = None
    activity_territories: list[str] = None


class MembershipRequestIn(Schema):
    role: Membership.Role = Field(
        Membership.Role.MEMBER, description="`member` or `representative`."
    )
    message: str = Field("", max_length=2000, description="To the representatives.")


class MembershipOut(Schema):
    id: int
    organisation: str = Field(description="The organisation's slug.")
    person: str = Field(description="The person's name (never the e-mail address).")
    role: Membership.Role
    status: Membership.Status
    created_at: datetime
    decided_at: datetime | None

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_person(obj) -> str:
        return str(obj.user.display_name)
