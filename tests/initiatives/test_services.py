import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from razem.core.models import AuditEntry
from razem.initiatives import services
from razem.initiatives.exceptions import InitiativeError
from razem.initiatives.models import Initiative
from razem.initiatives.selectors import reviewing_institution_for
from tests.factories import (
    InstitutionFactory,
    StaffFactory,
    UserFactory,
    VoivodeshipFactory,
)
from tests.initiatives.conftest import START, image_upload, large_png

pytestmark = pytest.mark.django_db


def submit(actor, **overrides):
    data = {
        "title": "Sprzątanie parku",
        "kind": Initiative.Kind.EVENT,
        "description": "Sprzątamy park i sadzimy drzewa.",
        "territory": "3004023",
        "start_date": START,
        "informal_group": "Sąsiedzi z Polnej",
    }
    data.update(overrides)
    return services.initiative_submit(actor=actor, **data)


def actions(initiative):
    return list(
        AuditEntry.objects.for_object(initiative)
        .order_by("id")
        .values_list("action", flat=True)
    )


# Submitting


def test_a_resident_submits_an_initiative_for_the_gmina_office_to_review(
    gmina, gmina_office, submitter, culture, django_capture_on_commit_callbacks
):
    StaffFactory(institution=gmina_office, is_liaison=True, user__email="ngo@gostyn.pl")
    with django_capture_on_commit_callbacks(execute=True):
        initiative = submit(submitter, areas=["kultura"], lat=51.88, lon=17.0)
    assert initiative.status == Initiative.Status.SUBMITTED
    assert initiative.submitted_by == submitter
    assert initiative.reviewing_institution == gmina_office
    assert list(initiative.areas.all()) == [culture]
    assert actions(initiative) == ["initiatives.initiative.submitted"]
    entry = AuditEntry.objects.for_object(initiative).get()
    assert entry.actor == submitter
    assert entry.data["reviewing_institution"] == gmina_office.pk
    assert [m.to for m in mail.outbox] == [["ngo@gostyn.pl"]]
    assert "Sprzątanie parku" in mail.outbox[0].subject


def test_a_member_names_their_organisation_as_organiser(gmina, org, member):
    initiative = submit(member, organisations=[org.slug], informal_group="")
    assert list(initiative.organisations.all()) == [org]


def test_a_pending_member_cannot_name_the_organisation(gmina, org, pending_member):
    with pytest.raises(InitiativeError) as caught:
        submit(pending_member, organisations=[org.slug])
    assert caught.value.field == "organisations"
    assert not Initiative.objects.exists()


def test_someone_outside_the_organisation_cannot_name_it(gmina, org, submitter):
    with pytest.raises(InitiativeError) as caught:
        submit(submitter, organisations=[org])
    assert caught.value.field == "organisations"
    assert not Initiative.objects.exists()


def test_an_initiative_needs_an_organisation_or_an_informal_group(gmina, submitter):
    with pytest.raises(InitiativeError) as caught:
        submit(submitter, informal_group="   ")
    assert caught.value.field == "informal_group"
    assert not Initiative.objects.exists()


