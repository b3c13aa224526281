import pytest

from razem.organisations import selectors
from razem.organisations.models import LegalForm, Membership
from razem.territories.models import Territory
from tests.factories import AreaFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def names(queryset):
    return [o.name for o in queryset]


@pytest.fixture
def placed(teryt):
    """Organisations seated in Gostyń, Krobia (powiat gostyński) and Opole."""
    seat = Territory.objects.get
    return {
        "gostyn": OrganisationFactory(name="B Gostyń", seat=seat(code="3004023")),
        "krobia": OrganisationFactory(name="A Krobia", seat=seat(code="3004033")),
        "opole": OrganisationFactory(name="C Opole", seat=seat(code="1661011")),
    }


@pytest.mark.parametrize(
    ("territory", "expected"),
    [
        ("", ["A Krobia", "B Gostyń", "C Opole"]),
        ("30", ["A Krobia", "B Gostyń"]),
        ("3004", ["A Krobia", "B Gostyń"]),
        ("3004023", ["B Gostyń"]),
        ("16", ["C Opole"]),
        ("1661", ["C Opole"]),
        ("02", []),
    ],
    ids=["any", "voivodeship", "powiat", "gmina", "other-voivodeship", "city", "none"],
)
def test_territory_filter_includes_every_unit_below(placed, territory, expected):
    assert names(selectors.organisation_list(territory=territory)) == expected


def test_q_matches_name_short_name_and_description_case_insensitively(db):
    OrganisationFactory(name="Fundacja Pomocy", description="")
    OrganisationFactory(name="Inna", short_name="POMOC-X", description="")
    OrganisationFactory(name="Trzecia", description="Niesiemy POMOC seniorom")
    OrganisationFactory(name="Czwarta", description="Sport")
    assert names(selectors.organisation_list(q="  pomoc ")) == [
        "Fundacja Pomocy",
        "Inna",
        "Trzecia",
    ]


def test_areas_filter_matches_any_of_the_areas_once(culture, ecology):
    both = OrganisationFactory(name="Obie")
    both.areas.set([culture, ecology])
    OrganisationFactory(name="Kultura").areas.set([culture])
    OrganisationFactory(name="Sport").areas.set([AreaFactory(code="sport")])
    assert names(selectors.organisation_list(areas=["kultura", "ekologia"])) == [
        "Kultura",
        "Obie",
    ]
    assert names(selectors.organisation_list(areas=["ekologia"])) == ["Obie"]


def test_legal_form_public_benefit_and_verified_filters(db):
    OrganisationFactory(name="F", legal_form=LegalForm.FUNDACJA, is_public_benefit=True)
    OrganisationFactory(name="S", is_verified=True)
    OrganisationFactory(name="Z")
    assert names(selectors.organisation_list(legal_form=LegalForm.FUNDACJA)) == ["F"]
    assert names(selectors.organisation_list(is_public_benefit=True)) == ["F"]
    assert names(selectors.organisation_list(is_public_benefit=False)) == ["S", "Z"]
    assert names(selectors.organisation_list(is_verified=True)) == ["S"]
    assert names(selectors.organisation_list(is_verified=False)) == ["F", "Z"]


def _touch_everything(organisations):
    for organisation in organisations:
        organisation.seat.parent.parent.name  # noqa: B018
        [area.name for area in organisation.areas.all()]


def test_list_query_count_does_not_grow_with_rows(culture, django_assert_num_queries):
    for _ in range(3):
        OrganisationFactory().areas.set([culture])
    with django_assert_num_queries(2):
        _touch_everything(selectors.organisation_list())
    for _ in range(10):
        OrganisationFactory().areas.set([culture])
    with django_assert_num_queries(2):
        _touch_everything(selectors.organisation_list(areas=["kultura"]))


def test_get_public_returns_404_for_an_unknown_slug(db):
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.organisation_get_public(slug="nie-ma")


def test_members_lists_approved_representatives_first(organisation, representative):
    member = MembershipFactory(organisation=organisation, role=Membership.Role.MEMBER)
    MembershipFactory(organisation=organisation, status=Membership.Status.PENDING)
    MembershipFactory(organisation=organisation, status=Membership.Status.REJECTED)
    assert [
        m.user for m in selectors.organisation_members(organisation=organisation)
    ] == [
        representative,
        member.user,
    ]


def test_pending_for_lists_requests_in_the_organisations_the_user_represents(
    organisation, representative, other_user
):
    waiting = MembershipFactory(
        organisation=organisation, user=other_user, status=Membership.Status.PENDING
    )
    MembershipFactory(status=Membership.Status.PENDING)  # another organisation
    assert list(selectors.memberships_pending_for(user=representative)) == [waiting]
    assert list(selectors.memberships_pending_for(user=other_user)) == []


def test_organisations_for_user_lists_only_approved_memberships(
    organisation, representative
):
    MembershipFactory(user=representative, status=Membership.Status.PENDING)
    assert [
        m.organisation for m in selectors.organisations_for_user(user=representative)
    ] == [organisation]


def test_selectors_for_anonymous_users_are_empty(organisation):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert not selectors.organisations_for_user(user=anonymous).exists()
    assert not selectors.memberships_pending_for(user=anonymous).exists()
    assert selectors.membership_of(user=anonymous, organisation=organisation) is None
