import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from razem.core.models import AuditEntry
from razem.initiatives.models import Initiative
from tests.factories import UserFactory
from tests.initiatives.conftest import InitiativeFactory, image_upload, large_png

pytestmark = pytest.mark.django_db

LIST = reverse("initiatives:list")
CREATE = reverse("initiatives:create")
QUEUE = reverse("initiatives:review_queue")
MINE = reverse("initiatives:mine")


def url(name, initiative, **kwargs):
    return reverse(f"initiatives:{name}", kwargs={"pk": initiative.pk, **kwargs})


def is_login_redirect(response):
    return response.status_code == 302 and "/konto/login/" in response["Location"]


def as_(client, user):
    if user is not None and not isinstance(user, AnonymousUser):
        client.force_login(user)
    return client


@pytest.fixture
def admin(db):
    return UserFactory(is_superuser=True, is_staff=True)


def form_data(**overrides):
    data = {
        "title": "Festyn sąsiedzki",
        "kind": "event",
        "description": "Zapraszamy wszystkich sąsiadów.",
        "informal_group": "Sąsiedzi z Polnej",
        "territory": "3004023",
        "lat": "",
        "lon": "",
        "start_date": "2025-06-01",
        "end_date": "2025-06-01",
        "areas": ["kultura"],
        "photo_alt": "",
    }
    data.update(overrides)
    return data


# The public list


def test_the_list_shows_published_initiatives_only(client, published, submitted):
    response = client.get(LIST)
    assert response.status_code == 200
    assert published.title in response.text
    assert submitted.title not in response.text


def test_the_list_filters_by_type_area_and_territory(
    client, published, gmina, other_gmina, ecology
):
    elsewhere = InitiativeFactory(
        title="Zbiórka w Chodzieży",
        kind=Initiative.Kind.CAMPAIGN,
        territory=other_gmina,
        status=Initiative.Status.PUBLISHED,
    )
    elsewhere.areas.set([ecology])
    by_kind = client.get(LIST, {"kind": "campaign"}).text
    assert elsewhere.title in by_kind and published.title not in by_kind
    by_area = client.get(LIST, {"area": "kultura"}).text
    assert published.title in by_area and elsewhere.title not in by_area
    by_territory = client.get(LIST, {"territory": "3001"}).text
    assert elsewhere.title in by_territory and published.title not in by_territory


def test_bad_filters_are_reported_not_a_500(client, published):
    response = client.get(LIST, {"kind": "<b>x</b>", "territory": "99"})
    assert response.status_code == 200
    assert "<b>x</b>" not in response.text


def test_the_list_runs_a_fixed_number_of_queries(
    client, published, gmina, culture, django_assert_max_num_queries
):
    for n in range(10):
        InitiativeFactory(
            territory=gmina, status=Initiative.Status.PUBLISHED, title=f"Inicjatywa {n}"
        ).areas.set([culture])
    with django_assert_max_num_queries(12):
        response = client.get(LIST)
    assert response.status_code == 200


# The detail page: not found and not allowed look the same


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 404),
        ("other_user", 404),
        ("member", 404),
        ("other_staff", 404),
        ("reviewer", 200),
        ("submitter", 200),
        ("admin", 200),
    ],
)
def test_who_sees_a_submitted_initiative(client, submitted, who, status, request):
    person = None if who == "anonymous" else request.getfixturevalue(who)
    response = as_(client, person).get(url("detail", submitted))
    assert response.status_code == status
    missing = as_(client, person).get(reverse("initiatives:detail", args=[999999]))
    assert missing.status_code == 404


def test_everybody_sees_a_published_initiative(client, published):
    response = client.get(url("detail", published))
    assert response.status_code == 200
    assert published.title in response.text
    assert 'name="decision"' not in response.text


def test_the_reviewer_gets_the_review_form_and_the_submitter_the_edit_link(
    client, submitted, reviewer, submitter
):
    page = as_(client, reviewer).get(url("detail", submitted)).text
    assert 'name="decision"' in page
    assert url("edit", submitted) not in page
    client.logout()
    page = as_(client, submitter).get(url("detail", submitted)).text
    assert url("edit", submitted) in page
    assert 'name="decision"' not in page


def test_html_in_the_title_is_shown_escaped(client, gmina):
    initiative = InitiativeFactory(
        territory=gmina,
        title="<script>alert(1)</script>",
        description="<img src=x onerror=alert(2)>",
        status=Initiative.Status.PUBLISHED,
    )
    for address in (url("detail", initiative), LIST):
        page = client.get(address).text
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<img src=x" not in page


def test_no_private_email_is_shown(client, published):
    published.submitted_by = UserFactory(email="prywatny@example.org")
    published.save()
    assert "prywatny@example.org" not in client.get(url("detail", published)).text


# Submitting


def test_anonymous_people_are_sent_to_sign_in(client):
    assert is_login_redirect(client.get(CREATE))
    assert is_login_redirect(client.post(CREATE, form_data()))
    assert not Initiative.objects.exists()


