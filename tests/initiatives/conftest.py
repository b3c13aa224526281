import datetime
import io

import factory
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from razem.initiatives.models import Initiative
from razem.organisations.models import Membership
from tests.factories import (
    AreaFactory,
    GminaFactory,
    InstitutionFactory,
    MembershipFactory,
    OrganisationFactory,
    PowiatFactory,
    StaffFactory,
    UserFactory,
)

START = datetime.date(2025, 5, 10)


def image_upload(
    fmt="PNG", name="photo.png", size=(20, 20), content_type=None
) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format=fmt)
    types = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp",
             "GIF": "image/gif"}  # fmt: skip
    return SimpleUploadedFile(name, buffer.getvalue(), content_type or types[fmt])


def large_png() -> SimpleUploadedFile:
    """A real PNG just over 3 MB (random pixels do not compress)."""
    import os

    image = Image.frombytes("RGB", (1100, 1000), os.urandom(1100 * 1000 * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    assert buffer.tell() > 3 * 1024 * 1024
    return SimpleUploadedFile("big.png", buffer.getvalue(), "image/png")


class InitiativeFactory(factory.django.DjangoModelFactory):
    """A submitted initiative in Gostyń, reviewed by `reviewing_institution`."""

    class Meta:
        model = Initiative

    title = factory.Sequence(lambda n: f"Sąsiedzki festyn nr {n}")
    kind = Initiative.Kind.EVENT
    description = "Wspólne sprzątanie parku i piknik dla mieszkańców."
    informal_group = "Sąsiedzi z ulicy Polnej"
    territory = factory.SubFactory(GminaFactory)
    start_date = START
    submitted_by = factory.SubFactory(UserFactory)
    status = Initiative.Status.SUBMITTED


@pytest.fixture
def gmina(db):
    return GminaFactory()


@pytest.fixture
def other_gmina(db):
    """Chodzież, in another powiat of the same voivodeship."""
    return GminaFactory(
        code="3001011",
        name="Chodzież",
        subkind="gmina miejska",
        parent=PowiatFactory(code="3001", name="chodzieski", lat=52.99, lon=16.92),
    )


@pytest.fixture
def gmina_office(gmina):
    return InstitutionFactory(name="Urząd Miejski w Gostyniu", territory=gmina)


@pytest.fixture
def reviewer(gmina_office):
    """Staff of the gmina office that reviews initiatives in Gostyń."""
    return StaffFactory(institution=gmina_office).user


@pytest.fixture
def other_staff(other_gmina):
    """Staff of another institution (the gmina office of Chodzież)."""
    office = InstitutionFactory(name="Urząd Miejski w Chodzieży", territory=other_gmina)
    return StaffFactory(institution=office).user


@pytest.fixture
def submitter(db):
    return UserFactory(email="mieszkanka@example.org", full_name="Ewa Mieszkanka")


@pytest.fixture
def org(gmina):
    return OrganisationFactory(name="Stowarzyszenie Gostyńska Kultura", seat=gmina)


@pytest.fixture
def member(org):
    """An approved ordinary member of `org`."""
    return MembershipFactory(organisation=org, role=Membership.Role.MEMBER).user


@pytest.fixture
def pending_member(org):
    return MembershipFactory(
        organisation=org,
        role=Membership.Role.MEMBER,
        status=Membership.Status.PENDING,
    ).user


@pytest.fixture
def culture(db):
    return AreaFactory(code="kultura", name_pl="kultura", name_en="culture")


@pytest.fixture
def ecology(db):
    return AreaFactory(code="ekologia", name_pl="ekologia", name_en="ecology")


@pytest.fixture
def submitted(gmina_office, submitter, gmina, culture):
    """A submitted initiative of `submitter` in Gostyń, reviewed by the gmina office."""
    initiative = InitiativeFactory(
        title="Sprzątanie parku miejskiego",
        territory=gmina,
        submitted_by=submitter,
        reviewing_institution=gmina_office,
    )
    initiative.areas.set([culture])
    return initiative


@pytest.fixture
def published(gmina_office, gmina, culture):
    initiative = InitiativeFactory(
        title="Biblioteka sąsiedzka",
        kind=Initiative.Kind.PROJECT,
        territory=gmina,
        reviewing_institution=gmina_office,
        status=Initiative.Status.PUBLISHED,
        lat=51.8781,
        lon=17.0071,
    )
    initiative.areas.set([culture])
    return initiative
