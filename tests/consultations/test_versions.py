"""Versions of the draft: publishing (service and page), the list and the diff."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from razem.consultations.diff import sections_diff, words_diff
from razem.consultations.documents import DocumentError
from razem.consultations.exceptions import ConsultationError
from razem.consultations.models import Consultation, DocumentVersion, Section
from razem.consultations.services.versions import version_create
from razem.core.models import AuditEntry
from tests.consultations.factories import ConsultationFactory
from tests.consultations.test_documents import PDF, make_docx, make_odt
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "files"
SEED = (FILES / "seed003.md").read_text(encoding="utf-8")

V1 = "Wstęp.\n§ 1. Pierwszy paragraf.\n§ 2. Drugi paragraf.\n§ 3. Trzeci paragraf."


def publish(consultation, actor, text=V1, **kwargs):
    kwargs.setdefault("source", DocumentVersion.Source.PASTED)
    return version_create(consultation=consultation, actor=actor, text=text, **kwargs)


@pytest.fixture
def consultation(institution):
    return ConsultationFactory(institution=institution, sections=0)


@pytest.fixture
def draft(institution):
    return ConsultationFactory(
        institution=institution, sections=0, status=Consultation.Status.DRAFT
    )


def _nothing_written():
    assert not DocumentVersion.objects.exists()
    assert not Section.objects.exists()
    assert not AuditEntry.objects.filter(
        action="consultations.version.published"
    ).exists()


# --- The service -----------------------------------------------------------------


def test_staff_publish_numbered_versions_with_sections_in_order(consultation, staff):
    first = publish(consultation, staff, label="projekt", change_note="Pierwszy.")
    second = publish(
        consultation,
        staff,
        text=V1.replace("Drugi", "Zmieniony") + "\n§ 4. Nowy.",
    )
    assert (first.number, second.number) == (1, 2)
    assert (first.label, first.change_note, first.published_by) == (
        "projekt",
        "Pierwszy.",
        staff,
    )
    assert list(second.sections.values_list("key", "position")) == [
        ("wstep", 0),
        ("par-1", 1),
        ("par-2", 2),
        ("par-3", 3),
        ("par-4", 4),
    ]
    assert consultation.current_version == second
    entry = AuditEntry.objects.filter(action="consultations.version.published").latest(
        "pk"
    )
    assert entry.actor == staff
    assert entry.object_id == str(second.pk)
    assert entry.data == {
        "number": 2,
        "source": "pasted",
        "sections": 5,
        "is_final": False,
        "unchanged": 3,
        "changed": 1,
        "added": 1,
        "removed": 0,
    }


def test_publishing_from_docx_odt_and_markdown_files(consultation, staff):
    docx = version_create(
        consultation=consultation,
        actor=staff,
        source="docx",
        file=make_docx([("Heading1", "Rozdział 1"), (None, "Art. 1. Treść.")]),
    )
    odt = version_create(
        consultation=consultation,
        actor=staff,
        source="odt",
        file=make_odt([(1, "Priorytet I. Rozwój"), (0, "Działanie I.1. Animacja.")]),
    )
    markdown = version_create(
        consultation=consultation,
        actor=staff,
        source="markdown",
        file=SimpleUploadedFile("program.md", SEED.encode()),
    )
    assert [docx.source, odt.source, markdown.source] == ["docx", "odt", "markdown"]
    assert list(docx.sections.values_list("key", flat=True)) == [
        "rozdzial-1",
        "rozdzial-1/art-1",
    ]
    assert odt.sections.get(key="priorytet-i/dzialanie-i-1").depth == 1
    assert markdown.sections.count() == 14
    assert markdown.sections.last().key == "priorytet-iii/dzialanie-iii-3"


def test_only_one_version_is_the_final_text(consultation, staff):
    first = publish(consultation, staff, is_final=True)
    second = publish(consultation, staff, is_final=True)
    first.refresh_from_db()
    assert (first.is_final, second.is_final) == (False, True)
    third = publish(consultation, staff)
    second.refresh_from_db()
    assert second.is_final and not third.is_final


def test_staff_publish_the_text_of_a_draft_consultation(draft, staff):
    assert publish(draft, staff).number == 1


def test_an_administrator_publishes_a_version(consultation, admin_user):
    assert publish(consultation, admin_user).published_by == admin_user


def test_who_may_not_publish_a_version(consultation, user, representative):
    other_staff = StaffFactory().user
    for actor in (None, user, representative, other_staff):
        with pytest.raises(ConsultationError) as error:
            publish(consultation, actor)
        assert error.value.status_code == 403
    _nothing_written()


def test_no_new_version_after_the_report_is_published(institution, staff):
    reported = ConsultationFactory(
        institution=institution, sections=0, status=Consultation.Status.REPORTED
    )
    with pytest.raises(ConsultationError) as error:
        publish(reported, staff)
    assert error.value.status_code == 403
    _nothing_written()


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"text": "   "}, "text"),
        ({"text": None}, "text"),
        ({"source": "docx", "text": None, "file": None}, "file"),
        ({"source": "docx", "file": SimpleUploadedFile("a.docx", PDF)}, "file"),
        (
            {"source": "odt", "file": SimpleUploadedFile("a.odt", b"PK\x03\x04x")},
            "file",
        ),
        ({"source": "pdf"}, "source"),
        ({"label": "x" * 201}, "label"),
        ({"change_note": "x" * 5001}, "change_note"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    consultation, staff, kwargs, field
):
    with pytest.raises(ConsultationError) as error:
        publish(consultation, staff, **kwargs)
    assert error.value.field == field
    assert error.value.status_code == 400
    _nothing_written()


def test_a_file_over_the_limit_is_refused(consultation, staff, settings):
    settings.RAZEM_MAX_DOCUMENT_BYTES = 100
    with pytest.raises(DocumentError) as error:
        version_create(
            consultation=consultation,
            actor=staff,
            source="docx",
            file=make_docx([(None, "Tekst")]),
        )
    assert (error.value.field, error.value.code) == ("file", "too_large")
    _nothing_written()


# --- The diff --------------------------------------------------------------------


def s(key, text, label="", heading=""):
    return SimpleNamespace(key=key, text=text, label=label, heading=heading)


def test_diff_aligns_sections_by_key_and_places_removed_after_their_predecessor():
    old = [
        s("a", "Usunięty na początku."),
        s("b", "Bez zmian."),
        s("c", "Stary tekst paragrafu."),
        s("d", "Usunięty w środku."),
        s("e", "Koniec."),
    ]
    new = [
        s("b", "Bez zmian."),
        s("x", "Nowy."),
        s("c", "Nowy tekst paragrafu."),
        s("e", "Koniec."),
    ]
    rows = sections_diff(old, new)
    assert [(r.key, r.status) for r in rows] == [
        ("a", "removed"),
        ("b", "unchanged"),
        ("x", "added"),
        ("c", "changed"),
        ("d", "removed"),
        ("e", "unchanged"),
    ]
    changed = rows[3]
    assert "<del>" in changed.old_html and "Stary" in changed.old_html
    assert "<ins>" in changed.new_html and "Nowy" in changed.new_html
    # Only the changed word is marked: the rest is plain on both sides.
    assert changed.new_html.endswith("tekst paragrafu.")
    assert rows[2].old_html == "" and "<ins>" in rows[2].new_html


def test_a_changed_heading_marks_the_section_as_changed():
    rows = sections_diff(
        [s("priorytet-i", "", "Priorytet I", "Rozwój")],
        [s("priorytet-i", "", "Priorytet I", "Rozwój lokalny")],
    )
    assert rows[0].status == "changed"
    assert "lokalny" in rows[0].new_html


def test_the_diff_escapes_the_text_before_marking_it():
    old, new = words_diff("Tekst <b>pogrubiony</b>", "Tekst <script>alert(1)</script>")
    assert "<script>" not in new and "<b>" not in old
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in new
    assert "&lt;b&gt;pogrubiony&lt;/b&gt;" in old
    assert 'class="visually-hidden"' in new


# --- Pages -----------------------------------------------------------------------


def create_url(consultation):
    return reverse("consultations:version_create", kwargs={"slug": consultation.slug})


def list_url(consultation):
    return reverse("consultations:versions", kwargs={"slug": consultation.slug})


def diff_url(consultation, old, new):
    return reverse(
        "consultations:diff", kwargs={"slug": consultation.slug, "old": old, "new": new}
    )


def test_staff_see_the_form_to_publish_a_text(client, consultation, staff):
    client.force_login(staff)
    response = client.get(create_url(consultation))
    assert response.status_code == 200
    assert b'name="file"' in response.content and b'name="text"' in response.content


def test_anonymous_are_sent_to_sign_in_for_the_form(client, consultation):
    response = client.get(create_url(consultation))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_who_may_not_open_the_form(client, consultation, draft, user):
    other_staff = StaffFactory().user
    for person in (user, other_staff):
        client.force_login(person)
        assert client.get(create_url(consultation)).status_code == 403
        assert client.post(create_url(consultation), {"text": V1}).status_code == 403
        # A draft is not even visible to them.
        assert client.get(create_url(draft)).status_code == 404
    _nothing_written()


def test_staff_publish_pasted_text_and_see_how_many_sections(
    client, consultation, staff
):
    client.force_login(staff)
    response = client.post(
        create_url(consultation),
        {"text": V1, "label": "projekt", "change_note": "Początek", "is_final": "on"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == list_url(consultation)
    version = consultation.versions.get()
    assert (version.source, version.label, version.is_final) == (
        "pasted",
        "projekt",
        True,
    )
    assert version.sections.count() == 4
    messages = [str(m) for m in response.context["messages"]]
    assert any("4" in m for m in messages)


@pytest.mark.parametrize(
    "upload, source, count",
    [
        (lambda: SimpleUploadedFile("program.md", SEED.encode()), "markdown", 14),
        (
            lambda: make_docx([("Heading1", "Rozdział 1"), (None, "§ 1. Treść.")]),
            "docx",
            2,
        ),
        (lambda: make_odt([(1, "Cel 1 Aktywność"), (0, "Tekst celu.")]), "odt", 1),
    ],
    ids=["markdown", "docx", "odt"],
)
def test_staff_upload_a_file(client, consultation, staff, upload, source, count):
    client.force_login(staff)
    response = client.post(create_url(consultation), {"file": upload()})
    assert response.status_code == 302
    version = consultation.versions.get()
    assert (version.source, version.sections.count()) == (source, count)


@pytest.mark.parametrize(
    "data",
    [
        lambda: {"file": SimpleUploadedFile("projekt.docx", PDF)},
        lambda: {"file": SimpleUploadedFile("projekt.pdf", PDF)},
        lambda: {"file": SimpleUploadedFile("projekt.docx", b"PK\x03\x04zepsuty")},
        lambda: {"file": make_docx([], parts={"a.txt": "x"})},
        lambda: {"file": make_odt([(0, "x")], name="projekt.docx")},
        lambda: {"file": SimpleUploadedFile("projekt.md", b"")},
    ],
    ids=[
        "pdf-as-docx",
        "pdf",
        "broken-zip",
        "zip-without-parts",
        "odt-as-docx",
        "empty",
    ],
)
def test_a_bad_file_is_a_form_error_and_nothing_is_created(
    client, consultation, staff, data
):
    client.force_login(staff)
    response = client.post(create_url(consultation), data())
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert b'id="id_file_error"' in response.content
    _nothing_written()


def test_a_too_large_file_is_a_form_error(client, consultation, staff, settings):
    settings.RAZEM_MAX_DOCUMENT_BYTES = 100
    client.force_login(staff)
    response = client.post(create_url(consultation), {"file": make_docx([(None, "x")])})
    assert response.status_code == 400
    assert "100" in response.context["form"].errors["file"][0]
    _nothing_written()


def test_text_and_file_together_or_neither_are_form_errors(client, consultation, staff):
    client.force_login(staff)
    both = client.post(
        create_url(consultation),
        {"text": V1, "file": SimpleUploadedFile("a.md", b"# Tekst")},
    )
    neither = client.post(create_url(consultation), {"label": "x"})
    assert both.status_code == neither.status_code == 400
    assert both.context["form"].non_field_errors()
    assert neither.context["form"].errors["text"]
    _nothing_written()


def test_everyone_sees_the_versions_of_a_published_consultation(
    client, consultation, staff
):
    publish(consultation, staff, label="projekt")
    publish(
        consultation,
        staff,
        label="po konsultacjach",
        change_note="Zmiana §2",
        is_final=True,
    )
    response = client.get(list_url(consultation))
    assert response.status_code == 200
    html = response.content.decode()
    assert "po konsultacjach" in html and "Zmiana §2" in html
    assert diff_url(consultation, 1, 2) in html
    assert create_url(consultation) not in html
    client.force_login(staff)
    assert (
        create_url(consultation) in client.get(list_url(consultation)).content.decode()
    )


def test_the_versions_list_takes_a_fixed_number_of_queries(
    client, consultation, staff, django_assert_max_num_queries
):
    for _ in range(5):
        publish(consultation, staff)
    with django_assert_max_num_queries(6):
        response = client.get(list_url(consultation))
    assert len(response.context["versions"]) == 5


def test_the_compare_form_leads_to_the_diff(client, consultation, staff):
    publish(consultation, staff)
    publish(consultation, staff)
    response = client.get(list_url(consultation), {"old": "2", "new": "1"})
    assert response.status_code == 302
    assert response["Location"] == diff_url(consultation, 2, 1)
    assert (
        client.get(list_url(consultation), {"old": "9", "new": "1"}).status_code == 400
    )


def test_versions_of_a_draft_are_for_the_institution_only(
    client, draft, staff, user, admin_user
):
    publish(draft, staff)
    publish(draft, staff)
    for url in (list_url(draft), diff_url(draft, 1, 2)):
        assert client.get(url).status_code == 404
        for person in (user, StaffFactory().user):
            client.force_login(person)
            assert client.get(url).status_code == 404
        for person in (staff, admin_user):
            client.force_login(person)
            assert client.get(url).status_code == 200
        client.logout()


def test_the_diff_is_an_accessible_side_by_side_table(client, consultation, staff):
    publish(consultation, staff)
    publish(
        consultation,
        staff,
        text=V1.replace("Drugi paragraf", "Drugi <script>alert(1)</script>").replace(
            "§ 3. Trzeci paragraf.", "§ 4. Nowy paragraf."
        ),
    )
    response = client.get(diff_url(consultation, 1, 2))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption>" in html
    assert '<th scope="col">' in html and '<th scope="row">' in html
    assert "<del>" in html and "<ins>" in html
    assert 'id="s-par-2"' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    rows = {row.key: row.status for row, _ in response.context["rows"]}
    assert rows == {
        "wstep": "unchanged",
        "par-1": "unchanged",
        "par-2": "changed",
        "par-3": "removed",
        "par-4": "added",
    }
    assert response.context["counts"]["changed"] == 1
    only = client.get(diff_url(consultation, 1, 2), {"zmiany": "1"})
    assert {row.key for row, _ in only.context["rows"]} == {"par-2", "par-3", "par-4"}


@pytest.mark.parametrize("old, new", [(1, 3), (3, 1), (0, 1)])
def test_unknown_version_numbers_are_not_found(client, consultation, staff, old, new):
    publish(consultation, staff)
    publish(consultation, staff)
    assert client.get(diff_url(consultation, old, new)).status_code == 404


def test_the_versions_of_an_unknown_consultation_are_not_found(client, db):
    assert client.get("/konsultacje/nie-ma/wersje/").status_code == 404
    assert client.get("/konsultacje/nie-ma/wersje/1/2/").status_code == 404
