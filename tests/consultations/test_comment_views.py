"""Commenting pages: the comment form, changing a comment, reporting abuse, "my
comments", written opinions entered by staff and moderation — who may, who may not,
time windows, participation rules, bad input (nothing written) and escaping."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from freezegun import freeze_time

from razem.consultations.models import (
    AbuseReport,
    Comment,
    CommentAttachment,
    Consultation,
    Response,
)
from razem.core.models import AuditEntry
from tests.consultations.factories import ConsultationFactory, comment
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
V = Comment.Visibility
SCRIPT = "<script>alert('x')</script><b>pogrubienie</b>"


def pdf(name="pismo.pdf", size=0):
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(
        name, body + b"0" * max(size - len(body), 0), "application/pdf"
    )


def odt(name="opinia.odt"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return SimpleUploadedFile(name, buffer.getvalue(), "application/octet-stream")


def not_a_document(name="wirus.pdf"):
    return SimpleUploadedFile(name, b"MZ\x90\x00 this is an executable", "text/plain")


def create_url(consultation, key=None):
    url = reverse("consultations:comment_create", kwargs={"slug": consultation.slug})
    return f"{url}?sekcja={key}" if key else url


def section_url(consultation, key):
    return reverse(
        "consultations:section", kwargs={"slug": consultation.slug, "key": key}
    )


def url(name, **kwargs):
    return reverse(f"consultations:{name}", kwargs=kwargs)


def data(**overrides):
    values = {
        "current_wording": "Treść paragrafu 1.",
        "proposed_wording": "Nowe brzmienie paragrafu.",
        "justification": "Bo tak będzie jaśniej.",
        "version": "1",
    }
    values.update(overrides)
    return values


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def close(consultation):
    Consultation.objects.filter(pk=consultation.pk).update(
        ends_at=timezone.now() - timedelta(minutes=1)
    )
    consultation.refresh_from_db()


@pytest.fixture
def consultation():
    return ConsultationFactory()


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def institution_staff(consultation):
    return StaffFactory(institution=consultation.institution).user


@pytest.fixture
def other_staff(db):
    """Staff of another institution."""
    return StaffFactory().user


def login(client, person):
    client.force_login(person)
    return client


# --- the comment form ----------------------------------------------------------------


def test_anonymous_person_is_sent_to_sign_in_from_every_page(client, consultation):
    mine = comment(consultation)
    for address in (
        create_url(consultation, "par-1"),
        url("comment_edit", pk=mine.pk),
        url("comment_report", pk=mine.pk),
        url("my_comments"),
        url("opinion_enter", slug=consultation.slug),
        url("moderation", slug=consultation.slug),
    ):
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(reverse("account_login")), address
    response = client.post(create_url(consultation, "par-1"), data())
    assert response.status_code == 302
    assert not Comment.objects.exclude(pk=mine.pk).exists()


def test_the_form_shows_the_section_and_prefills_its_current_wording(
    signed_in, consultation
):
    response = signed_in.get(create_url(consultation, "par-2"))
    assert response.status_code == 200
    assert response.context["section"].key == "par-2"
    form = response.context["form"]
    assert form["current_wording"].value() == "Treść paragrafu 2."
    html = response.content.decode()
    assert "Treść paragrafu 2." in html
    assert 'enctype="multipart/form-data"' in html
    assert "?sekcja=par-2" in html
    assert 'id="id_publish_name_helptext"' in html


def test_without_a_section_the_comment_is_on_the_whole_document(
    signed_in, consultation, user
):
    response = signed_in.get(create_url(consultation))
    assert response.status_code == 200
    assert response.context["section"] is None
    response = signed_in.post(
        create_url(consultation), data(current_wording="", proposed_wording="")
    )
    made = Comment.objects.get()
    assert made.section is None
    assert response.status_code == 302
    assert response["Location"] == section_url(consultation, "calosc") + "#uwaga-1"


def test_an_unknown_section_key_is_not_found(signed_in, consultation):
    assert signed_in.get(create_url(consultation, "art-99")).status_code == 404
    response = signed_in.post(create_url(consultation, "art-99"), data())
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_a_comment_is_sent_and_the_reference_number_is_given(
    signed_in, consultation, user
):
    response = signed_in.post(create_url(consultation, "par-1"), data(), follow=False)
    made = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == section_url(consultation, "par-1") + "#uwaga-1"
    assert made.author == user
    assert made.section.key == "par-1"
    assert made.proposed_wording == "Nowe brzmienie paragrafu."
    assert made.visibility == V.PUBLIC
    assert made.reference == f"{consultation.reference}/1"
    followed = signed_in.get(response["Location"])
    assert any(made.reference in m for m in messages_of(followed))
    assert AuditEntry.objects.filter(action="consultations.comment.created").exists()


def test_the_quoted_wording_can_be_shortened_to_a_part(signed_in, consultation):
    signed_in.post(
        create_url(consultation, "par-1"), data(current_wording="paragrafu 1")
    )
    assert Comment.objects.get().current_wording == "paragrafu 1"


@pytest.mark.parametrize(
    "changes",
    [
        {"justification": ""},
        {"justification": "   "},
        {"justification": "x" * 10_001},
        {"proposed_wording": "x" * 10_001},
    ],
)
def test_empty_or_overlong_texts_are_refused_by_the_field(
    signed_in, consultation, changes
):
    response = signed_in.post(create_url(consultation, "par-1"), data(**changes))
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == set(changes)
    html = response.content.decode()
    field = next(iter(changes))
    assert f'id="id_{field}_error"' in html
    assert 'aria-invalid="true"' in html or f"id_{field}_error" in html
    assert not Comment.objects.exists()


def test_script_and_html_are_stored_as_text_and_shown_escaped(signed_in, consultation):
    signed_in.post(
        create_url(consultation, "par-1"),
        data(justification=SCRIPT, proposed_wording=SCRIPT),
    )
    made = Comment.objects.get()
    assert made.justification == SCRIPT
    for address in (
        url("comment_edit", pk=made.pk),
        url("my_comments"),
    ):
        html = signed_in.get(address).content.decode()
        assert "<script>alert" not in html, address
    html = signed_in.get(url("comment_edit", pk=made.pk)).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_a_new_version_published_meanwhile_is_reported_not_mixed_in(
    signed_in, consultation
):
    newer = consultation.versions.create(number=2)
    newer.sections.create(key="par-1", text="Nowa treść", position=0)
    response = signed_in.post(create_url(consultation, "par-1"), data(version="1"))
    assert response.status_code == 400
    form = response.context["form"]
    assert form.has_error("__all__", "old_version")
    assert form["version"].value() == "2"
    assert "Nowa treść" in response.content.decode()
    assert not Comment.objects.exists()
    response = signed_in.post(create_url(consultation, "par-1"), data(version="2"))
    assert response.status_code == 302
    assert Comment.objects.get().version == newer


def test_with_pre_moderation_the_comment_waits_and_the_message_says_so(signed_in, user):
    consultation = ConsultationFactory(moderation=Consultation.Moderation.BEFORE)
    response = signed_in.post(create_url(consultation, "par-1"), data(), follow=True)
    made = Comment.objects.get()
    assert made.visibility == V.PENDING
    (message,) = messages_of(response)
    assert made.reference in message
    assert "modera" in message.lower()
    # Nobody else sees it on the section page; the author does.
    other = login(Client(), UserFactory())
    page = other.get(section_url(consultation, "par-1"))
    assert made not in list(page.context["page_obj"])


def test_after_moderation_the_message_does_not_mention_it(signed_in, consultation):
    response = signed_in.post(create_url(consultation, "par-1"), data(), follow=True)
    (message,) = messages_of(response)
    assert "modera" not in message.lower()


@pytest.mark.parametrize(
    "starts_in",
    [timedelta(days=1), timedelta(days=-30)],
    ids=["before the start", "after the end"],
)
def test_outside_the_period_a_page_explains_why_with_409(signed_in, starts_in):
    consultation = ConsultationFactory(starts_at=timezone.now() + starts_in)
    response = signed_in.get(create_url(consultation, "par-1"))
    assert response.status_code == 409
    assert "form" not in response.context
    assert response.context["reason"]
    response = signed_in.post(create_url(consultation, "par-1"), data())
    assert response.status_code == 409
    assert not Comment.objects.exists()


def test_the_period_opens_at_its_start_time(signed_in):
    consultation = ConsultationFactory(starts_at=timezone.now() + timedelta(hours=2))
    with freeze_time(consultation.starts_at - timedelta(seconds=1)):
        assert signed_in.get(create_url(consultation)).status_code == 409
    with freeze_time(consultation.starts_at):
        assert signed_in.get(create_url(consultation)).status_code == 200


def test_the_last_minute_of_the_period_is_still_open(signed_in, consultation):
    with freeze_time(consultation.ends_at - timedelta(minutes=1)):
        response = signed_in.post(create_url(consultation, "par-1"), data())
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_a_draft_is_not_found_for_outsiders_and_explained_to_its_staff(client):
    consultation = ConsultationFactory(status=Consultation.Status.DRAFT)
    login(client, UserFactory())
    assert client.get(create_url(consultation)).status_code == 404
    login(client, StaffFactory(institution=consultation.institution).user)
    assert client.get(create_url(consultation)).status_code == 409


def test_responding_and_reported_consultations_refuse_comments(signed_in):
    for status in (Consultation.Status.RESPONDING, Consultation.Status.REPORTED):
        consultation = ConsultationFactory(status=status)
        response = signed_in.post(create_url(consultation, "par-1"), data())
        assert response.status_code == 409
    assert not Comment.objects.exists()


def test_without_online_comments_the_form_is_refused(signed_in):
    consultation = ConsultationFactory(online_comments=False)
    assert signed_in.get(create_url(consultation)).status_code == 409


def test_only_organisations_refuses_a_private_person_with_403(signed_in):
    consultation = ConsultationFactory(
        participation=Consultation.Participation.ORGANISATIONS
    )
    response = signed_in.get(create_url(consultation, "par-1"))
    assert response.status_code == 403
    assert response.context["reason"]
    signed_in.post(create_url(consultation, "par-1"), data())
    assert not Comment.objects.exists()


def test_only_organisations_a_member_must_choose_the_organisation(client):
    consultation = ConsultationFactory(
        participation=Consultation.Participation.ORGANISATIONS
    )
    membership = MembershipFactory()
    login(client, membership.user)
    page = client.get(create_url(consultation, "par-1"))
    assert page.status_code == 200
    assert page.context["form"].fields["organisation"].required
    response = client.post(create_url(consultation, "par-1"), data())
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors
    assert not Comment.objects.exists()
    response = client.post(
        create_url(consultation, "par-1"),
        data(organisation=membership.organisation.pk),
    )
    assert response.status_code == 302
    made = Comment.objects.get()
    assert made.organisation == membership.organisation
    assert made.public_author == membership.organisation.name


def test_on_behalf_of_an_organisation_one_is_not_a_member_of_writes_nothing(client):
    consultation = ConsultationFactory()
    mine = MembershipFactory()
    theirs = OrganisationFactory()
    pending = MembershipFactory(user=mine.user, status="pending").organisation
    login(client, mine.user)
    for organisation in (theirs, pending):
        response = client.post(
            create_url(consultation, "par-1"), data(organisation=organisation.pk)
        )
        assert response.status_code == 400
        assert "organisation" in response.context["form"].errors
    response = client.post(create_url(consultation, "par-1"), data(organisation="x"))
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_private_person_sees_no_organisation_choice(signed_in, consultation):
    html = signed_in.get(create_url(consultation, "par-1")).content.decode()
    assert 'name="organisation"' not in html


def test_invited_only_admits_invited_people_and_members_of_invited_bodies(client):
    consultation = ConsultationFactory(participation=Consultation.Participation.INVITED)
    invited_person = UserFactory()
    consultation.invited_people.add(invited_person)
    member = MembershipFactory()
    consultation.invited_organisations.add(member.organisation)
    outsider_member = MembershipFactory().user
    for person, expected in (
        (invited_person, 200),
        (member.user, 200),
        (UserFactory(), 403),
        (outsider_member, 403),
        (StaffFactory().user, 403),
    ):
        login(client, person)
        assert client.get(create_url(consultation)).status_code == expected


def test_the_name_is_published_only_with_consent(client, consultation):
    person = UserFactory(full_name="Jan Nowak")
    login(client, person)
    client.post(create_url(consultation, "par-1"), data())
    client.post(create_url(consultation, "par-2"), data(publish_name="on"))
    anonymous, named = Comment.objects.order_by("number")
    assert not anonymous.publish_name
    assert anonymous.public_author != "Jan Nowak"
    assert named.publish_name
    assert named.public_author == "Jan Nowak"


def test_attachments_are_stored_with_the_comment(signed_in, consultation):
    response = signed_in.post(
        create_url(consultation, "par-1"),
        data(attachments=[pdf("stanowisko.pdf"), odt()]),
    )
    assert response.status_code == 302
    made = Comment.objects.get()
    assert sorted(a.title for a in made.attachments.all()) == [
        "opinia.odt",
        "stanowisko.pdf",
    ]


@pytest.mark.parametrize(
    "files",
    [
        [not_a_document()],
        [pdf(), not_a_document("lista.xlsx")],
        [pdf("1.pdf"), pdf("2.pdf"), pdf("3.pdf"), pdf("4.pdf")],
    ],
    ids=["wrong type", "one of two wrong", "four files"],
)
def test_bad_attachments_are_refused_and_no_comment_is_written(
    signed_in, consultation, files
):
    response = signed_in.post(
        create_url(consultation, "par-1"), data(attachments=files)
    )
    assert response.status_code == 400
    assert "attachments" in response.context["form"].errors
    assert 'id="id_attachments_error"' in response.content.decode()
    assert not Comment.objects.exists()
    assert not CommentAttachment.objects.exists()


def test_a_too_big_attachment_is_refused_and_no_comment_is_written(
    signed_in, consultation, settings
):
    settings.RAZEM_MAX_DOCUMENT_BYTES = 1024
    response = signed_in.post(
        create_url(consultation, "par-1"), data(attachments=[pdf(size=2048)])
    )
    assert response.status_code == 400
    assert "attachments" in response.context["form"].errors
    assert not Comment.objects.exists()


def test_a_refused_attachment_after_the_comment_rolls_the_comment_back(
    signed_in, consultation, monkeypatch, settings
):
    """Should a file pass the form but fail in the service, the transaction around
    both leaves no comment and no stored file."""
    from razem.consultations.forms import comments as forms_module

    monkeypatch.setattr(forms_module, "validate_document", lambda file: None)
    response = signed_in.post(
        create_url(consultation, "par-1"),
        data(attachments=[pdf("dobry.pdf"), not_a_document()]),
    )
    assert response.status_code == 400
    assert "attachments" in response.context["form"].errors
    assert not Comment.objects.exists()
    assert not CommentAttachment.objects.exists()
    stored = list((settings.MEDIA_ROOT).rglob("*.pdf"))
    assert stored == []


# --- changing a comment --------------------------------------------------------------


@pytest.fixture
def mine(consultation, user):
    return comment(consultation, author=user, justification="Pierwotne")


def test_the_author_changes_the_comment_while_open(signed_in, mine):
    page = signed_in.get(url("comment_edit", pk=mine.pk))
    assert page.status_code == 200
    assert page.context["form"]["justification"].value() == "Pierwotne"
    response = signed_in.post(
        url("comment_edit", pk=mine.pk),
        {
            "justification": "Poprawione",
            "proposed_wording": "Nowe",
            "current_wording": "",
        },
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.justification, mine.proposed_wording) == ("Poprawione", "Nowe")
    assert AuditEntry.objects.filter(action="consultations.comment.updated").exists()


def test_an_empty_justification_is_refused_when_editing(signed_in, mine):
    response = signed_in.post(url("comment_edit", pk=mine.pk), {"justification": ""})
    assert response.status_code == 400
    mine.refresh_from_db()
    assert mine.justification == "Pierwotne"


def test_others_cannot_edit_a_comment(client, mine, consultation, other_staff):
    for person, expected in (
        (UserFactory(), 404),
        (MembershipFactory().user, 404),
        (other_staff, 404),
        (StaffFactory(institution=consultation.institution).user, 403),
        (UserFactory(is_superuser=True, is_staff=True), 403),
    ):
        login(client, person)
        assert client.get(url("comment_edit", pk=mine.pk)).status_code == expected
        response = client.post(
            url("comment_edit", pk=mine.pk), {"justification": "Cudze"}
        )
        assert response.status_code == expected
    mine.refresh_from_db()
    assert mine.justification == "Pierwotne"


def test_after_closing_the_author_gets_a_409_page(signed_in, mine, consultation):
    close(consultation)
    assert signed_in.get(url("comment_edit", pk=mine.pk)).status_code == 409
    response = signed_in.post(
        url("comment_edit", pk=mine.pk), {"justification": "Za późno"}
    )
    assert response.status_code == 409
    mine.refresh_from_db()
    assert mine.justification == "Pierwotne"


def test_a_missing_comment_is_not_found(signed_in):
    assert signed_in.get(url("comment_edit", pk=999_999)).status_code == 404


def test_the_author_adds_and_removes_attachments_up_to_three(signed_in, mine):
    edit = url("comment_edit", pk=mine.pk)
    response = signed_in.post(
        edit,
        {
            "justification": "Z załącznikami",
            "attachments": [pdf("a.pdf"), pdf("b.pdf")],
        },
    )
    assert response.status_code == 302
    assert mine.attachments.count() == 2
    response = signed_in.post(
        edit, {"justification": "X", "attachments": [pdf("c.pdf"), pdf("d.pdf")]}
    )
    assert response.status_code == 400
    assert mine.attachments.count() == 2
    signed_in.post(edit, {"justification": "X", "attachments": [pdf("c.pdf")]})
    assert mine.attachments.count() == 3
    page = signed_in.get(edit)
    assert "attachments" not in page.context["form"].fields
    first = mine.attachments.first()
    response = signed_in.post(edit, {"delete_attachment": first.pk})
    assert response.status_code == 302
    assert mine.attachments.count() == 2
    assert AuditEntry.objects.filter(
        action="consultations.comment.attachment_deleted"
    ).exists()


def test_a_bad_attachment_when_editing_changes_nothing(signed_in, mine):
    response = signed_in.post(
        url("comment_edit", pk=mine.pk),
        {"justification": "Zmienione", "attachments": [not_a_document()]},
    )
    assert response.status_code == 400
    mine.refresh_from_db()
    assert mine.justification == "Pierwotne"
    assert not mine.attachments.exists()


def test_attachments_of_another_comment_cannot_be_removed(
    signed_in, mine, consultation
):
    theirs = comment(consultation, author=UserFactory())
    attachment = CommentAttachment.objects.create(
        comment=theirs, title="cudzy", file=pdf()
    )
    response = signed_in.post(
        url("comment_edit", pk=mine.pk), {"delete_attachment": attachment.pk}
    )
    assert response.status_code == 404
    assert CommentAttachment.objects.filter(pk=attachment.pk).exists()


def test_staff_edit_an_entered_opinion_while_open(
    client, consultation, institution_staff
):
    opinion = comment(consultation, channel=Comment.Channel.POST, author=None)
    login(client, institution_staff)
    response = client.post(
        url("comment_edit", pk=opinion.pk), {"justification": "Poprawka literówki"}
    )
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert opinion.justification == "Poprawka literówki"


# --- reporting abuse -----------------------------------------------------------------


def test_a_signed_in_person_reports_abuse_and_twice_is_harmless(
    signed_in, consultation, user
):
    theirs = comment(consultation, author=UserFactory())
    report = url("comment_report", pk=theirs.pk)
    assert signed_in.get(report).status_code == 200
    response = signed_in.post(report, {"reason": "Obraźliwy język"})
    assert response.status_code == 302
    assert response["Location"] == section_url(consultation, "par-1") + "#uwaga-1"
    response = signed_in.post(report, {"reason": "Jeszcze raz"})
    assert response.status_code == 302
    saved = AbuseReport.objects.get()
    assert (saved.reporter, saved.reason) == (user, "Obraźliwy język")
    assert signed_in.get(report).context["already"]


def test_a_report_needs_a_reason(signed_in, consultation):
    theirs = comment(consultation)
    for reason in ("", "x" * 2001):
        response = signed_in.post(
            url("comment_report", pk=theirs.pk), {"reason": reason}
        )
        assert response.status_code == 400
        assert "reason" in response.context["form"].errors
    assert not AbuseReport.objects.exists()


def test_only_public_comments_of_visible_consultations_can_be_reported(signed_in):
    consultation = ConsultationFactory()
    draft = ConsultationFactory(status=Consultation.Status.DRAFT)
    for target in (
        comment(consultation, visibility=V.PENDING),
        comment(consultation, visibility=V.HIDDEN, hidden_reason="spam"),
        comment(draft),
    ):
        response = signed_in.post(
            url("comment_report", pk=target.pk), {"reason": "Zły"}
        )
        assert response.status_code == 404
    assert not AbuseReport.objects.exists()


# --- my comments ---------------------------------------------------------------------


def test_my_comments_lists_only_mine_with_edit_links_while_open(
    signed_in, user, consultation
):
    mine = comment(consultation, author=user)
    hidden = comment(
        consultation, author=user, visibility=V.HIDDEN, hidden_reason="Dane osobowe"
    )
    closed = ConsultationFactory(starts_at=timezone.now() - timedelta(days=30))
    old = comment(closed, author=user)
    theirs = comment(consultation, author=UserFactory())
    response = signed_in.get(url("my_comments"))
    assert response.status_code == 200
    listed = list(response.context["page_obj"])
    assert set(listed) == {mine, hidden, old}
    assert theirs not in listed
    html = response.content.decode()
    assert mine.reference in html and old.reference in html
    assert url("comment_edit", pk=mine.pk) in html
    assert url("comment_edit", pk=old.pk) not in html
    assert "Dane osobowe" in html
    assert response["Cache-Control"] == "private, no-store"


def test_my_comments_show_the_position_only_once_the_report_is_published(
    signed_in, user
):
    consultation = ConsultationFactory(
        starts_at=timezone.now() - timedelta(days=30),
        status=Consultation.Status.RESPONDING,
    )
    response_ = Response.objects.create(
        consultation=consultation,
        position=Response.Position.REJECTED,
        justification="Niezgodne z ustawą",
    )
    mine = comment(consultation, author=user, response=response_)
    before = signed_in.get(url("my_comments"))
    assert not before.context["page_obj"][0].shows_position
    Consultation.objects.filter(pk=consultation.pk).update(
        status=Consultation.Status.REPORTED
    )
    after = signed_in.get(url("my_comments"))
    row = after.context["page_obj"][0]
    assert row == mine and row.shows_position
    with translation.override("pl"):
        label = str(Response.Position.REJECTED.label)
    assert label[0].upper() + label[1:] in after.content.decode()


def test_my_comments_take_the_same_number_of_queries_for_many_comments(
    client, django_assert_max_num_queries
):
    membership = MembershipFactory()
    person = membership.user
    login(client, person)
    for _ in range(3):
        consultation = ConsultationFactory()
        for _ in range(4):
            comment(consultation, author=person, organisation=membership.organisation)
    with django_assert_max_num_queries(8):
        response = client.get(url("my_comments"))
    assert len(response.context["page_obj"]) == 12


# --- written opinions ----------------------------------------------------------------


def opinion_data(**overrides):
    values = {
        "author_name": "Maria Wiśniewska",
        "organisation": "",
        "organisation_name": "Rada Osiedla Centrum",
        "channel": "post",
        "received_at": timezone.localdate().isoformat(),
        "section": "par-2",
        "current_wording": "",
        "proposed_wording": "Inne brzmienie",
        "justification": "Pismo z dnia dzisiejszego.",
    }
    values.update(overrides)
    return values


def test_who_may_enter_written_opinions(client, consultation, other_staff):
    address = url("opinion_enter", slug=consultation.slug)
    for person, expected in (
        (UserFactory(), 403),
        (MembershipFactory().user, 403),
        (other_staff, 403),
        (StaffFactory(institution=consultation.institution).user, 200),
        (UserFactory(is_superuser=True, is_staff=True), 200),
    ):
        login(client, person)
        assert client.get(address).status_code == expected
        if expected == 403:
            assert client.post(address, opinion_data()).status_code == 403
    assert not Comment.objects.exists()


def test_staff_enter_a_letter_with_its_scan(client, consultation, institution_staff):
    login(client, institution_staff)
    response = client.post(
        url("opinion_enter", slug=consultation.slug),
        opinion_data(attachments=[pdf("skan-pisma.pdf")]),
    )
    assert response.status_code == 302
    opinion = Comment.objects.get()
    assert opinion.channel == Comment.Channel.POST
    assert opinion.author is None
    assert opinion.entered_by == institution_staff
    assert opinion.section.key == "par-2"
    assert opinion.current_wording == "Treść paragrafu 2."
    assert opinion.public_author == "Rada Osiedla Centrum"
    assert opinion.attachments.get().title == "skan-pisma.pdf"
    followed = client.get(response["Location"])
    assert any(opinion.reference in m for m in messages_of(followed))


def test_a_registered_organisation_is_named_by_its_slug(
    client, consultation, institution_staff
):
    organisation = OrganisationFactory()
    login(client, institution_staff)
    response = client.post(
        url("opinion_enter", slug=consultation.slug),
        opinion_data(
            organisation=organisation.slug, organisation_name="", section="calosc"
        ),
    )
    assert response.status_code == 302
    opinion = Comment.objects.get()
    assert opinion.organisation == organisation
    assert opinion.section is None


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"organisation": "nie-ma-takiej"}, "organisation"),
        ({"author_name": ""}, "author_name"),
        ({"channel": "online"}, "channel"),
        ({"received_at": "jutro"}, "received_at"),
        ({"section": "art-99"}, "section"),
        ({"justification": ""}, "justification"),
        ({"justification": "x" * 10_001}, "justification"),
    ],
)
def test_bad_opinion_input_is_refused_by_the_field(
    client, consultation, institution_staff, changes, field
):
    login(client, institution_staff)
    response = client.post(
        url("opinion_enter", slug=consultation.slug), opinion_data(**changes)
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Comment.objects.exists()


def test_an_opinion_received_after_the_end_or_in_the_future_is_refused(
    client, institution_staff, consultation
):
    login(client, institution_staff)
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        url("opinion_enter", slug=consultation.slug),
        opinion_data(received_at=future),
    )
    assert response.status_code == 400
    assert "received_at" in response.context["form"].errors
    closed = ConsultationFactory(
        institution=consultation.institution,
        starts_at=timezone.now() - timedelta(days=30),
    )
    late = (timezone.localdate(closed.ends_at) + timedelta(days=1)).isoformat()
    response = client.post(
        url("opinion_enter", slug=closed.slug), opinion_data(received_at=late)
    )
    assert response.status_code == 400
    assert "received_at" in response.context["form"].errors
    assert not Comment.objects.exists()


def test_opinions_are_entered_after_closing_but_not_once_responses_start(
    client, institution_staff, consultation
):
    login(client, institution_staff)
    close(consultation)
    response = client.post(
        url("opinion_enter", slug=consultation.slug),
        opinion_data(received_at=timezone.localdate(consultation.ends_at).isoformat()),
    )
    assert response.status_code == 302
    Consultation.objects.filter(pk=consultation.pk).update(
        status=Consultation.Status.RESPONDING
    )
    assert client.get(url("opinion_enter", slug=consultation.slug)).status_code == 409
    response = client.post(url("opinion_enter", slug=consultation.slug), opinion_data())
    assert response.status_code == 409
    assert Comment.objects.count() == 1


def test_a_bad_scan_writes_no_opinion(client, consultation, institution_staff):
    login(client, institution_staff)
    response = client.post(
        url("opinion_enter", slug=consultation.slug),
        opinion_data(attachments=[not_a_document("skan.pdf")]),
    )
    assert response.status_code == 400
    assert "attachments" in response.context["form"].errors
    assert not Comment.objects.exists()


# --- moderation ----------------------------------------------------------------------


def moderate(client, consultation, target, action, reason=""):
    return client.post(
        url("moderation", slug=consultation.slug),
        {"comment": target.pk, "action": action, "hidden_reason": reason},
    )


def test_who_may_moderate(client, consultation, other_staff):
    target = comment(consultation, visibility=V.PENDING)
    address = url("moderation", slug=consultation.slug)
    for person, expected in (
        (UserFactory(), 403),
        (MembershipFactory().user, 403),
        (other_staff, 403),
        (StaffFactory(institution=consultation.institution).user, 200),
        (UserFactory(is_superuser=True, is_staff=True), 200),
    ):
        login(client, person)
        assert client.get(address).status_code == expected
        if expected == 403:
            assert moderate(client, consultation, target, "approve").status_code == 403
    target.refresh_from_db()
    assert target.visibility == V.PENDING


def test_the_moderation_page_lists_pending_reported_and_hidden(
    client, consultation, institution_staff
):
    pending = comment(consultation, visibility=V.PENDING, justification=SCRIPT)
    reported = comment(consultation)
    AbuseReport.objects.create(
        comment=reported, reporter=UserFactory(), reason="Wulgaryzmy"
    )
    resolved = comment(consultation)
    AbuseReport.objects.create(
        comment=resolved,
        reporter=UserFactory(),
        reason="Stare",
        resolved_at=timezone.now(),
    )
    hidden = comment(consultation, visibility=V.HIDDEN, hidden_reason="Reklama")
    public = comment(consultation)
    login(client, institution_staff)
    response = client.get(url("moderation", slug=consultation.slug))
    assert response.context["pending"] == [pending]
    assert response.context["reported"] == [reported]
    assert response.context["hidden"] == [hidden]
    html = response.content.decode()
    assert "Wulgaryzmy" in html and "Reklama" in html
    assert "<script>alert" not in html
    assert public.reference not in html


def test_a_moderator_publishes_a_waiting_comment(
    client, consultation, institution_staff
):
    target = comment(consultation, visibility=V.PENDING)
    login(client, institution_staff)
    response = moderate(client, consultation, target, "approve")
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.visibility == V.PUBLIC
    assert AuditEntry.objects.filter(action="consultations.comment.published").exists()


def test_hiding_needs_a_reason_and_records_it(client, consultation, institution_staff):
    target = comment(consultation)
    login(client, institution_staff)
    response = moderate(client, consultation, target, "hide", reason="")
    assert response.status_code == 400
    assert f'id="moderation-error-{target.pk}"' in response.content.decode()
    target.refresh_from_db()
    assert target.visibility == V.PUBLIC
    AbuseReport.objects.create(comment=target, reporter=UserFactory(), reason="Zły")
    response = moderate(client, consultation, target, "hide", reason="Dane osobowe")
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.visibility, target.hidden_reason) == (V.HIDDEN, "Dane osobowe")


def test_keeping_a_reported_comment_visible_closes_its_reports(
    client, consultation, institution_staff
):
    target = comment(consultation)
    AbuseReport.objects.create(comment=target, reporter=UserFactory(), reason="Zły")
    login(client, institution_staff)
    assert moderate(client, consultation, target, "keep").status_code == 302
    report = AbuseReport.objects.get()
    assert report.resolved_at is not None
    assert report.resolved_by == institution_staff
    target.refresh_from_db()
    assert target.visibility == V.PUBLIC
    page = client.get(url("moderation", slug=consultation.slug))
    assert page.context["reported"] == []


def test_moderation_refuses_comments_of_another_consultation_and_junk(
    client, consultation, institution_staff
):
    elsewhere = comment(ConsultationFactory(institution=consultation.institution))
    login(client, institution_staff)
    assert moderate(client, consultation, elsewhere, "hide", "x").status_code == 404
    for junk in ("", "abc"):
        response = client.post(
            url("moderation", slug=consultation.slug),
            {"comment": junk, "action": "approve"},
        )
        assert response.status_code == 404
    target = comment(consultation)
    response = moderate(client, consultation, target, "delete")
    assert response.status_code == 400
    elsewhere.refresh_from_db()
    assert elsewhere.visibility == V.PUBLIC


def test_moderation_actions_need_the_csrf_token(consultation, institution_staff):
    target = comment(consultation, visibility=V.PENDING)
    client = Client(enforce_csrf_checks=True)
    client.force_login(institution_staff)
    assert moderate(client, consultation, target, "approve").status_code == 403
    target.refresh_from_db()
    assert target.visibility == V.PENDING
    page = client.get(url("moderation", slug=consultation.slug))
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()


def test_any_comment_can_be_found_by_its_number_to_hide_it(
    client, consultation, institution_staff
):
    comment(consultation)
    second = comment(consultation, justification="Szukany")
    login(client, institution_staff)
    address = url("moderation", slug=consultation.slug)
    response = client.get(address, {"numer": "2"})
    assert response.context["selected"] == second
    assert f'id="hide-reason-{second.pk}"' in response.content.decode()
    for junk in ("99", "abc", "-1"):
        assert client.get(address, {"numer": junk}).context["selected"] is None


def test_the_moderation_page_takes_the_same_number_of_queries_for_many_comments(
    client, consultation, institution_staff, django_assert_max_num_queries
):
    organisation = OrganisationFactory()
    for n in range(5):
        comment(consultation, visibility=V.PENDING, organisation=organisation)
        reported = comment(consultation)
        AbuseReport.objects.create(comment=reported, reporter=UserFactory(), reason=n)
        comment(consultation, visibility=V.HIDDEN, hidden_reason=f"Powód {n}")
    login(client, institution_staff)
    with django_assert_max_num_queries(16):
        response = client.get(url("moderation", slug=consultation.slug))
    assert len(response.context["pending"]) == 5
    assert len(response.context["reported"]) == 5
    assert len(response.context["hidden"]) == 5