def test_a_resident_submits_through_the_form(client, gmina, culture, other_user):
    client.force_login(other_user)
    assert client.get(CREATE).status_code == 200
    response = client.post(
        CREATE,
        form_data(photo=image_upload(), photo_alt="Plakat festynu"),
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert response["Location"] == initiative.get_absolute_url()
    assert initiative.submitted_by == other_user
    assert initiative.status == Initiative.Status.SUBMITTED
    assert initiative.photos.get().alt_text == "Plakat festynu"


def test_a_member_sees_and_names_their_organisations(
    client, gmina, culture, org, member
):
    client.force_login(member)
    page = client.get(CREATE).text
    assert org.name in page
    client.post(CREATE, form_data(organisations=[org.slug], informal_group=""))
    assert list(Initiative.objects.get().organisations.all()) == [org]


def test_a_resident_cannot_name_an_organisation_they_do_not_belong_to(
    client, gmina, org, other_user
):
    client.force_login(other_user)
    response = client.post(CREATE, form_data(organisations=[org.slug]))
    assert response.status_code == 400
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_date": "2025-05-01"}, "end_date", "end date cannot be before"),
        ({"lat": "51.9"}, "lon", "both the latitude and the longitude"),
        ({"lat": "60.1", "lon": "17.0"}, "lat", "between 49.0 and 54.9"),
        ({"territory": "9999999"}, "territory", ""),
        ({"informal_group": ""}, "informal_group", "informal group"),
        ({"photo_alt": "Plakat"}, "photo", "3 MB"),
        ({"photo_alt": "Plakat"}, "photo", ""),
        ({"photo_alt": ""}, "photo_alt", "Describe the photo"),
    ],
    ids=["end-before-start", "lat-without-lon", "outside-poland", "unknown-territory",
         "no-organiser", "oversized-photo", "not-an-image", "photo-without-alt"],
)  # fmt: skip
def test_bad_input_gets_an_error_on_its_field_and_nothing_is_written(
    client, gmina, culture, other_user, overrides, field, message, request
):
    client.force_login(other_user)
    data = form_data(**overrides)
    case = request.node.callspec.id
    if case == "oversized-photo":
        data["photo"] = large_png()
    elif case == "not-an-image":
        data["photo"] = SimpleUploadedFile("x.png", b"<?php echo 1;", "image/png")
    elif case == "photo-without-alt":
        data["photo"] = image_upload()
    # In English, to compare the messages.
    client.cookies["django_language"] = "en"
    response = client.post(CREATE, data)
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in " ".join(form.errors[field])
    assert f'id="id_{field}_error"' in response.text
    assert not Initiative.objects.exists()
    assert not AuditEntry.objects.exists()


# Editing


def test_the_submitter_edits_while_it_waits(client, submitted, submitter):
    client.force_login(submitter)
    assert client.get(url("edit", submitted)).status_code == 200
    response = client.post(url("edit", submitted), form_data(title="Nowy tytuł"))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.title == "Nowy tytuł"


@pytest.mark.parametrize(
    ("who", "status"),
    [("other_user", 404), ("other_staff", 404), ("reviewer", 403), ("admin", 403)],
)
def test_others_cannot_edit(client, submitted, who, status, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url("edit", submitted)).status_code == status
    assert client.post(url("edit", submitted), form_data()).status_code == status
    submitted.refresh_from_db()
    assert submitted.title == "Sprzątanie parku miejskiego"


def test_anonymous_cannot_edit(client, submitted):
    assert is_login_redirect(client.get(url("edit", submitted)))


def test_a_published_initiative_cannot_be_edited_by_its_submitter(client, published):
    client.force_login(published.submitted_by)
    assert client.get(url("edit", published)).status_code == 403


def test_the_submitter_removes_a_photo(client, submitted, submitter):
    photo = submitted.photos.create(image=image_upload(), alt_text="Park")
    address = url("photo_remove", submitted, photo_pk=photo.pk)
    client.force_login(UserFactory())
    assert client.post(address).status_code == 404
    client.force_login(submitter)
    assert client.post(address).status_code == 302
    assert not submitted.photos.exists()


# Reviewing


def test_the_reviewer_publishes_from_the_page(client, submitted, reviewer):
    client.force_login(reviewer)
    response = client.post(url("review", submitted), {"decision": "publish"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Initiative.Status.PUBLISHED
    assert client.get(LIST).text.count(submitted.title) == 1


def test_rejecting_without_a_note_is_a_form_error(client, submitted, reviewer):
    client.force_login(reviewer)
    response = client.post(url("review", submitted), {"decision": "reject"})
    assert response.status_code == 400
    assert "note" in response.context["review_form"].errors
    submitted.refresh_from_db()
    assert submitted.status == Initiative.Status.SUBMITTED


@pytest.mark.parametrize(
    ("who", "status"),
    [("other_user", 404), ("member", 404), ("other_staff", 404), ("submitter", 403)],
)
def test_others_cannot_review(client, submitted, who, status, request):
    client.force_login(request.getfixturevalue(who))
    response = client.post(url("review", submitted), {"decision": "publish"})
    assert response.status_code == status
    submitted.refresh_from_db()
    assert submitted.status == Initiative.Status.SUBMITTED


def test_anonymous_cannot_review(client, submitted):
    assert is_login_redirect(client.post(url("review", submitted), {"decision": "x"}))


def test_the_review_queue(client, submitted, reviewer, other_staff, other_user):
    assert is_login_redirect(client.get(QUEUE))
    client.force_login(other_user)
    assert client.get(QUEUE).status_code == 403
    client.force_login(other_staff)
    page = client.get(QUEUE)
    assert page.status_code == 200 and submitted.title not in page.text
    client.force_login(reviewer)
    page = client.get(QUEUE)
    assert page.status_code == 200 and submitted.title in page.text


def test_my_initiatives(client, submitted, submitter, other_user):
    assert is_login_redirect(client.get(MINE))
    client.force_login(other_user)
    assert submitted.title not in client.get(MINE).text
    client.force_login(submitter)
    assert submitted.title in client.get(MINE).text
