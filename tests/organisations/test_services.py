import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings

from razem.core.models import AuditEntry
from razem.organisations import services
from razem.organisations.exceptions import OrganisationError
from razem.organisations.models import LegalForm, Membership, Organisation
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PowiatFactory,
    StaffFactory,
)
from tests.organisations.conftest import image_upload

pytestmark = pytest.mark.django_db

VALID_NIP = "5260250274"
VALID_REGON = "123456785"


def create(actor, gmina, **fields):
    fields.setdefault("name", "Fundacja Razem dla Gostynia")
    fields.setdefault("legal_form", LegalForm.FUNDACJA)
    return services.organisation_create(actor=actor, seat=gmina, **fields)


# organisation_create


def test_create_registers_organisation_with_actor_as_approved_representative(
    user, gmina, culture
):
    powiat = PowiatFactory()
    organisation = create(
        user,
        gmina,
        areas=[culture],
        activity_territories=[powiat],
        description="Opis",
        is_public_benefit=True,
    )
    assert organisation.slug == "fundacja-razem-dla-gostynia"
    assert list(organisation.areas.all()) == [culture]
    assert list(organisation.activity_territories.all()) == [powiat]
    membership = Membership.objects.get(organisation=organisation)
    assert membership.user == user
    assert membership.role == Membership.Role.REPRESENTATIVE
    assert membership.status == Membership.Status.APPROVED
    entry = AuditEntry.objects.for_object(organisation).get()
    assert entry.action == "organisations.organisation.created"
    assert entry.actor == user


def test_create_accepts_codes_for_seat_areas_and_territories(user, gmina, culture):
    organisation = services.organisation_create(
        actor=user,
        name="Koło",
        legal_form=LegalForm.KOLO_GOSPODYN_WIEJSKICH,
        seat=gmina.code,
        areas=["kultura"],
        activity_territories=["3004"],
    )
    assert organisation.seat == gmina
    assert [a.code for a in organisation.areas.all()] == ["kultura"]
    assert [t.code for t in organisation.activity_territories.all()] == ["3004"]


def test_create_adds_a_number_to_the_slug_on_collision(user, gmina):
    first = create(user, gmina, name="Stowarzyszenie Łąka")
    second = create(user, gmina, name="Stowarzyszenie Łąka")
    third = create(user, gmina, name="Stowarzyszenie  ŁĄKA!")
    assert first.slug == "stowarzyszenie-laka"
    assert second.slug == "stowarzyszenie-laka-2"
    assert third.slug == "stowarzyszenie-laka-3"


def test_create_never_takes_a_slug_reserved_for_a_page(user, gmina):
    assert create(user, gmina, name="Nowa").slug == "nowa-2"
    assert create(user, gmina, name="!!!").slug == "organizacja"


def test_create_normalises_registry_numbers(user, gmina):
    organisation = create(
        user, gmina, krs="0000 123 456", nip="526-025-02-74", regon="123 456 785"
    )
    assert (organisation.krs, organisation.nip, organisation.regon) == (
        "0000123456",
        VALID_NIP,
        VALID_REGON,
    )


@pytest.mark.parametrize(
    ("field", "existing", "given"),
    [("krs", "0000123456", "0000-123-456"), ("nip", VALID_NIP, "526 025 02 74")],
)
def test_create_refuses_a_registry_number_already_registered(
    user, gmina, field, existing, given
):
    OrganisationFactory(**{field: existing})
    with pytest.raises(OrganisationError) as exc:
        create(user, gmina, **{field: given})
    assert exc.value.field == field
    assert Organisation.objects.count() == 1
    assert not Membership.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"), [("krs", "12345"), ("nip", "1234567890"), ("regon", "123")]
)
def test_create_refuses_an_invalid_registry_number(user, gmina, field, value):
    with pytest.raises(ValidationError) as exc:
        create(user, gmina, **{field: value})
    assert field in exc.value.message_dict
    assert not Organisation.objects.exists()


