import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from razem.organisations.models import Membership
from tests.factories import AreaFactory, GminaFactory, MembershipFactory


def image_upload(fmt="PNG", name="logo.png", size=(20, 20)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format=fmt)
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}
    return SimpleUploadedFile(name, buffer.getvalue(), content_type[fmt])


@pytest.fixture
def gmina(db):
    return GminaFactory()


@pytest.fixture
def culture(db):
    return AreaFactory(code="kultura", name_pl="kultura", name_en="culture")


@pytest.fixture
def ecology(db):
    return AreaFactory(code="ekologia", name_pl="ekologia", name_en="ecology")


@pytest.fixture
def member(organisation):
    """An approved ordinary member of `organisation`."""
    return MembershipFactory(
        organisation=organisation, role=Membership.Role.MEMBER
    ).user


@pytest.fixture
def other_org_representative(db):
    """A representative of another organisation."""
    return MembershipFactory().user
