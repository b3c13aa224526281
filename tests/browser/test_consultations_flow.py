"""The whole consultation in a real browser: a person comments on a section with a
proposed wording; after the period staff record the position and publish the report;
anyone downloads it. axe-core (WCAG 2.1 AA) checks the consultation page, the comment
form and the report page.

Elements are found by ids, names and addresses, not by their (translated) text."""

from datetime import timedelta

import pytest
from django.utils import timezone

from razem.consultations.models import Comment, Consultation, Response
from tests.consultations.factories import ConsultationFactory
from tests.factories import StaffFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email):
    page.goto("/konto/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill("correct-horse-battery")
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url("**/konto/profil/")


def test_comment_answer_publish_and_download_the_report(
    chromium, live_server, page, assert_accessible
):
    consultation = ConsultationFactory(title="Program współpracy na 2027 rok")
    staff = StaffFactory(institution=consultation.institution).user
    UserFactory(email="mieszkanka@example.org", full_name="Anna Kowalska")

    page.goto(f"/konsultacje/{consultation.slug}/")
    assert page.locator("#s-par-1").count() == 1
    assert_accessible(page)

    sign_in(page, "mieszkanka@example.org")
    page.goto(f"/konsultacje/{consultation.slug}/uwaga/?sekcja=par-1")
    assert_accessible(page)
    page.locator("#id_proposed_wording").fill("Nowe brzmienie § 1.")
    page.locator("#id_justification").fill("Obecne brzmienie jest niejasne.")
    page.locator("form.comment-form button[type=submit]").click()
    page.wait_for_url(f"**/konsultacje/{consultation.slug}/sekcje/par-1/**")
    comment = Comment.objects.get()
    assert comment.proposed_wording == "Nowe brzmienie § 1."

    # The period ends.
    Consultation.objects.filter(pk=consultation.pk).update(
        starts_at=timezone.now() - timedelta(days=15),
        ends_at=timezone.now() - timedelta(minutes=1),
    )

    context = chromium.new_context(base_url=live_server.url, locale="pl-PL")
    official = context.new_page()
    official.set_default_timeout(15_000)
    sign_in(official, staff.email)
    responses = f"/konsultacje/{consultation.slug}/odpowiedzi/"
    official.goto(responses)
    official.locator("form:has(input[name=op][value=start]) button").click()
    official.wait_for_load_state()
    official.goto(responses)
    official.locator(f"#comment-{comment.pk}").check()
    official.locator("#id_position").select_option("partly")
    official.locator("#id_justification").fill("Uwzględniono w części dotyczącej § 1.")
    official.locator(
        "form:has(input[name=op][value=respond]) button[type=submit]"
    ).click()
    official.wait_for_load_state()
    comment.refresh_from_db()
    assert comment.response.position == Response.Position.PARTLY

    official.goto(f"/konsultacje/{consultation.slug}/raport/publikacja/")
    official.locator("#id_summary").fill("Wpłynęła jedna uwaga.")
    official.locator("form:has(#id_summary) button[type=submit]").click()
    official.wait_for_load_state()
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.REPORTED
    context.close()

    # Anyone reads and downloads the report.
    page.goto(f"/konsultacje/{consultation.slug}/raport/")
    assert page.get_by_text(comment.reference).count() >= 1
    assert_accessible(page)
    with page.expect_download() as download:
        page.locator("a[href$='raport.pdf']").first.click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