def test_create_refuses_unknown_area_and_territory_codes(user, gmina):
    with pytest.raises(OrganisationError) as exc:
        create(user, gmina, areas=["no-such-area"])
    assert exc.value.field == "areas"
    with pytest.raises(OrganisationError) as exc:
        services.organisation_create(
            actor=user, name="X", legal_form=LegalForm.INNA, seat="9999999"
        )
    assert exc.value.field == "seat"
    with pytest.raises(OrganisationError) as exc:
        create(user, gmina, activity_territories=["99"])
    assert exc.value.field == "activity_territories"
    assert not Organisation.objects.exists()


def test_create_refuses_an_anonymous_actor(gmina):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(OrganisationError) as exc:
        create(AnonymousUser(), gmina)
    assert exc.value.status_code == 403
    assert not Organisation.objects.exists()


def test_create_refuses_an_unknown_legal_form(user, gmina):
    with pytest.raises(ValidationError) as exc:
        create(user, gmina, legal_form="spolka_akcyjna")
    assert "legal_form" in exc.value.message_dict


def test_create_stores_a_png_logo(user, gmina):
    organisation = create(user, gmina, logo=image_upload())
    assert organisation.logo.name.endswith(".png")


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile(
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>',
            "image/svg+xml",
        ),
        SimpleUploadedFile("logo.png", b"not an image at all", "image/png"),
    ],
    ids=["svg", "fake-png"],
)
def test_create_refuses_a_logo_that_is_not_a_png_jpeg_or_webp(user, gmina, upload):
    with pytest.raises(ValidationError):
        create(user, gmina, logo=upload)
    assert not Organisation.objects.exists()


def test_create_refuses_a_gif_logo(user, gmina):
    with pytest.raises(ValidationError):
        create(user, gmina, logo=image_upload("GIF", "logo.gif"))


def test_create_refuses_a_logo_over_2_mb(user, gmina, monkeypatch):
    monkeypatch.setattr(services, "LOGO_MAX_BYTES", 100)
    with pytest.raises(ValidationError):
        create(user, gmina, logo=image_upload(size=(200, 200)))


# organisation_update


def test_update_by_representative_records_only_changed_fields(
    organisation, representative, culture
):
    services.organisation_update(
        actor=representative,
        organisation=organisation,
        name=organisation.name,
        phone="61 123 45 67",
        areas=[culture],
    )
    organisation.refresh_from_db()
    assert organisation.phone == "61 123 45 67"
    assert list(organisation.areas.all()) == [culture]
    entry = AuditEntry.objects.get(action="organisations.organisation.updated")
    assert entry.data["changes"] == {
        "phone": ["", "61 123 45 67"],
        "areas": [[], ["kultura"]],
    }
    assert entry.actor == representative


def test_update_keeps_the_slug_when_the_name_changes(organisation, representative):
    slug = organisation.slug
    services.organisation_update(
        actor=representative, organisation=organisation, name="Nowa nazwa"
    )
    organisation.refresh_from_db()
    assert (organisation.name, organisation.slug) == ("Nowa nazwa", slug)


def test_update_by_platform_admin_is_allowed(organisation, admin_user):
    services.organisation_update(
        actor=admin_user, organisation=organisation, short_name="SPG"
    )
    organisation.refresh_from_db()
    assert organisation.short_name == "SPG"


@pytest.mark.parametrize(
    "who", ["member", "other_user", "other_org_representative", "staff"]
)
def test_update_refuses_anyone_but_representatives(organisation, who, request):
    actor = request.getfixturevalue(who)
    with pytest.raises(OrganisationError) as exc:
        services.organisation_update(
            actor=actor, organisation=organisation, name="Przejęta"
        )
    assert exc.value.status_code == 403
    organisation.refresh_from_db()
    assert organisation.name != "Przejęta"
    assert not AuditEntry.objects.filter(
        action="organisations.organisation.updated"
    ).exists()


def test_update_refuses_a_nip_of_another_organisation(organisation, representative):
    OrganisationFactory(nip=VALID_NIP)
    with pytest.raises(OrganisationError) as exc:
        services.organisation_update(
            actor=representative, organisation=organisation, nip=VALID_NIP
        )
    assert exc.value.field == "nip"
    organisation.refresh_from_db()
    assert organisation.nip == ""


# membership_request


