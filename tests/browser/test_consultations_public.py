"""The public consultation pages in a real browser: the list and a filter, a
consultation with its sectioned draft, and a section's comments, each scanned by
axe-core for WCAG 2.1 AA violations.

Elements are found by their names and addresses, not by their (translated) text."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from razem.consultations.models import Comment, Response, Section
from razem.territories.models import Territory
from tests.consultations.factories import ConsultationFactory, comment
from tests.factories import EventFactory, InstitutionFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def consultations(teryt, areas):
    gostyn = Territory.objects.get(code="3004023")
    institution = InstitutionFactory(name="Urząd Miejski w Gostyniu", territory=gostyn)
    start = timezone.now() - timedelta(days=1)
    programme = ConsultationFactory(
        institution=institution,
        title="Program współpracy na 2027 rok",
        legal_basis="Art. 5a ustawy o działalności pożytku publicznego",
        contact_name="Anna Nowak",
        contact_email="ngo@gostyn.example.gov.pl",
        written_opinions_address="ul. Rynek 2, 63-800 Gostyń",
        meeting=EventFactory(institution=institution),
        starts_at=start,
        ends_at=start + timedelta(days=7),
        shortened_justification="Termin uchwalenia budżetu.",
        sections=0,
    )
    version = programme.versions.create(number=1)
    for position, (key, label, heading, depth) in enumerate(
        [
            ("rozdzial-1", "Rozdział 1", "Postanowienia ogólne", 0),
            ("par-1", "§ 1", "", 1),
            ("par-2", "§ 2", "Cele programu", 1),
            ("rozdzial-2", "Rozdział 2", "Priorytety", 0),
        ]
    ):
        Section.objects.create(
            version=version,
            key=key,
            label=label,
            heading=heading,
            depth=depth,
            text=f"Treść: {label}.\n\nDrugi akapit <b>bez HTML</b>.",
            position=position,
        )
    organisation = OrganisationFactory(name="Fundacja Razem dla Gostynia")
    section = version.sections.get(key="par-1")
    comment(
        programme,
        section=section,
        organisation=organisation,
        current_wording=section.text,
        proposed_wording="Nowe brzmienie § 1.",
        justification="<script>alert(1)</script> Uzasadnienie.",
    )
    comment(programme, section=section, author_name="Jan Prywatny")
    reported = ConsultationFactory(
        title="Strategia rozwiązywania problemów społecznych",
        kind="strategy",
        starts_at=timezone.now() - timedelta(days=40),
        status="reported",
        report_published_at=timezone.now(),
    )
    answer = Response.objects.create(
        consultation=reported, position="partly", justification="Częściowo tak."
    )
    comment(reported, response=answer, visibility=Comment.Visibility.PUBLIC)
    return programme, reported


def item_titles(page) -> list[str]:
    return page.locator("ul.cards > li.card h3").all_inner_texts()


def test_list_consultation_and_section_pages_are_accessible(
    page, assert_accessible, consultations
):
    programme, reported = consultations
    page.goto("/konsultacje/")
    assert set(item_titles(page)) == {programme.title, reported.title}
    assert_accessible(page)

    page.locator("select[name=phase]").select_option("reported")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"phase=reported"))
    assert item_titles(page) == [reported.title]

    page.goto("/konsultacje/?phase=open&territory=3004")
    page.get_by_role("link", name=programme.title).click()
    page.wait_for_url(f"**{programme.get_absolute_url()}")
    assert page.locator("h1").inner_text() == programme.title
    assert page.locator("nav.toc a[href='#s-par-2']").count() == 1
    assert page.locator("h4#s-par-2-h").count() == 1
    assert_accessible(page)

    page.locator("#s-par-1 a[href$='/sekcje/par-1/']").click()
    page.wait_for_url("**/sekcje/par-1/")
    assert page.locator("article.comment").count() == 2
    assert "Fundacja Razem dla Gostynia" in page.content()
    assert "Jan Prywatny" not in page.content()
    assert page.locator("table.wording th[scope=col]").count() == 2
    assert_accessible(page)

    page.goto(f"{reported.get_absolute_url()}sekcje/par-1/")
    assert page.locator(".position").count() == 1
    assert_accessible(page)


def test_filter_errors_are_shown_accessibly(page, assert_accessible, consultations):
    page.goto("/konsultacje/?territory=99&phase=never")
    assert page.locator("p.error[id$=_error]").count() == 2
    assert_accessible(page)
