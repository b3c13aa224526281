import pytest
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core import checks
from django.urls import reverse

from razem.accounts.models import ApiToken, User
from razem.core.audit import audit_log
from razem.core.models import AuditEntry
from razem.organisations.models import Organisation
from tests.factories import (
    AreaFactory,
    GminaFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    ThematicGroupFactory,
    UnitFactory,
    UserFactory,
)

# Every model in the admin, whoever registered it (ours, auth's, allauth's).
REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
OUR_APPS = {"core", "accounts", "territories", "areas", "institutions", "organisations"}


def url(model, view: str, *args) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


@pytest.fixture
def one_of_each(db, admin_user):
    """At least one object of each registered model, for the change pages."""
    area = AreaFactory()
    gmina = GminaFactory()
    organisation = OrganisationFactory(seat=gmina)
    organisation.areas.add(area)
    organisation.activity_territories.add(gmina.parent)
    MembershipFactory(organisation=organisation, decided_by=admin_user)
    unit = UnitFactory()
    StaffFactory(institution=unit.institution, unit=unit, is_liaison=True)
    ThematicGroupFactory(institution=unit.institution, unit=unit).areas.add(area)
    ApiToken.objects.create(
        user=admin_user, name="skrypt", prefix="rzm_abcd", key_hash="0" * 64
    )
    Authenticator.objects.create(
        user=admin_user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DP"}
    )
    Group.objects.create(name="Redakcja")
    audit_log(
        action="organisations.organisation.verified",
        target=organisation,
        actor=admin_user,
        data={"by": "test"},
    )


def test_admin_configuration_passes_djangos_checks():
    errors = [e for e in checks.run_checks(tags=[checks.Tags.admin]) if e.is_serious()]
    assert errors == []


def test_every_model_of_our_apps_is_in_the_admin():
    ours = {m for m in REGISTERED if m._meta.app_label in OUR_APPS}
    from django.apps import apps

    expected = {
        model for app in OUR_APPS for model in apps.get_app_config(app).get_models()
    }
    assert expected <= ours


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_superuser_sees_changelist_search_add_and_change_pages(
    client, admin_user, one_of_each, model
):
    client.force_login(admin_user)
    model_admin = admin.site._registry[model]
    assert client.get(url(model, "changelist")).status_code == 200
    if model_admin.search_fields:
        assert client.get(url(model, "changelist"), {"q": "a"}).status_code == 200
    add = client.get(url(model, "add"))
    request = add.wsgi_request
    assert add.status_code == (200 if model_admin.has_add_permission(request) else 403)
    obj = model._default_manager.first()
    if model._meta.app_label in OUR_APPS or model in (User, Group, Authenticator):
        assert obj is not None, f"the fixture has no {model._meta.label}"
    if obj is not None:
        response = client.get(url(model, "change", obj.pk))
        assert response.status_code == 200
        assert str(obj) in response.content.decode() or model is AuditEntry


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_signed_in_person_who_is_not_a_superuser_is_sent_to_the_admin_login(
    client, one_of_each, model
):
    staff_only = UserFactory(is_staff=True)  # staff, but not a platform admin
    for person in (UserFactory(), staff_only):
        client.force_login(person)
        for target in (url(model, "changelist"), url(model, "add")):
            response = client.get(target)
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("admin:login"))


def test_admin_index_redirects_anonymous_and_plain_users_to_its_login(client, user):
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    client.force_login(user)
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_audit_log_is_read_only_in_the_admin(client, admin_user, one_of_each):
    client.force_login(admin_user)
    entry = AuditEntry.objects.first()
    model_admin = admin.site._registry[AuditEntry]
    request = client.get(url(AuditEntry, "changelist")).wsgi_request
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
    response = client.post(
        url(AuditEntry, "change", entry.pk), {"action": "forged.action"}
    )
    assert response.status_code == 403
    deleted = client.post(url(AuditEntry, "delete", entry.pk), {"post": "yes"})
    assert deleted.status_code == 403
    entry.refresh_from_db()
    assert entry.action == "organisations.organisation.verified"


def test_superuser_creates_a_user_by_email_and_the_change_is_audited(
    client, admin_user
):
    client.force_login(admin_user)
    response = client.post(
        url(User, "add"),
        {
            "email": "nowa.osoba@example.org",
            "usable_password": "true",
            "password1": "bardzo-dlugie-haslo-42",
            "password2": "bardzo-dlugie-haslo-42",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = User.objects.get(email="nowa.osoba@example.org")
    assert created.check_password("bardzo-dlugie-haslo-42")
    entry = AuditEntry.objects.get(action="accounts.user.admin_created")
    assert entry.actor == admin_user and entry.object_id == str(created.pk)


def test_organisation_change_and_delete_in_the_admin_leave_audit_entries(
    client, admin_user, one_of_each
):
    client.force_login(admin_user)
    organisation = Organisation.objects.first()
    response = client.post(
        url(Organisation, "delete", organisation.pk), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    entry = AuditEntry.objects.get(action="organisations.organisation.admin_deleted")
    assert entry.object_id == str(organisation.pk) and entry.actor == admin_user


def test_territory_autocomplete_searches_by_name_for_the_organisation_seat(
    client, admin_user, one_of_each
):
    client.force_login(admin_user)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "organisations",
            "model_name": "organisation",
            "field_name": "seat",
            "term": "Gosty",
        },
    )
    assert response.status_code == 200
    texts = [result["text"] for result in response.json()["results"]]
    assert any(text.startswith("Gostyń") for text in texts), texts
