import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from razem.core.models import AuditEntry
from razem.institutions import services
from razem.institutions.exceptions import InstitutionError
from razem.institutions.models import Institution, InstitutionStaff, ThematicGroup, Unit
from razem.territories.models import Territory
from tests.factories import (
    AreaFactory,
    InstitutionFactory,
    StaffFactory,
    ThematicGroupFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _create(admin_user, **kwargs):
    values = {
        "name": "Urząd Gminy Krobia",
        "kind": "gmina",
        "territory": Territory.objects.get(code="3004033"),
        "manager_email": "wojt@krobia.pl",
    }
    values.update(kwargs)
    return services.institution_create(actor=admin_user, **values)


# institution_create


def test_create_makes_the_named_person_manager_and_tells_them(
    teryt, admin_user, django_capture_on_commit_callbacks
):
    person = UserFactory(email="wojt@krobia.pl")
    with django_capture_on_commit_callbacks(execute=True):
        institution = _create(admin_user, manager_email="WOJT@krobia.pl")
    assert institution.slug == "urzad-gminy-krobia"
    staff = InstitutionStaff.objects.get(institution=institution)
    assert staff.user == person and staff.is_manager
    entry = AuditEntry.objects.for_object(institution).get()
    assert entry.action == "institutions.institution.created"
    assert entry.actor == admin_user
    assert entry.data["territory"] == "3004033"
    assert mail.outbox[0].to == ["wojt@krobia.pl"]
    assert "Urząd Gminy Krobia" in mail.outbox[0].subject


def test_create_keeps_slugs_unique_and_transliterates_polish_letters(teryt, admin_user):
    UserFactory(email="wojt@krobia.pl")
    first = _create(admin_user, name="Łódzki Urząd", kind="other", territory=None)
    second = _create(admin_user, name="Łódzki Urząd", kind="other", territory=None)
    assert first.slug == "lodzki-urzad"
    assert second.slug == "lodzki-urzad-2"


def test_create_never_takes_a_slug_reserved_for_a_page(teryt, admin_user):
    UserFactory(email="wojt@krobia.pl")
    institution = _create(admin_user, name="Nowa", kind="other", territory=None)
    assert institution.slug == "nowa-2"


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("gmina", "3004"),
        ("gmina", "30"),
        ("gmina", None),
        ("powiat", "3004023"),
        ("marshal_office", "3004"),
        ("voivodeship_office", None),
        ("ministry", "30"),
    ],
)
def test_create_refuses_a_territory_of_the_wrong_level(teryt, admin_user, kind, code):
    UserFactory(email="wojt@krobia.pl")
    territory = Territory.objects.get(code=code) if code else None
    with pytest.raises(ValidationError) as error:
        _create(admin_user, kind=kind, territory=territory)
    assert "territory" in error.value.message_dict
    assert not Institution.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("gmina", "3004023"),
        ("powiat", "3004"),
        ("marshal_office", "30"),
        ("voivodeship_office", "16"),
        ("ministry", None),
        ("other", "1661"),
    ],
)
def test_create_accepts_a_territory_of_the_right_level(teryt, admin_user, kind, code):
    UserFactory(email="wojt@krobia.pl")
    territory = Territory.objects.get(code=code) if code else None
    assert _create(admin_user, kind=kind, territory=territory).territory == territory


def test_create_refuses_an_unknown_manager_and_writes_nothing(teryt, admin_user):
    with pytest.raises(InstitutionError) as error:
        _create(admin_user, manager_email="nobody@example.org")
    assert error.value.field == "manager_email"
    assert not Institution.objects.exists()


def test_create_refuses_an_overlong_name(teryt, admin_user):
    UserFactory(email="wojt@krobia.pl")
    with pytest.raises(ValidationError) as error:
        _create(admin_user, name="U" * 301)
    assert "name" in error.value.message_dict
    assert not Institution.objects.exists()


# institution_update