def test_anonymous_people_cannot_submit(gmina):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(InitiativeError) as caught:
        submit(AnonymousUser())
    assert caught.value.status_code == 403
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"end_date": START - datetime.timedelta(days=1)}, "end_date"),
        ({"lat": 51.9}, "lon"),
        ({"lon": 17.0}, "lat"),
        ({"lat": 48.5, "lon": 17.0}, "lat"),
        ({"lat": 52.0, "lon": 13.0}, "lon"),
        ({"lat": 17.0, "lon": 51.9}, "lat"),  # swapped axes
        ({"title": ""}, "title"),
        ({"kind": "party"}, "kind"),
        ({"description": "x" * 5001}, "description"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_written(
    gmina, submitter, overrides, field
):
    with pytest.raises(ValidationError) as caught:
        submit(submitter, **overrides)
    assert field in caught.value.message_dict
    assert not Initiative.objects.exists()
    assert not AuditEntry.objects.exists()


def test_an_unknown_territory_code_is_refused(gmina, submitter):
    with pytest.raises(InitiativeError) as caught:
        submit(submitter, territory="9999999")
    assert caught.value.field == "territory"


def test_an_unknown_area_code_is_refused(gmina, submitter):
    with pytest.raises(InitiativeError) as caught:
        submit(submitter, areas=["nie-ma-takiej"])
    assert caught.value.field == "areas"


def test_a_photo_is_stored_with_its_alternative_text(gmina, submitter):
    initiative = submit(submitter, photo=image_upload(), photo_alt="Park po sprzątaniu")
    photo = initiative.photos.get()
    assert photo.alt_text == "Park po sprzątaniu"
    assert photo.image.name.startswith("initiatives/")


@pytest.mark.parametrize(
    ("photo", "alt", "field"),
    [
        (lambda: image_upload("GIF", "a.gif"), "Park", "photo"),
        (
            lambda: SimpleUploadedFile("a.png", b"<svg onload=alert(1)>", "image/png"),
            "Park",
            "photo",
        ),
        (lambda: image_upload(), "", "photo_alt"),
    ],
)
def test_a_bad_photo_refuses_the_whole_submission(gmina, submitter, photo, alt, field):
    with pytest.raises(InitiativeError) as caught:
        submit(submitter, photo=photo(), photo_alt=alt)
    assert caught.value.field == field
    assert not Initiative.objects.exists()


def test_a_photo_over_3_mb_is_refused(gmina, submitter):
    with pytest.raises(InitiativeError) as caught:
        submit(submitter, photo=large_png(), photo_alt="Park")
    assert caught.value.field == "photo"
    assert "3 MB" in str(caught.value.message)
    assert not Initiative.objects.exists()


# Who reviews


def test_the_most_local_institution_reviews(gmina, other_gmina):
    voivodeship = VoivodeshipFactory()
    marshal = InstitutionFactory(kind="marshal_office", territory=voivodeship)
    InstitutionFactory(kind="voivodeship_office", territory=voivodeship)
    starostwo = InstitutionFactory(kind="powiat", territory=gmina.parent)
    assert reviewing_institution_for(voivodeship) == marshal
    assert reviewing_institution_for(other_gmina) == marshal
    assert reviewing_institution_for(gmina) == starostwo
    office = InstitutionFactory(territory=gmina)
    assert reviewing_institution_for(gmina) == office
    assert reviewing_institution_for(gmina.parent) == starostwo


def test_without_any_institution_platform_administrators_review(gmina, submitter):
    initiative = submit(submitter)
    assert initiative.reviewing_institution is None
    admin = UserFactory(is_superuser=True)
    services.initiative_publish(actor=admin, initiative=initiative)
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.PUBLISHED


# Editing


def test_the_submitter_edits_while_it_waits(submitted, submitter, ecology):
    updated = services.initiative_update(
        actor=submitter,
        initiative=submitted,
        title="Sprzątanie parku i plaży",
        areas=["ekologia"],
    )
    assert updated.title == "Sprzątanie parku i plaży"
    assert list(updated.areas.all()) == [ecology]
    entry = AuditEntry.objects.for_object(submitted).get()
    assert entry.action == "initiatives.initiative.updated"
    assert entry.data["changes"]["title"] == [
        "Sprzątanie parku miejskiego",
        "Sprzątanie parku i plaży",
    ]
    assert entry.data["changes"]["areas"] == [["kultura"], ["ekologia"]]


def test_moving_the_initiative_moves_the_review(submitted, submitter, other_gmina):
    office = InstitutionFactory(territory=other_gmina)
    updated = services.initiative_update(
        actor=submitter, initiative=submitted, territory=other_gmina.code
    )
    assert updated.reviewing_institution == office


@pytest.mark.parametrize("who", ["reviewer", "other_staff", "member"])
def test_nobody_else_edits(submitted, who, request):
    actor = request.getfixturevalue(who)
    with pytest.raises(InitiativeError) as caught:
        services.initiative_update(actor=actor, initiative=submitted, title="Zmiana")
    assert caught.value.status_code == 403
    submitted.refresh_from_db()
    assert submitted.title == "Sprzątanie parku miejskiego"


def test_a_reviewed_initiative_cannot_be_edited(submitted, submitter, reviewer):
    services.initiative_publish(actor=reviewer, initiative=submitted)
    submitted.refresh_from_db()
    with pytest.raises(InitiativeError) as caught:
        services.initiative_update(actor=submitter, initiative=submitted, title="Nowy")
    assert caught.value.status_code == 409


def test_an_edit_cannot_drop_every_organiser(submitted, submitter):
    with pytest.raises(InitiativeError) as caught:
        services.initiative_update(
            actor=submitter, initiative=submitted, informal_group=""
        )
    assert caught.value.field == "informal_group"
    submitted.refresh_from_db()
    assert submitted.informal_group == "Sąsiedzi z ulicy Polnej"


def test_an_edit_with_end_before_start_changes_nothing(submitted, submitter):
    with pytest.raises(ValidationError):
        services.initiative_update(
            actor=submitter,
            initiative=submitted,
            end_date=START - datetime.timedelta(days=3),
        )
    submitted.refresh_from_db()
    assert submitted.end_date is None
    assert not AuditEntry.objects.exists()


# Reviewing


def test_the_reviewer_publishes_and_the_submitter_is_told(
    submitted, reviewer, submitter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_publish(actor=reviewer, initiative=submitted, note="Brawo")
    submitted.refresh_from_db()
    assert submitted.status == Initiative.Status.PUBLISHED
    assert submitted.reviewed_by == reviewer
    assert submitted.reviewed_at is not None
    assert submitted.published_at is not None
    assert actions(submitted) == ["initiatives.initiative.published"]
    assert [m.to for m in mail.outbox] == [[submitter.email]]
    assert "Brawo" in mail.outbox[0].body


def test_the_reviewer_rejects_with_a_note(
    submitted, reviewer, submitter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_reject(
            actor=reviewer, initiative=submitted, note="Brak daty zakończenia."
        )
    submitted.refresh_from_db()
    assert submitted.status == Initiative.Status.REJECTED
    assert submitted.review_note == "Brak daty zakończenia."
    assert submitted.published_at is None
    assert actions(submitted) == ["initiatives.initiative.rejected"]
    assert mail.outbox[0].to == [submitter.email]
    assert "Brak daty zakończenia." in mail.outbox[0].body


def test_rejecting_needs_a_note(submitted, reviewer):
    with pytest.raises(InitiativeError) as caught:
        services.initiative_reject(actor=reviewer, initiative=submitted, note=" ")
    assert caught.value.field == "note"
    submitted.refresh_from_db()
    assert submitted.status == Initiative.Status.SUBMITTED


@pytest.mark.parametrize("who", ["submitter", "other_staff", "member"])
def test_only_the_reviewing_institution_reviews(submitted, who, request):
    actor = request.getfixturevalue(who)
    with pytest.raises(InitiativeError) as caught:
        services.initiative_publish(actor=actor, initiative=submitted)
    assert caught.value.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == Initiative.Status.SUBMITTED
    assert not AuditEntry.objects.exists()


def test_a_second_decision_is_refused(submitted, reviewer):
    services.initiative_publish(actor=reviewer, initiative=submitted)
    with pytest.raises(InitiativeError) as caught:
        services.initiative_reject(actor=reviewer, initiative=submitted, note="Nie")
    assert caught.value.status_code == 409
    submitted.refresh_from_db()
    assert submitted.status == Initiative.Status.PUBLISHED


# Photos


def test_the_submitter_adds_and_removes_photos(submitted, submitter):
    photo = services.photo_add(
        actor=submitter, initiative=submitted, image=image_upload(), alt_text="Park"
    )
    storage, name = photo.image.storage, photo.image.name
    assert storage.exists(name)
    services.photo_remove(actor=submitter, photo=photo)
    assert not submitted.photos.exists()
    assert actions(submitted) == [
        "initiatives.photo.added",
        "initiatives.photo.removed",
    ]


def test_at_most_five_photos(submitted, submitter):
    for n in range(5):
        services.photo_add(
            actor=submitter, initiative=submitted, image=image_upload(), alt_text=f"{n}"
        )
    with pytest.raises(InitiativeError) as caught:
        services.photo_add(
            actor=submitter, initiative=submitted, image=image_upload(), alt_text="6"
        )
    assert caught.value.field == "photo"
    assert submitted.photos.count() == 5


def test_others_cannot_add_photos(submitted, reviewer):
    with pytest.raises(InitiativeError):
        services.photo_add(
            actor=reviewer, initiative=submitted, image=image_upload(), alt_text="x"
        )
    assert not submitted.photos.exists()
