"""The public consultation pages: the list and its filters, a consultation with its
sectioned draft, and a section's comments — who sees what, escaping, private names,
positions before and after the report, and bounded query counts."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from razem.areas.models import PublicBenefitArea
from razem.consultations.models import (
    Attachment,
    Comment,
    Consultation,
    Response,
    Section,
)
from razem.territories.models import Territory
from tests.consultations.factories import ConsultationFactory, comment
from tests.factories import (
    EventFactory,
    InstitutionFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("consultations:list")


def _section_url(consultation, key="par-1"):
    return reverse(
        "consultations:section", kwargs={"slug": consultation.slug, "key": key}
    )


def _closed(**kwargs):
    return ConsultationFactory(starts_at=timezone.now() - timedelta(days=30), **kwargs)


@pytest.fixture
def consultation(institution):
    return ConsultationFactory(institution=institution, title="Program współpracy")


@pytest.fixture
def draft(institution):
    return ConsultationFactory(
        institution=institution, title="Tajny projekt", status="draft"
    )


def _viewers(institution, user, admin_user):
    return {
        "anonymous": None,
        "resident": user,
        "other staff": StaffFactory(institution=InstitutionFactory()).user,
        "staff": StaffFactory(institution=institution).user,
        "admin": admin_user,
    }


# The list


def test_list_shows_published_consultations_with_reference_phase_and_counts(
    client, consultation
):
    comment(consultation)
    comment(consultation)
    comment(consultation, visibility=Comment.Visibility.PENDING)
    comment(consultation, visibility=Comment.Visibility.HIDDEN)
    response = client.get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert consultation.title in page
    assert consultation.reference in page
    assert consultation.institution.name in page
    assert 'class="badge phase phase-open"' in page
    item = response.context["page_obj"].object_list[0]
    assert item.public_comments == 2


def test_drafts_are_never_listed_not_even_to_their_staff(
    client, consultation, draft, staff, admin_user
):
    for viewer in (None, staff, admin_user):
        client.logout()
        if viewer:
            client.force_login(viewer)
        page = client.get(LIST).content.decode()
        assert consultation.title in page
        assert draft.title not in page


def test_list_queries_do_not_grow_with_consultations_or_comments(
    client, django_assert_max_num_queries
):
    def add(n):
        for _ in range(n):
            consultation = ConsultationFactory()
            comment(consultation)
            comment(consultation)

    add(3)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    add(12)
    with django_assert_max_num_queries(len(few)):
        response = client.get(LIST)
    assert len(response.context["page_obj"].object_list) == 15


def test_list_is_paginated(client):
    for _ in range(23):
        ConsultationFactory()
    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})
    assert len(first.context["page_obj"].object_list) == 20
    assert len(second.context["page_obj"].object_list) == 3
    assert 'rel="next"' in first.content.decode()


def _listed(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    return {c.title for c in response.context["page_obj"].object_list}


def test_filter_by_phase(client):
    now = timezone.now()
    open_now = ConsultationFactory(title="Otwarta")
    upcoming = ConsultationFactory(title="Przyszła", starts_at=now + timedelta(days=2))
    closed = _closed(title="Zamknięta")
    responding = _closed(title="Odpowiedzi", status="responding")
    reported = _closed(title="Raport", status="reported")
    assert _listed(client, phase="open") == {open_now.title}
    assert _listed(client, phase="upcoming") == {upcoming.title}
    assert _listed(client, phase="closed") == {closed.title, responding.title}
    assert _listed(client, phase="reported") == {reported.title}
    assert len(_listed(client)) == 5


def test_filter_by_kind_institution_and_text(client):
    act = ConsultationFactory(title="Uchwała o budżecie", kind="normative_act")
    programme = ConsultationFactory(
        title="Program zdrowotny", kind="programme", subject="Profilaktyka raka"
    )
    assert _listed(client, kind="normative_act") == {act.title}
    assert _listed(client, institution=programme.institution.slug) == {programme.title}
    assert _listed(client, q="profilaktyka") == {programme.title}
    assert _listed(client, q="budżecie") == {act.title}
    assert _listed(client, q=act.reference) == {act.title}
    # A slug of an institution without consultations is valid and finds nothing.
    assert _listed(client, institution=InstitutionFactory().slug) == set()


def test_filter_by_area_and_territory_at_any_level(client, teryt, areas):
    gostyn = Territory.objects.get(code="3004023")
    opole = Territory.objects.get(code="1661011")
    area = PublicBenefitArea.objects.order_by("position").first()
    here = ConsultationFactory(title="W Gostyniu", territory=gostyn)
    here.areas.set([area])
    there = ConsultationFactory(title="W Opolu", territory=opole)
    # Without a territory of its own, the institution's counts.
    of_institution = ConsultationFactory(
        title="Urzędu w Gostyniu", institution=InstitutionFactory(territory=gostyn)
    )
    assert _listed(client, area=area.code) == {here.title}
    for code in ("30", "3004", "3004023"):
        assert _listed(client, territory=code) == {here.title, of_institution.title}
    assert _listed(client, territory="16") == {there.title}


@pytest.mark.parametrize(
    "params",
    [
        {"phase": "sometime"},
        {"kind": "poem"},
        {"institution": "no-such-institution"},
        {"area": "no-such-area"},
        {"territory": "99"},
        {"territory": "<script>"},
        {"q": "x" * 201},
    ],
)
def test_bad_filter_values_show_a_form_error_and_filter_nothing(client, params):
    ConsultationFactory()
    response = client.get(LIST, params)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == set(params)
    assert len(response.context["page_obj"].object_list) == 1
    assert 'class="error"' in response.content.decode()


def test_main_navigation_links_to_consultations(client):
    assert f'href="{LIST}"' in client.get(reverse("core:home")).content.decode()


# One consultation


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("anonymous", 404),
        ("resident", 404),
        ("other staff", 404),
        ("staff", 200),
        ("admin", 200),
    ],
)
def test_a_draft_is_shown_only_to_its_institution_and_admins(
    client, draft, institution, user, admin_user, viewer, status
):
    person = _viewers(institution, user, admin_user)[viewer]
    if person:
        client.force_login(person)
    assert client.get(draft.get_absolute_url()).status_code == status
    assert client.get(_section_url(draft)).status_code == status


@pytest.mark.parametrize("viewer", ["anonymous", "resident", "other staff", "staff"])
def test_a_published_consultation_is_public(
    client, consultation, institution, user, admin_user, viewer
):
    person = _viewers(institution, user, admin_user)[viewer]
    if person:
        client.force_login(person)
    assert client.get(consultation.get_absolute_url()).status_code == 200
    assert client.get(_section_url(consultation)).status_code == 200


def test_unknown_consultation_is_404(client):
    url = reverse("consultations:detail", kwargs={"slug": "nie-ma"})
    assert client.get(url).status_code == 404


def test_page_shows_the_header_forms_and_attachments(client, institution):
    meeting = EventFactory(institution=institution, title="Spotkanie konsultacyjne")
    consultation = ConsultationFactory(
        institution=institution,
        unit=UnitFactory(institution=institution, name="Wydział Spraw Społecznych"),
        legal_basis="Art. 5 ust. 2 ustawy o działalności pożytku publicznego",
        contact_name="Anna Nowak",
        contact_email="anna.nowak@example.gov.pl",
        written_opinions_address="ul. Rynek 1, 63-800 Gostyń",
        meeting=meeting,
        questionnaire_url="https://ankiety.example.org/k14",
        participation="organisations",
    )
    Attachment.objects.create(
        consultation=consultation,
        title="Uzasadnienie projektu",
        kind="justification",
        file=SimpleUploadedFile("uzasadnienie.pdf", b"%PDF-1.4 x"),
        size=2048,
        content_type="application/pdf",
    )
    page = client.get(consultation.get_absolute_url()).content.decode()
    for text in (
        consultation.reference,
        institution.name,
        "Wydział Spraw Społecznych",
        "Art. 5 ust. 2",
        "Anna Nowak",
        "mailto:anna.nowak@example.gov.pl",
        "ul. Rynek 1, 63-800 Gostyń",
        reverse("events:detail", kwargs={"slug": meeting.slug}),
        "https://ankiety.example.org/k14",
        "Uzasadnienie projektu",
        "2,0\xa0KB",
        "PDF",
        reverse("consultations:versions", kwargs={"slug": consultation.slug}),
    ):
        assert text in page, text


def test_a_shortened_period_shows_a_notice_with_its_justification(client):
    start = timezone.now() - timedelta(days=1)
    consultation = ConsultationFactory(
        starts_at=start,
        ends_at=start + timedelta(days=7),
        min_days=14,
        shortened_justification="Termin wynika z ustawy budżetowej.",
    )
    normal = ConsultationFactory()
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "Termin wynika z ustawy budżetowej." in page
    assert 'role="note"' in page
    assert 'role="note"' not in client.get(normal.get_absolute_url()).content.decode()


def test_draft_text_has_contents_anchors_headings_by_depth_and_counts(
    client, consultation
):
    version = consultation.current_version
    Section.objects.filter(version=version, key="par-2").update(
        depth=1, heading="Cele programu"
    )
    comment(consultation)
    comment(consultation)
    comment(consultation, section=None)
    comment(consultation, visibility=Comment.Visibility.PENDING)
    page = client.get(consultation.get_absolute_url()).content.decode()
    for section in version.sections.all():
        assert f'href="#{section.anchor}"' in page
        assert f'id="{section.anchor}"' in page
        assert _section_url(consultation, section.key) in page
    assert '<h3 id="s-par-1-h">§ 1</h3>' in page
    assert '<h4 id="s-par-2-h">§ 2 Cele programu</h4>' in page
    sections = {s.key: s for s in page_context(client, consultation)["sections"]}
    assert sections["par-1"].public_comments == 2
    assert sections["par-2"].public_comments == 0
    assert page_context(client, consultation)["general_comments"] == 1
    assert _section_url(consultation, "calosc") in page


def page_context(client, consultation):
    return client.get(consultation.get_absolute_url()).context


def test_section_text_and_headings_are_escaped(client, consultation):
    Section.objects.filter(version=consultation.current_version, key="par-1").update(
        heading="<b>Pogrubiony</b>", text="<script>alert('x')</script>\n\nDalej"
    )
    for url in (consultation.get_absolute_url(), _section_url(consultation)):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
        assert "&lt;b&gt;Pogrubiony&lt;/b&gt;" in page


def test_comment_links_appear_only_for_people_who_may_comment(
    client, consultation, user
):
    create = reverse("consultations:comment_create", kwargs={"slug": consultation.slug})
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert create not in page
    client.force_login(user)
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert f'{create}?sekcja=par-1"' in page
    assert f'href="{create}"' in page


def test_organisations_only_consultation_offers_no_comment_link_to_a_resident(
    client, user
):
    consultation = ConsultationFactory(participation="organisations")
    create = reverse("consultations:comment_create", kwargs={"slug": consultation.slug})
    client.force_login(user)
    assert create not in client.get(consultation.get_absolute_url()).content.decode()
    MembershipFactory(user=user)
    assert create in client.get(consultation.get_absolute_url()).content.decode()


def test_closed_consultation_offers_no_comment_link(client, user):
    consultation = _closed()
    client.force_login(user)
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert (
        reverse("consultations:comment_create", kwargs={"slug": consultation.slug})
        not in page
    )


def test_staff_see_their_toolbar_others_do_not(
    client, consultation, institution, user, admin_user
):
    edit = reverse("consultations:edit", kwargs={"slug": consultation.slug})
    moderation = reverse("consultations:moderation", kwargs={"slug": consultation.slug})
    viewers = _viewers(institution, user, admin_user)
    for name in ("anonymous", "resident", "other staff"):
        client.logout()
        if viewers[name]:
            client.force_login(viewers[name])
        page = client.get(consultation.get_absolute_url()).content.decode()
        assert edit not in page and moderation not in page, name
    for name in ("staff", "admin"):
        client.force_login(viewers[name])
        page = client.get(consultation.get_absolute_url()).content.decode()
        assert edit in page and moderation in page, name
        assert (
            reverse("consultations:opinion_enter", kwargs={"slug": consultation.slug})
            in page
        )


def test_staff_of_a_draft_get_the_publish_link(client, draft, staff):
    client.force_login(staff)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert reverse("consultations:publish", kwargs={"slug": draft.slug}) in page


def test_report_link_appears_once_the_report_is_published(client):
    consultation = _closed()
    report = reverse("consultations:report", kwargs={"slug": consultation.slug})
    assert report not in client.get(consultation.get_absolute_url()).content.decode()
    Consultation.objects.filter(pk=consultation.pk).update(
        status="reported",
        report_published_at=timezone.now(),
        report_summary="Wpłynęło 12 uwag.",
    )
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert report in page
    assert "Wpłynęło 12 uwag." in page


def test_consultation_page_queries_do_not_grow_with_sections_or_comments(client):
    consultation = ConsultationFactory(sections=5)
    for _ in range(3):
        comment(consultation)
    client.get(consultation.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(consultation.get_absolute_url())
    version = consultation.current_version
    for i in range(5, 60):
        Section.objects.create(version=version, key=f"par-{i + 1}", position=i)
    for section in version.sections.all():
        comment(consultation, section=section)
        comment(consultation, section=section)
    with CaptureQueriesContext(connection) as many:
        response = client.get(consultation.get_absolute_url())
    assert len(response.context["sections"]) == 60
    assert len(many) == len(few)


# One section and its comments


def test_section_page_shows_text_and_paginates_comments_by_25(client, consultation):
    for _ in range(30):
        comment(consultation)
    comment(consultation, section=consultation.current_version.sections.last())
    first = client.get(_section_url(consultation))
    second = client.get(_section_url(consultation), {"page": 2})
    assert "Treść paragrafu 1." in first.content.decode()
    assert len(first.context["page_obj"].object_list) == 25
    assert len(second.context["page_obj"].object_list) == 5
    assert f"{consultation.reference}/1" in first.content.decode()


def test_section_page_queries_do_not_grow_with_comments(client, consultation):
    org = OrganisationFactory()
    for _ in range(3):
        comment(consultation, organisation=org)
    client.get(_section_url(consultation))
    with CaptureQueriesContext(connection) as few:
        client.get(_section_url(consultation))
    response = Response.objects.create(
        consultation=consultation, position="accepted", justification="Tak"
    )
    for _ in range(40):
        comment(consultation, organisation=OrganisationFactory(), response=response)
    with CaptureQueriesContext(connection) as many:
        client.get(_section_url(consultation))
    assert len(many) <= len(few) + 1  # + the response, now there is one
    assert len(many) <= 12


def test_comments_are_shown_escaped(client, consultation):
    comment(
        consultation,
        justification="<script>alert(1)</script>",
        proposed_wording="<img src=x onerror=alert(2)>",
        author_name="<i>Jan</i>",
        publish_name=True,
    )
    page = client.get(_section_url(consultation)).content.decode()
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "<i>Jan</i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page


def test_private_names_are_shown_only_with_consent(client, consultation):
    comment(consultation, author_name="Zofia Anonimowa", publish_name=False)
    comment(consultation, author_name="Piotr Jawny", publish_name=True)
    org = OrganisationFactory(name="Fundacja Otwarta")
    comment(consultation, author_name="Ewa Członkini", organisation=org)
    page = client.get(_section_url(consultation)).content.decode()
    assert "Zofia Anonimowa" not in page
    assert "Piotr Jawny" in page
    assert "Fundacja Otwarta" in page
    assert "Ewa Członkini" not in page


def test_written_opinions_show_their_channel(client, consultation):
    comment(consultation, channel="post", organisation_name="Rada Seniorów")
    page = client.get(_section_url(consultation)).content.decode()
    assert "Rada Seniorów" in page
    with translation.override("pl"):
        assert str(Comment.Channel.POST.label) in page


def test_positions_are_hidden_from_the_public_until_the_report_is_published(
    client, institution, user
):
    consultation = _closed(institution=institution, status="responding")
    response = Response.objects.create(
        consultation=consultation,
        position="rejected",
        justification="Niezgodne z ustawą o finansach publicznych.",
    )
    comment(consultation, response=response)
    staff = StaffFactory(institution=institution).user
    for viewer in (None, user, StaffFactory().user):
        client.logout()
        if viewer:
            client.force_login(viewer)
        page = client.get(_section_url(consultation)).content.decode()
        assert "Niezgodne z ustawą" not in page
    client.force_login(staff)
    assert (
        "Niezgodne z ustawą" in client.get(_section_url(consultation)).content.decode()
    )
    Consultation.objects.filter(pk=consultation.pk).update(
        status="reported", report_published_at=timezone.now()
    )
    client.logout()
    assert (
        "Niezgodne z ustawą" in client.get(_section_url(consultation)).content.decode()
    )


def test_pending_and_hidden_comments_are_shown_only_to_their_author_and_staff(
    client, consultation, user, staff
):
    comment(
        consultation,
        justification="Czeka na moderację",
        visibility="pending",
        author=user,
    )
    comment(
        consultation,
        justification="Ukryta obraźliwa",
        visibility="hidden",
        hidden_reason="wulgaryzmy",
        author=UserFactory(),
    )
    page = client.get(_section_url(consultation)).content.decode()
    assert "Czeka na moderację" not in page and "Ukryta obraźliwa" not in page
    client.force_login(UserFactory())
    page = client.get(_section_url(consultation)).content.decode()
    assert "Czeka na moderację" not in page and "Ukryta obraźliwa" not in page
    client.force_login(user)
    page = client.get(_section_url(consultation)).content.decode()
    assert "Czeka na moderację" in page and "Ukryta obraźliwa" not in page
    assert 'class="comment-status"' in page
    client.force_login(staff)
    page = client.get(_section_url(consultation)).content.decode()
    assert "Czeka na moderację" in page and "Ukryta obraźliwa" in page
    assert "wulgaryzmy" in page


def test_authors_get_an_edit_link_while_open_and_others_a_report_link(
    client, consultation, user
):
    mine = comment(consultation, author=user)
    theirs = comment(consultation, author=UserFactory())
    edit_mine = reverse("consultations:comment_edit", kwargs={"pk": mine.pk})
    edit_theirs = reverse("consultations:comment_edit", kwargs={"pk": theirs.pk})
    report_theirs = reverse("consultations:comment_report", kwargs={"pk": theirs.pk})
    page = client.get(_section_url(consultation)).content.decode()
    assert edit_mine not in page and report_theirs not in page
    client.force_login(user)
    page = client.get(_section_url(consultation)).content.decode()
    assert edit_mine in page and edit_theirs not in page
    assert report_theirs in page
    Consultation.objects.filter(pk=consultation.pk).update(
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=1),
    )
    page = client.get(_section_url(consultation)).content.decode()
    assert edit_mine not in page


def test_comments_on_the_whole_document_have_their_own_page(client, consultation):
    comment(consultation, section=None, justification="Uwaga ogólna")
    comment(consultation, justification="Uwaga do paragrafu")
    page = client.get(_section_url(consultation, "calosc")).content.decode()
    assert "Uwaga ogólna" in page
    assert "Uwaga do paragrafu" not in page


def test_a_key_gone_from_the_current_version_shows_the_latest_version_having_it(
    client, consultation
):
    newer = consultation.versions.create(number=2)
    newer.sections.create(key="par-1", text="Nowa treść paragrafu 1.", position=0)
    comment(consultation, justification="Do starej wersji")  # on version 1's par-1
    current = client.get(_section_url(consultation, "par-1"))
    assert "Nowa treść paragrafu 1." in current.content.decode()
    assert "Do starej wersji" in current.content.decode()
    gone = client.get(_section_url(consultation, "par-3"))
    assert gone.status_code == 200
    assert gone.context["old_section"] is True
    assert "Treść paragrafu 3." in gone.content.decode()
    assert client.get(_section_url(consultation, "par-99")).status_code == 404


def test_a_section_of_an_old_version_offers_no_comment_link(client, consultation, user):
    consultation.versions.create(number=2).sections.create(key="par-1", position=0)
    client.force_login(user)
    page = client.get(_section_url(consultation, "par-3")).content.decode()
    assert "?sekcja=par-3" not in page


# The institution's page


def test_institution_page_lists_its_non_draft_consultations(
    client, institution, consultation, draft
):
    other = ConsultationFactory(title="Cudza konsultacja")
    page = client.get(institution.get_absolute_url()).content.decode()
    assert consultation.title in page
    assert consultation.reference in page
    assert draft.title not in page
    assert other.title not in page
    assert f"{LIST}?institution={institution.slug}" in page


def test_institution_page_lists_at_most_ten_consultations(client, institution):
    for _ in range(12):
        ConsultationFactory(institution=institution)
    response = client.get(institution.get_absolute_url())
    assert len(response.context["consultations"]) == 10


def test_a_consultation_without_text_yet_still_has_its_pages(
    client, institution, staff
):
    consultation = ConsultationFactory(
        institution=institution, sections=0, status="draft"
    )
    client.force_login(staff)
    assert client.get(consultation.get_absolute_url()).status_code == 200
    assert client.get(_section_url(consultation, "calosc")).status_code == 200
    assert client.get(_section_url(consultation, "par-1")).status_code == 404


def test_a_long_draft_is_shown_fifty_sections_a_page_with_full_contents(client):
    consultation = ConsultationFactory(sections=120)
    url = consultation.get_absolute_url()
    first = client.get(url).content.decode()
    assert 'id="s-par-50"' in first and 'id="s-par-51"' not in first
    # The contents list every section, linking to the page that shows it.
    assert 'href="?page=2#s-par-51"' in first
    assert 'href="#s-par-1"' in first
    third = client.get(url, {"page": 3}).content.decode()
    assert 'id="s-par-101"' in third and 'id="s-par-120"' in third
    assert 'id="s-par-1"' not in third
    comments_link = reverse(
        "consultations:section", kwargs={"slug": consultation.slug, "key": "par-101"}
    )
    assert f'href="{comments_link}"' in third


def test_section_counts_are_cached_and_refreshed_when_a_comment_arrives(
    client, django_capture_on_commit_callbacks
):
    from razem.consultations.services.comments import comment_create

    consultation = ConsultationFactory()
    url = consultation.get_absolute_url()
    section = consultation.current_version.sections.get(key="par-1")
    link = reverse(
        "consultations:section", kwargs={"slug": consultation.slug, "key": "par-1"}
    )
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        assert f'<a href="{link}">0 comments' in client.get(url).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            comment_create(
                consultation=consultation,
                actor=UserFactory(),
                section=section.pk,
                justification="Uwaga",
            )
        assert f'<a href="{link}">1 comment' in client.get(url).content.decode()