def test_update_changes_the_profile_and_records_what_changed(institution, manager):
    services.institution_update(
        actor=manager,
        institution=institution,
        changes={"liaison_name": "Jan Kowalski", "require_staff_2fa": True},
    )
    institution.refresh_from_db()
    assert institution.liaison_name == "Jan Kowalski"
    assert institution.require_staff_2fa
    entry = AuditEntry.objects.get(action="institutions.institution.updated")
    assert entry.data["liaison_name"] == ["Anna Nowak", "Jan Kowalski"]
    assert entry.actor == manager


def test_update_refuses_fields_outside_the_profile(institution, manager):
    with pytest.raises(InstitutionError) as error:
        services.institution_update(
            actor=manager, institution=institution, changes={"slug": "inny"}
        )
    assert error.value.field == "slug"


def test_update_refuses_a_bad_e_mail_and_writes_nothing(institution, manager):
    with pytest.raises(ValidationError):
        services.institution_update(
            actor=manager,
            institution=institution,
            changes={"liaison_email": "not-an-address"},
        )
    institution.refresh_from_db()
    assert institution.liaison_email.startswith("ngo@")
    assert not AuditEntry.objects.exists()


def test_update_without_changes_leaves_no_audit_entry(institution, manager):
    services.institution_update(
        actor=manager, institution=institution, changes={"name": institution.name}
    )
    assert not AuditEntry.objects.exists()


# units


def test_unit_create_update_delete_leave_audit_entries(institution, manager):
    unit = services.unit_create(
        actor=manager,
        institution=institution,
        name="Wydział Spraw Społecznych",
        email="ss@gmina.pl",
    )
    services.unit_update(
        actor=manager, unit=unit, changes={"responsibilities": "Współpraca z NGO"}
    )
    unit.refresh_from_db()
    assert unit.responsibilities == "Współpraca z NGO"
    services.unit_delete(actor=manager, unit=unit)
    assert not Unit.objects.exists()
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == [
        "institutions.unit.created",
        "institutions.unit.updated",
        "institutions.unit.deleted",
    ]


def test_unit_name_must_be_unique_in_the_institution_ignoring_case(
    institution, manager
):
    UnitFactory(institution=institution, name="Wydział Oświaty")
    with pytest.raises(InstitutionError) as error:
        services.unit_create(
            actor=manager, institution=institution, name="wydział oświaty"
        )
    assert error.value.field == "name"
    assert Unit.objects.count() == 1


def test_the_same_unit_name_is_fine_in_another_institution(institution, manager):
    UnitFactory(name="Wydział Oświaty")
    services.unit_create(actor=manager, institution=institution, name="Wydział Oświaty")
    assert Unit.objects.count() == 2


def test_renaming_a_unit_onto_another_units_name_is_refused(institution, manager):
    UnitFactory(institution=institution, name="A")
    unit = UnitFactory(institution=institution, name="B")
    with pytest.raises(InstitutionError):
        services.unit_update(actor=manager, unit=unit, changes={"name": "A"})
    unit.refresh_from_db()
    assert unit.name == "B"


def test_deleting_a_unit_keeps_its_staff_and_groups(institution, manager):
    unit = UnitFactory(institution=institution)
    member = StaffFactory(institution=institution, unit=unit)
    group = ThematicGroupFactory(institution=institution, unit=unit)
    services.unit_delete(actor=manager, unit=unit)
    member.refresh_from_db()
    group.refresh_from_db()
    assert member.unit is None and group.unit is None


# thematic groups


def test_thematic_group_is_mapped_onto_areas(institution, manager):
    housing, culture = AreaFactory(code="housing"), AreaFactory(code="culture")
    group = services.thematic_group_create(
        actor=manager, institution=institution, name="Mieszkalnictwo", areas=[housing]
    )
    services.thematic_group_update(
        actor=manager, group=group, changes={"areas": [housing, culture]}
    )
    assert set(group.areas.values_list("code", flat=True)) == {"housing", "culture"}
    entry = AuditEntry.objects.get(action="institutions.thematic_group.updated")
    assert entry.data["areas"] == [["housing"], ["culture", "housing"]]
    services.thematic_group_delete(actor=manager, group=group)
    assert not ThematicGroup.objects.exists()
    assert AuditEntry.objects.filter(
        action="institutions.thematic_group.deleted"
    ).exists()


