"""Who may do what: anonymous, a plain user, a member of an organisation, staff of
another institution, the reviewing staff, the submitter and a platform administrator."""

import pytest
from django.contrib.auth.models import AnonymousUser

from razem.initiatives.models import Initiative
from razem.initiatives.rules import can
from razem.initiatives.selectors import initiatives_visible_to, review_queue
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "other_user", "member", "other_staff", "reviewer", "submitter",
          "admin"]  # fmt: skip


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def admin(db):
    return UserFactory(is_superuser=True, is_staff=True)


EXPECTED = {
    # permission: people who have it on a submitted initiative
    "initiatives.view_initiative": {"reviewer", "submitter", "admin"},
    "initiatives.change_initiative": {"submitter"},
    "initiatives.review_initiative": {"reviewer", "admin"},
}


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("permission", sorted(EXPECTED))
def test_permissions_on_a_submitted_initiative(submitted, permission, who, request):
    person = request.getfixturevalue(who)
    assert can(person, permission, submitted) is (who in EXPECTED[permission])


@pytest.mark.parametrize("who", PEOPLE)
def test_everybody_sees_a_published_one_and_nobody_changes_or_reviews_it(
    submitted, who, request
):
    person = request.getfixturevalue(who)
    submitted.status = Initiative.Status.PUBLISHED
    assert can(person, "initiatives.view_initiative", submitted)
    assert not can(person, "initiatives.change_initiative", submitted)
    assert not can(person, "initiatives.review_initiative", submitted)


@pytest.mark.parametrize("who", PEOPLE)
def test_who_submits(who, request, db):
    person = request.getfixturevalue(who)
    assert can(person, "initiatives.add_initiative") is (who != "anonymous")


@pytest.mark.parametrize("who", PEOPLE)
def test_who_sees_the_review_queue(submitted, who, request):
    person = request.getfixturevalue(who)
    allowed = who in {"reviewer", "other_staff", "admin"}
    assert can(person, "initiatives.view_review_queue") is allowed
    queue = list(review_queue(user=person))
    assert queue == ([submitted] if who in {"reviewer", "admin"} else [])


@pytest.mark.parametrize("who", PEOPLE)
def test_the_visible_queryset_matches_the_view_permission(
    submitted, published, who, request
):
    person = request.getfixturevalue(who)
    visible = set(initiatives_visible_to(user=person))
    expected = {published} | (
        {submitted} if who in EXPECTED["initiatives.view_initiative"] else set()
    )
    assert visible == expected