def test_request_creates_a_pending_membership_and_mails_the_representatives(
    organisation, representative, other_user, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.membership_request(
            actor=other_user, organisation=organisation, message="Chcę pomagać"
        )
    assert membership.status == Membership.Status.PENDING
    assert membership.role == Membership.Role.MEMBER
    assert [m.to for m in mailoutbox] == [[representative.email]]
    assert other_user.display_name in mailoutbox[0].body
    assert other_user.email not in mailoutbox[0].body
    assert f"/organizacje/{organisation.slug}/czlonkowie/" in mailoutbox[0].body
    assert AuditEntry.objects.filter(
        action="organisations.membership.requested", actor=other_user
    ).exists()


def test_request_is_idempotent_while_pending(organisation, other_user):
    first = services.membership_request(actor=other_user, organisation=organisation)
    again = services.membership_request(
        actor=other_user,
        organisation=organisation,
        role=Membership.Role.REPRESENTATIVE,
    )
    assert again.pk == first.pk
    assert again.role == Membership.Role.MEMBER
    assert Membership.objects.filter(user=other_user).count() == 1
    assert (
        AuditEntry.objects.filter(action="organisations.membership.requested").count()
        == 1
    )


def test_request_is_refused_when_already_approved(organisation, member):
    with pytest.raises(OrganisationError) as exc:
        services.membership_request(actor=member, organisation=organisation)
    assert exc.value.code == "already_member"


def test_a_rejected_person_may_ask_again(organisation, other_user):
    MembershipFactory(
        organisation=organisation, user=other_user, status=Membership.Status.REJECTED
    )
    membership = services.membership_request(
        actor=other_user, organisation=organisation, message="Jeszcze raz"
    )
    assert membership.status == Membership.Status.PENDING
    assert membership.decided_by is None
    assert membership.message == "Jeszcze raz"


def test_request_refuses_an_unknown_role_and_anonymous(organisation, other_user):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(OrganisationError) as exc:
        services.membership_request(
            actor=other_user, organisation=organisation, role="owner"
        )
    assert exc.value.field == "role"
    with pytest.raises(OrganisationError):
        services.membership_request(actor=AnonymousUser(), organisation=organisation)
    assert not Membership.objects.filter(status=Membership.Status.PENDING).exists()


# membership_decide


@pytest.fixture
def pending(organisation, other_user):
    return MembershipFactory(
        organisation=organisation,
        user=other_user,
        role=Membership.Role.MEMBER,
        status=Membership.Status.PENDING,
    )


@pytest.mark.parametrize(
    ("approve", "status", "action"),
    [
        (True, Membership.Status.APPROVED, "organisations.membership.approved"),
        (False, Membership.Status.REJECTED, "organisations.membership.rejected"),
    ],
)
@override_settings(RAZEM_BASE_URL="https://razem.example")
def test_representative_decides_and_the_requester_is_mailed(
    pending, representative, mailoutbox, django_capture_on_commit_callbacks,
    approve, status, action,
):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_decide(
            actor=representative, membership=pending, approve=approve
        )
    pending.refresh_from_db()
    assert pending.status == status
    assert pending.decided_by == representative
    assert pending.decided_at is not None
    assert [m.to for m in mailoutbox] == [[pending.user.email]]
    assert "https://razem.example/organizacje/" in mailoutbox[0].body
    assert AuditEntry.objects.filter(action=action, actor=representative).exists()


def test_platform_admin_may_decide(pending, admin_user):
    services.membership_decide(actor=admin_user, membership=pending, approve=True)
    pending.refresh_from_db()
    assert pending.status == Membership.Status.APPROVED


@pytest.mark.parametrize("who", ["member", "other_org_representative", "staff"])
def test_decide_is_refused_to_anyone_but_representatives(pending, who, request):
    actor = request.getfixturevalue(who)
    with pytest.raises(OrganisationError) as exc:
        services.membership_decide(actor=actor, membership=pending, approve=True)
    assert exc.value.status_code == 403
    pending.refresh_from_db()
    assert pending.status == Membership.Status.PENDING


def test_the_requester_cannot_approve_their_own_request(pending, other_user):
    with pytest.raises(OrganisationError):
        services.membership_decide(actor=other_user, membership=pending, approve=True)


def test_a_decided_request_cannot_be_decided_again(pending, representative):
    services.membership_decide(actor=representative, membership=pending, approve=False)
    with pytest.raises(OrganisationError) as exc:
        services.membership_decide(
            actor=representative, membership=pending, approve=True
        )
    assert exc.value.code == "already_decided"
    pending.refresh_from_db()
    assert pending.status == Membership.Status.REJECTED


# membership_remove


def test_representative_removes_a_member(organisation, representative, member):
    membership = Membership.objects.get(user=member)
    services.membership_remove(actor=representative, membership=membership)
    assert not Membership.objects.filter(user=member).exists()
    assert AuditEntry.objects.filter(
        action="organisations.membership.removed", actor=representative
    ).exists()


def test_a_member_may_leave(organisation, representative, member):
    services.membership_remove(
        actor=member, membership=Membership.objects.get(user=member)
    )
    assert not Membership.objects.filter(user=member).exists()
    assert AuditEntry.objects.filter(
        action="organisations.membership.left", actor=member
    ).exists()


def test_one_of_two_representatives_may_leave(organisation, representative):
    MembershipFactory(organisation=organisation)
    services.membership_remove(
        actor=representative,
        membership=Membership.objects.get(user=representative),
    )
    assert not Membership.objects.filter(user=representative).exists()


@pytest.mark.parametrize("who", ["representative", "admin_user"])
def test_the_last_representative_can_neither_leave_nor_be_removed(
    organisation, representative, who, request
):
    membership = Membership.objects.get(user=representative)
    with pytest.raises(OrganisationError) as exc:
        services.membership_remove(
            actor=request.getfixturevalue(who), membership=membership
        )
    assert exc.value.code == "last_representative"
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("who", ["other_user", "other_org_representative", "staff"])
def test_outsiders_cannot_remove_members(organisation, member, who, request):
    membership = Membership.objects.get(user=member)
    with pytest.raises(OrganisationError) as exc:
        services.membership_remove(
            actor=request.getfixturevalue(who), membership=membership
        )
    assert exc.value.status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_member_cannot_remove_another_member(organisation, representative, member):
    membership = Membership.objects.get(user=representative)
    with pytest.raises(OrganisationError):
        services.membership_remove(actor=member, membership=membership)
    assert Membership.objects.filter(pk=membership.pk).exists()


# organisation_set_verified


def test_institution_staff_verify_and_unverify(organisation, institution, staff):
    services.organisation_set_verified(
        actor=staff, organisation=organisation, verified=True
    )
    organisation.refresh_from_db()
    assert organisation.is_verified
    assert organisation.verified_by == institution
    assert organisation.verified_at is not None
    services.organisation_set_verified(
        actor=staff, organisation=organisation, verified=False
    )
    organisation.refresh_from_db()
    assert not organisation.is_verified
    assert organisation.verified_by is None
    assert organisation.verified_at is None
    actions = list(
        AuditEntry.objects.for_object(organisation)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "organisations.organisation.verified",
        "organisations.organisation.unverified",
    ]


def test_platform_admin_without_institution_may_verify(organisation, admin_user):
    services.organisation_set_verified(
        actor=admin_user, organisation=organisation, verified=True
    )
    organisation.refresh_from_db()
    assert organisation.is_verified
    assert organisation.verified_by is None


def test_staff_of_another_institution_verifies_in_its_own_name(organisation):
    other = StaffFactory()
    services.organisation_set_verified(
        actor=other.user, organisation=organisation, verified=True
    )
    organisation.refresh_from_db()
    assert organisation.verified_by == other.institution


@pytest.mark.parametrize("who", ["representative", "other_user"])
def test_verification_is_refused_to_non_officials(organisation, who, request):
    with pytest.raises(OrganisationError) as exc:
        services.organisation_set_verified(
            actor=request.getfixturevalue(who),
            organisation=organisation,
            verified=True,
        )
    assert exc.value.status_code == 403
    organisation.refresh_from_db()
    assert not organisation.is_verified
    assert not AuditEntry.objects.exists()