def test_thematic_group_refuses_a_unit_of_another_institution(institution, manager):
    foreign_unit = UnitFactory()
    with pytest.raises(InstitutionError) as error:
        services.thematic_group_create(
            actor=manager, institution=institution, name="Kultura", unit=foreign_unit
        )
    assert error.value.field == "unit"
    assert not ThematicGroup.objects.exists()


def test_thematic_group_name_must_be_unique_in_the_institution(institution, manager):
    ThematicGroupFactory(institution=institution, name="Kultura")
    with pytest.raises(InstitutionError) as error:
        services.thematic_group_create(
            actor=manager, institution=institution, name="KULTURA"
        )
    assert error.value.field == "name"


# staff


def test_staff_add_finds_the_user_by_e_mail_and_tells_them(
    institution, manager, django_capture_on_commit_callbacks
):
    person = UserFactory(email="urzednik@example.org")
    unit = UnitFactory(institution=institution)
    with django_capture_on_commit_callbacks(execute=True):
        member = services.staff_add(
            actor=manager,
            institution=institution,
            email="Urzednik@Example.org",
            unit=unit,
            is_liaison=True,
        )
    assert member.user == person and member.unit == unit and member.is_liaison
    assert not member.is_manager
    assert AuditEntry.objects.get().action == "institutions.staff.added"
    assert mail.outbox[0].to == ["urzednik@example.org"]


def test_staff_add_refuses_an_unknown_e_mail(institution, manager):
    with pytest.raises(InstitutionError) as error:
        services.staff_add(
            actor=manager, institution=institution, email="ghost@example.org"
        )
    assert error.value.field == "email"


def test_staff_add_refuses_someone_already_on_the_staff(institution, manager, staff):
    with pytest.raises(InstitutionError) as error:
        services.staff_add(actor=manager, institution=institution, email=staff.email)
    assert error.value.field == "email"
    assert InstitutionStaff.objects.filter(institution=institution).count() == 2


def test_staff_add_refuses_a_unit_of_another_institution(institution, manager):
    person = UserFactory()
    with pytest.raises(InstitutionError) as error:
        services.staff_add(
            actor=manager,
            institution=institution,
            email=person.email,
            unit=UnitFactory(),
        )
    assert error.value.field == "unit"


def test_staff_update_changes_roles_and_records_them(institution, manager, staff):
    member = InstitutionStaff.objects.get(user=staff)
    services.staff_update(
        actor=manager, staff=member, unit=None, is_liaison=True, is_manager=True
    )
    member.refresh_from_db()
    assert member.is_manager and member.is_liaison
    entry = AuditEntry.objects.get(action="institutions.staff.updated")
    assert entry.data["is_manager"] == [False, True]


def test_the_last_manager_cannot_stop_being_one(institution, manager):
    member = InstitutionStaff.objects.get(user=manager)
    with pytest.raises(InstitutionError) as error:
        services.staff_update(
            actor=manager, staff=member, unit=None, is_liaison=False, is_manager=False
        )
    assert error.value.field == "is_manager"
    member.refresh_from_db()
    assert member.is_manager


def test_the_last_manager_cannot_be_removed(institution, manager):
    member = InstitutionStaff.objects.get(user=manager)
    with pytest.raises(InstitutionError):
        services.staff_remove(actor=manager, staff=member)
    assert InstitutionStaff.objects.filter(pk=member.pk).exists()
    assert not AuditEntry.objects.exists()


def test_a_manager_can_be_removed_when_another_remains(institution, manager):
    second = StaffFactory(institution=institution, is_manager=True)
    services.staff_remove(actor=manager, staff=second)
    assert not InstitutionStaff.objects.filter(pk=second.pk).exists()
    assert AuditEntry.objects.get().action == "institutions.staff.removed"


def test_removing_a_non_manager_needs_no_other_manager(institution, staff):
    member = InstitutionStaff.objects.get(user=staff)
    services.staff_remove(actor=None, staff=member)
    assert not InstitutionStaff.objects.filter(institution=institution).exists()


def test_the_factory_default_institution_passes_validation(institution):
    institution.full_clean()
    assert InstitutionFactory().territory.kind == "gmina"
