"""The institution's pages for consultations: who may, who may not, and bad input."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from razem.consultations.models import (
    Attachment,
    Comment,
    Consultation,
    Response,
    Subscription,
)
from razem.organisations.models import Membership
from tests.consultations.factories import ConsultationFactory, comment
from tests.factories import (
    AreaFactory,
    EventFactory,
    GminaFactory,
    InstitutionFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
CREATE = reverse("consultations:create")
MANAGED = reverse("consultations:managed")
FORMAT = "%Y-%m-%dT%H:%M"


def url(name, consultation, **query):
    address = reverse(f"consultations:{name}", kwargs={"slug": consultation.slug})
    if query:
        address += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return address


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and "/konto/login/" in response["Location"]


def pdf(name="uzasadnienie.pdf", size=0):
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body + b"0" * size, "application/pdf")


def local(value) -> str:
    return timezone.localtime(value).strftime(FORMAT)


@pytest.fixture
def people(staff, admin_user):
    """Everyone the permission tests try, by role."""
    member = MembershipFactory(role=Membership.Role.MEMBER).user
    return {
        "anonymous": None,
        "resident": UserFactory(),
        "member": member,
        "other_staff": StaffFactory().user,
        "staff": staff,
        "admin": admin_user,
    }


@pytest.fixture
def consultation(institution):
    """Published and open now."""
    return ConsultationFactory(institution=institution)


@pytest.fixture
def closed(institution):
    start = timezone.now() - timedelta(days=20)
    return ConsultationFactory(institution=institution, starts_at=start)


@pytest.fixture
def responding(closed):
    closed.status = Consultation.Status.RESPONDING
    closed.save()
    return closed


def create_data(institution, **changes):
    start = timezone.now() + timedelta(days=1)
    data = {
        "institution": institution.slug,
        "title": "Program współpracy na 2027 rok",
        "kind": Consultation.Kind.COOPERATION_PROGRAMME,
        "subject": "Roczny program współpracy z organizacjami.",
        "legal_basis": "Art. 5a ustawy o działalności pożytku publicznego.",
        "territory": "3004023",
        "contact_name": "Anna Nowak",
        "contact_email": "ngo@example.gov.pl",
        "starts_at": local(start),
        "ends_at": local(start + timedelta(days=21)),
        "min_days": "14",
        "online_comments": "on",
        "written_opinions": "on",
        "written_opinions_address": "ul. Rynek 1, Gostyń",
        "participation": Consultation.Participation.SIGNED_IN,
        "moderation": Consultation.Moderation.AFTER,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def edit_data(consultation, **changes):
    data = {
        "title": consultation.title,
        "kind": consultation.kind,
        "subject": consultation.subject,
        "starts_at": local(consultation.starts_at),
        "ends_at": local(consultation.ends_at),
        "min_days": str(consultation.min_days),
        "online_comments": "on",
        "participation": consultation.participation,
        "moderation": consultation.moderation,
    }
    data.update(changes)
    return data


# --- creating --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("resident", 403),
        ("member", 403),
        ("admin", 403),  # not staff of any institution: nobody to consult for
        ("other_staff", 200),
        ("staff", 200),
    ],
)
def test_only_institution_staff_open_the_creation_page(people, who, status):
    assert client_for(people[who]).get(CREATE).status_code == status


def test_anonymous_people_are_sent_to_sign_in(people, consultation):
    client = client_for(None)
    for address in (
        CREATE,
        MANAGED,
        url("edit", consultation),
        url("attachments", consultation),
        url("responses", consultation),
        url("report_publish", consultation),
        reverse("consultations:subscription", kwargs={"organisation": "x"}),
    ):
        assert is_login_redirect(client.get(address)), address


def test_the_minimum_length_is_prefilled_from_the_institution(institution, staff):
    institution.consultation_min_days = 21
    institution.save()
    response = client_for(staff).get(CREATE)
    assert response.context["form"].initial["min_days"] == 21
    assert response.context["form"].initial["institution"] == institution.slug


def test_staff_create_a_draft_with_invitations_and_go_to_the_text(institution, staff):
    area = AreaFactory()
    unit = UnitFactory(institution=institution)
    meeting = EventFactory(institution=institution)
    invited_org = OrganisationFactory(krs="0000123456")
    other_org = OrganisationFactory()
    person = UserFactory(email="radna@example.org")
    data = create_data(
        institution,
        unit=str(unit.pk),
        areas=[area.code],
        meeting=meeting.slug,
        participation=Consultation.Participation.INVITED,
        invited_organisations=f"0000123456, {other_org.slug}",
        invited_people="RADNA@example.org",
    )
    response = client_for(staff).post(CREATE, data)
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("version_create", consultation)
    assert consultation.status == Consultation.Status.DRAFT
    assert consultation.unit == unit
    assert consultation.meeting == meeting
    assert consultation.territory.code == "3004023"
    assert list(consultation.areas.all()) == [area]
    assert set(consultation.invited_organisations.all()) == {invited_org, other_org}
    assert list(consultation.invited_people.all()) == [person]
    assert consultation.created_by == staff


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_at": "2020-01-01T10:00"}, "ends_at"),
        ({"title": "x" * 301}, "title"),
        ({"title": ""}, "title"),
        ({"territory": "9999999"}, "territory"),
        ({"invited_organisations": "no-such-organisation"}, "invited_organisations"),
        ({"invited_people": "nobody@example.org"}, "invited_people"),
        ({"min_days": "7"}, "min_days"),
        ({"questionnaire_url": "not a link"}, "questionnaire_url"),
        ({"kind": "law"}, "kind"),
    ],
)
def test_bad_input_is_shown_on_its_field_and_nothing_is_written(
    institution, staff, changes, field
):
    response = client_for(staff).post(CREATE, create_data(institution, **changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Consultation.objects.exists()


def test_a_shorter_period_without_a_justification_is_refused_on_that_field(
    institution, staff
):
    start = timezone.now() + timedelta(days=1)
    data = create_data(institution, ends_at=local(start + timedelta(days=7)))
    response = client_for(staff).post(CREATE, data)
    assert response.status_code == 400
    assert "shortened_justification" in response.context["form"].errors
    assert not Consultation.objects.exists()
    data["shortened_justification"] = "Termin wynika z ustawy."
    assert client_for(staff).post(CREATE, data).status_code == 302
    assert Consultation.objects.get().is_shortened


def test_a_unit_or_meeting_of_another_institution_is_refused(institution, staff):
    second = InstitutionFactory()
    StaffFactory(institution=second, user=staff)
    for changes, field in (
        ({"unit": str(UnitFactory(institution=second).pk)}, "unit"),
        ({"unit": str(UnitFactory().pk)}, "unit"),
        ({"meeting": EventFactory(institution=second).slug}, "meeting"),
    ):
        response = client_for(staff).post(CREATE, create_data(institution, **changes))
        assert response.status_code == 400
        assert field in response.context["form"].errors
    assert not Consultation.objects.exists()


def test_staff_cannot_create_for_an_institution_they_do_not_work_for(staff):
    other = InstitutionFactory()
    response = client_for(staff).post(CREATE, create_data(other))
    assert response.status_code == 400
    assert "institution" in response.context["form"].errors
    assert not Consultation.objects.exists()


# --- editing ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("resident", 403),
        ("member", 403),
        ("other_staff", 403),
        ("staff", 200),
        ("admin", 200),
    ],
)
def test_only_managers_edit(people, consultation, who, status):
    assert client_for(people[who]).get(url("edit", consultation)).status_code == status


def test_a_draft_of_another_institution_is_not_found(people, institution):
    draft = ConsultationFactory(
        institution=institution, status=Consultation.Status.DRAFT
    )
    client = client_for(people["other_staff"])
    assert client.get(url("edit", draft)).status_code == 404
    assert client.post(url("publish", draft)).status_code == 404


def test_staff_save_changes_and_an_unchanged_open_period_is_accepted(
    consultation, staff
):
    person = UserFactory()
    data = edit_data(consultation, title="Nowy tytuł", invited_people=person.email)
    response = client_for(staff).post(url("edit", consultation), data)
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.title == "Nowy tytuł"
    assert list(consultation.invited_people.all()) == [person]


def test_an_open_consultations_start_cannot_move(consultation, staff):
    later = local(consultation.starts_at + timedelta(hours=2))
    response = client_for(staff).post(
        url("edit", consultation), edit_data(consultation, starts_at=later)
    )
    assert response.status_code == 409
    assert "starts_at" in response.context["form"].errors
    before = consultation.starts_at
    consultation.refresh_from_db()
    assert consultation.starts_at == before


def test_an_open_consultation_cannot_be_shortened(consultation, staff):
    shorter = local(consultation.ends_at - timedelta(days=1))
    response = client_for(staff).post(
        url("edit", consultation),
        edit_data(consultation, ends_at=shorter, shortened_justification="Pilne."),
    )
    assert response.status_code == 409
    assert "ends_at" in response.context["form"].errors
    before = consultation.ends_at
    consultation.refresh_from_db()
    assert consultation.ends_at == before


def test_a_reported_consultation_can_no_longer_be_edited(consultation, staff):
    consultation.status = Consultation.Status.REPORTED
    consultation.save()
    assert client_for(staff).get(url("edit", consultation)).status_code == 403


# --- publishing ------------------------------------------------------------------


def test_staff_publish_a_draft_with_text(institution, staff):
    draft = ConsultationFactory(
        institution=institution, status=Consultation.Status.DRAFT
    )
    response = client_for(staff).post(url("publish", draft))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Consultation.Status.PUBLISHED


def test_publishing_without_text_is_refused_with_a_message(institution, staff):
    draft = ConsultationFactory(
        institution=institution, status=Consultation.Status.DRAFT, sections=0
    )
    response = client_for(staff).post(url("publish", draft), follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert any("text of the draft" in m or "tekst" in m for m in messages)
    draft.refresh_from_db()
    assert draft.status == Consultation.Status.DRAFT


def test_others_cannot_publish_and_get_is_not_allowed(people, institution):
    draft = ConsultationFactory(
        institution=institution, status=Consultation.Status.DRAFT
    )
    assert client_for(people["staff"]).get(url("publish", draft)).status_code == 405
    published = ConsultationFactory(institution=institution)
    assert (
        client_for(people["resident"]).post(url("publish", published)).status_code
        == 403
    )
    draft.refresh_from_db()
    assert draft.status == Consultation.Status.DRAFT


# --- attachments -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("resident", 403), ("member", 403), ("other_staff", 403), ("admin", 302)],
)
def test_only_managers_add_attachments(people, consultation, who, status):
    response = client_for(people[who]).post(
        url("attachments", consultation),
        {"op": "add", "title": "Uzasadnienie", "kind": "justification", "file": pdf()},
    )
    assert response.status_code == status
    assert Attachment.objects.exists() == (status == 302)


def test_staff_add_and_remove_an_attachment(consultation, staff):
    client = client_for(staff)
    response = client.post(
        url("attachments", consultation),
        {
            "op": "add",
            "title": "Ocena skutków regulacji",
            "kind": "impact_assessment",
            "file": pdf(),
        },
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.size > 0
    page = client.get(url("attachments", consultation))
    assert "Ocena skutków regulacji" in page.content.decode()
    response = client.post(
        url("attachments", consultation), {"op": "delete", "id": attachment.pk}
    )
    assert response.status_code == 302
    assert not Attachment.objects.exists()


def test_a_wrong_or_too_big_file_is_refused(consultation, staff, settings):
    settings.RAZEM_MAX_DOCUMENT_BYTES = 1024 * 1024
    client = client_for(staff)
    for upload in (
        SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>", "application/pdf"),
        pdf(size=1024 * 1024),
    ):
        response = client.post(
            url("attachments", consultation),
            {"op": "add", "title": "X", "kind": "other", "file": upload},
        )
        assert response.status_code == 400
        assert "file" in response.context["form"].errors
    assert not Attachment.objects.exists()


def test_an_attachment_of_another_consultation_cannot_be_removed(consultation, staff):
    other = ConsultationFactory()
    attachment = Attachment.objects.create(
        consultation=other, title="X", file=pdf(), size=1
    )
    response = client_for(staff).post(
        url("attachments", consultation), {"op": "delete", "id": attachment.pk}
    )
    assert response.status_code == 404
    assert Attachment.objects.exists()


# --- responses -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("resident", 403),
        ("member", 403),
        ("other_staff", 403),
        ("staff", 200),
        ("admin", 200),
    ],
)
def test_only_managers_see_the_responses_page(people, closed, who, status):
    response = client_for(people[who]).get(url("responses", closed))
    assert response.status_code == status


def test_an_open_consultation_cannot_be_answered_yet(consultation, staff):
    made = comment(consultation)
    client = client_for(staff)
    page = client.get(url("responses", consultation))
    assert page.status_code == 200
    assert not page.context["can_start"]
    assert not page.context["can_respond"]
    response = client.post(
        url("responses", consultation),
        {
            "op": "respond",
            "comments": [made.pk],
            "position": "accepted",
            "justification": "Tak.",
        },
    )
    assert response.status_code == 409
    assert not Response.objects.exists()


def test_staff_start_preparing_responses_once_closed(closed, staff):
    client = client_for(staff)
    assert client.get(url("responses", closed)).context["can_start"]
    response = client.post(url("responses", closed), {"op": "start"})
    assert response.status_code == 302
    closed.refresh_from_db()
    assert closed.status == Consultation.Status.RESPONDING


def test_three_similar_comments_get_one_position_together(responding, staff):
    comments = [comment(responding) for _ in range(4)]
    chosen = comments[:3]
    response = client_for(staff).post(
        url("responses", responding, without="on"),
        {
            "op": "respond",
            "comments": [c.pk for c in chosen],
            "position": "partly",
            "justification": "Uwzględniono w zakresie § 1.",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?without=on")
    answer = Response.objects.get()
    assert answer.position == "partly"
    assert set(answer.comments.all()) == set(chosen)
    assert Comment.objects.get(pk=comments[3].pk).response is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"position": "accepted", "justification": "Tak."}, "comments"),
        ({"comments": ["COMMENT"], "justification": "Tak."}, "position"),
        (
            {"comments": ["COMMENT"], "position": "maybe", "justification": "Tak."},
            "position",
        ),  # noqa: E501
        ({"comments": ["COMMENT"], "position": "accepted"}, "justification"),
        (
            {"comments": ["OTHER"], "position": "accepted", "justification": "X"},
            "comments",
        ),  # noqa: E501
        (
            {"comments": ["abc"], "position": "accepted", "justification": "X"},
            "comments",
        ),  # noqa: E501
    ],
)
def test_a_bad_position_form_is_refused_on_its_field(responding, staff, data, field):
    mine = comment(responding)
    foreign = comment(ConsultationFactory(starts_at=responding.starts_at))
    ids = {"COMMENT": str(mine.pk), "OTHER": str(foreign.pk)}
    data = dict(data, op="respond")
    if "comments" in data:
        data["comments"] = [ids.get(v, v) for v in data["comments"]]
    response = client_for(staff).post(url("responses", responding), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Response.objects.exists()


def test_the_table_filters_by_section_and_by_missing_position(responding, staff):
    sections = list(responding.current_version.sections.all())
    first = comment(responding, section=sections[0])
    second = comment(responding, section=sections[1])
    general = comment(responding, section=None)
    answer = Response.objects.create(
        consultation=responding, position="accepted", justification="Tak."
    )
    Comment.objects.filter(pk=first.pk).update(response=answer)
    client = client_for(staff)

    def shown(**query):
        page = client.get(url("responses", responding, **query))
        return [c.pk for c in page.context["page_obj"]]

    assert shown() == [first.pk, second.pk, general.pk]
    assert shown(section=sections[1].key) == [second.pk]
    assert shown(section="calosc") == [general.pk]
    assert shown(without="on") == [second.pk, general.pk]


def test_the_table_shows_the_public_author_and_for_staff_the_real_name(
    responding, staff
):
    comment(responding, author_name="Zofia Prywatna", proposed_wording="Nowe")
    page = client_for(staff).get(url("responses", responding)).content.decode()
    assert "Zofia Prywatna" in page
    assert f"{responding.reference}/1" in page


def test_the_table_has_50_comments_a_page_and_bounded_queries(responding, staff):
    client = client_for(staff)
    comment(responding)
    client.get(url("responses", responding))  # the first request does some more
    with CaptureQueriesContext(connection) as few:
        client.get(url("responses", responding))
    organisation = OrganisationFactory()
    for _ in range(59):
        comment(responding, organisation=organisation)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url("responses", responding))
    assert len(page.context["page_obj"]) == 50
    assert len(many.captured_queries) <= len(few.captured_queries) + 1
    second = client.get(url("responses", responding, page=2))
    assert len(second.context["page_obj"]) == 10


# --- the report ------------------------------------------------------------------


def test_publishing_the_report_is_refused_listing_the_unanswered_comments(
    responding, staff
):
    answered = comment(responding)
    comment(responding)
    comment(responding)
    answer = Response.objects.create(
        consultation=responding, position="accepted", justification="Tak."
    )
    Comment.objects.filter(pk=answered.pk).update(response=answer)
    response = client_for(staff).post(
        url("report_publish", responding), {"summary": "Podsumowanie"}
    )
    assert response.status_code == 409
    assert response.context["unanswered"] == [
        f"{responding.reference}/2",
        f"{responding.reference}/3",
    ]
    page = response.content.decode()
    assert f"{responding.reference}/2" in page
    assert url("responses", responding, without="on") in page
    responding.refresh_from_db()
    assert responding.status == Consultation.Status.RESPONDING
    assert responding.report_summary == ""


def test_staff_publish_the_report_with_its_summary(responding, staff):
    made = comment(responding)
    answer = Response.objects.create(
        consultation=responding, position="rejected", justification="Nie."
    )
    Comment.objects.filter(pk=made.pk).update(response=answer)
    response = client_for(staff).post(
        url("report_publish", responding), {"summary": "Wpłynęła jedna uwaga."}
    )
    assert response.status_code == 302
    assert response["Location"] == url("report", responding)
    responding.refresh_from_db()
    assert responding.status == Consultation.Status.REPORTED
    assert responding.report_summary == "Wpłynęła jedna uwaga."
    assert responding.report_published_at is not None


def test_the_report_cannot_be_published_before_responses(consultation, staff):
    response = client_for(staff).post(
        url("report_publish", consultation), {"summary": "X"}
    )
    assert response.status_code == 409
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.PUBLISHED


@pytest.mark.parametrize("who", ["resident", "member", "other_staff"])
def test_others_cannot_publish_the_report(people, responding, who):
    client = client_for(people[who])
    assert client.get(url("report_publish", responding)).status_code == 403
    assert client.post(url("report_publish", responding)).status_code == 403
    responding.refresh_from_db()
    assert responding.status == Consultation.Status.RESPONDING


# --- the list of managed consultations -------------------------------------------


@pytest.mark.parametrize("who", ["resident", "member"])
def test_people_without_an_institution_have_no_managed_list(people, who):
    assert client_for(people[who]).get(MANAGED).status_code == 403


def test_staff_see_their_institutions_consultations_in_every_state_with_counts(
    institution, staff
):
    draft = ConsultationFactory(
        institution=institution, status=Consultation.Status.DRAFT
    )
    open_one = ConsultationFactory(institution=institution)
    other = ConsultationFactory()
    comment(open_one)
    hidden = comment(open_one, visibility=Comment.Visibility.HIDDEN)
    answered = comment(open_one)
    answer = Response.objects.create(
        consultation=open_one, position="accepted", justification="Tak."
    )
    Comment.objects.filter(pk=answered.pk).update(response=answer)
    assert hidden.response is None
    response = client_for(staff).get(MANAGED)
    listed = {c.pk: c for c in response.context["page_obj"]}
    assert set(listed) == {draft.pk, open_one.pk}
    assert other.pk not in listed
    assert listed[open_one.pk].comments_count == 2
    assert listed[open_one.pk].without_position == 1
    assert response.context["can_create"]


def test_the_managed_list_has_bounded_queries(institution, staff):
    client = client_for(staff)
    ConsultationFactory(institution=institution)
    client.get(MANAGED)  # the first request of a session does some more
    with CaptureQueriesContext(connection) as few:
        client.get(MANAGED)
    for _ in range(8):
        comment(ConsultationFactory(institution=institution))
    with CaptureQueriesContext(connection) as many:
        client.get(MANAGED)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_an_administrator_sees_every_consultation(admin_user):
    ConsultationFactory()
    ConsultationFactory()
    response = client_for(admin_user).get(MANAGED)
    assert len(response.context["page_obj"]) == 2


# --- subscriptions ---------------------------------------------------------------


@pytest.fixture
def organisation_page(organisation):
    return reverse(
        "consultations:subscription", kwargs={"organisation": organisation.slug}
    )


def test_a_representative_chooses_what_the_organisation_follows(
    organisation, representative, organisation_page, teryt
):
    area = AreaFactory()
    response = client_for(representative).post(
        organisation_page,
        {
            "areas": [area.code],
            "territories": "30\n3004023",
            "email": "konsultacje@example.org",
        },
    )
    assert response.status_code == 302
    subscription = Subscription.objects.get(organisation=organisation)
    assert list(subscription.areas.all()) == [area]
    assert sorted(t.code for t in subscription.territories.all()) == ["30", "3004023"]
    page = client_for(representative).get(organisation_page)
    assert page.context["form"].initial["territories"] == "30 3004023"


def test_an_unknown_terc_code_is_shown_on_the_field(
    organisation, representative, organisation_page
):
    GminaFactory()
    response = client_for(representative).post(
        organisation_page, {"territories": "3004023 12345"}
    )
    assert response.status_code == 400
    assert "territories" in response.context["form"].errors
    assert not Subscription.objects.exists()


def test_others_do_not_find_the_subscription_page(
    people, organisation, organisation_page
):
    member = MembershipFactory(
        organisation=organisation, role=Membership.Role.MEMBER
    ).user
    for user in (member, people["resident"], people["staff"], people["admin"]):
        client = client_for(user)
        assert client.get(organisation_page).status_code == 404
        assert (
            client.post(organisation_page, {"email": "x@example.org"}).status_code
            == 404
        )  # noqa: E501
    assert not Subscription.objects.exists()
    missing = reverse("consultations:subscription", kwargs={"organisation": "nie-ma"})
    assert client_for(people["resident"]).get(missing).status_code == 404


def test_the_organisation_page_links_representatives_to_the_notices(
    organisation, representative, organisation_page
):
    member = MembershipFactory(
        organisation=organisation, role=Membership.Role.MEMBER
    ).user
    address = organisation.get_absolute_url()
    assert organisation_page in client_for(representative).get(address).content.decode()
    assert organisation_page not in client_for(member).get(address).content.decode()


# --- admin -----------------------------------------------------------------------


def test_the_admin_lists_and_shows_consultations_and_comments(admin_user, responding):
    made = comment(responding)
    Subscription.objects.create(organisation=OrganisationFactory())
    client = client_for(admin_user)
    for model in ("consultation", "comment", "response", "abusereport", "subscription"):
        address = reverse(f"admin:consultations_{model}_changelist")
        assert client.get(address).status_code == 200, model
    change = client.get(reverse("admin:consultations_comment_change", args=[made.pk]))
    assert change.status_code == 200
    assert made.reference in change.content.decode()
    assert (
        client.get(
            reverse("admin:consultations_consultation_change", args=[responding.pk])
        ).status_code
        == 200
    )
