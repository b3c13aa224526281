"""Reading drafts into sections: plain text, Markdown, DOCX and ODT, and bad files."""

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from razem.consultations import documents
from razem.consultations.documents import (
    DocumentError,
    parse_docx,
    parse_file,
    parse_markdown,
    parse_markdown_file,
    parse_odt,
    parse_text,
    source_of,
)
from razem.consultations.exceptions import ConsultationError

FILES = Path(__file__).parent / "files"

ACT = """Uchwała nr XII/34/2026
Rady Gminy Przykładowo
w sprawie programu współpracy

Rozdział 1
Przepisy ogólne

Art. 1. Uchwała określa zasady współpracy.
2. Współpraca ma charakter partnerski.

Art. 2. Ilekroć w § 3 ust. 2
mowa jest o programie, należy przez to rozumieć ten program.

Rozdział II
Przepisy końcowe

§ 1. Wykonanie uchwały powierza się Wójtowi.
§ 1. Powtórzony numer.
Art. 5a. Uchwała wchodzi w życie po 14 dniach.
"""

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W}">'
    + "".join(
        f'<w:style w:type="paragraph" w:styleId="Heading{n}">'
        f'<w:name w:val="heading {n}"/></w:style>'
        for n in (1, 2, 3)
    )
    + "</w:styles>"
)


def make_docx(paragraphs, *, name="projekt.docx", parts=None) -> SimpleUploadedFile:
    """A minimal Word document: [(style or None, text), …]; `parts` overrides the
    archive's members (to build broken ones)."""

    def paragraph(style, text):
        properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return (
            f'<w:p>{properties}<w:r><w:t xml:space="preserve">{escape(text)}'
            "</w:t></w:r></w:p>"
        )

    body = "".join(paragraph(style, text) for style, text in paragraphs)
    members = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": RELS,
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}">'
            f"<w:body>{body}</w:body></w:document>"
        ),
        "word/styles.xml": STYLES,
    }
    if parts is not None:
        members = parts
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return SimpleUploadedFile(name, buffer.getvalue())


def make_odt(items, *, name="projekt.odt") -> SimpleUploadedFile:
    """An OpenDocument text: [(outline level or 0, text) or ("list", [texts])]."""
    from odf.opendocument import OpenDocumentText
    from odf.text import H, List, ListItem, P

    document = OpenDocumentText()
    for level, content in items:
        if level == "list":
            element = List()
            for text in content:
                item = ListItem()
                item.addElement(P(text=text))
                element.addElement(item)
        elif level:
            element = H(outlinelevel=level, text=content)
        else:
            element = P(text=content)
        document.text.addElement(element)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def keys(sections) -> list[str]:
    return [s.key for s in sections]


# --- Plain text and Markdown -----------------------------------------------------


def test_seed_003_programme_splits_into_priorities_and_their_actions():
    sections = parse_markdown((FILES / "seed003.md").read_text(encoding="utf-8"))
    assert keys(sections) == [
        "wstep",
        "priorytet-i",
        "priorytet-i/dzialanie-i-1",
        "priorytet-i/dzialanie-i-2",
        "priorytet-i/dzialanie-i-3",
        "priorytet-i/dzialanie-i-4",
        "priorytet-ii",
        "priorytet-ii/dzialanie-ii-1",
        "priorytet-ii/dzialanie-ii-2",
        "priorytet-ii/dzialanie-ii-3",
        "priorytet-iii",
        "priorytet-iii/dzialanie-iii-1",
        "priorytet-iii/dzialanie-iii-2",
        "priorytet-iii/dzialanie-iii-3",
    ]
    intro, priority, action = sections[:3]
    assert intro.text.startswith("Założenia Resortowego Programu")
    assert "Najważniejsze obszary" in intro.text
    # The bold markup of the heading is dropped; the title becomes the heading.
    assert (priority.label, priority.heading, priority.depth) == (
        "Priorytet I",
        "Rozwój społecznie odpowiedzialnego terytorium.",
        0,
    )
    assert "**" not in priority.heading
    assert (action.label, action.depth) == ("Działanie I.1", 1)
    assert action.text.startswith("Rozwój animacji lokalnej")


def test_normative_act_splits_into_chapters_articles_and_paragraphs():
    sections = parse_text(ACT)
    assert keys(sections) == [
        "wstep",
        "rozdzial-1",
        "rozdzial-1/art-1",
        "rozdzial-1/art-2",
        "rozdzial-ii",
        "rozdzial-ii/par-1",
        "rozdzial-ii/par-1-2",
        "rozdzial-ii/art-5a",
    ]
    by_key = {s.key: s for s in sections}
    assert by_key["wstep"].text.startswith("Uchwała nr XII/34/2026\nRady Gminy")
    # The chapter's title on the line after "Rozdział 1" is its heading.
    assert by_key["rozdzial-1"].heading == "Przepisy ogólne"
    assert by_key["rozdzial-ii"].label == "Rozdział II"
    article = by_key["rozdzial-1/art-1"]
    assert (article.label, article.depth) == ("Art. 1", 1)
    assert article.text == (
        "Uchwała określa zasady współpracy.\n2. Współpraca ma charakter partnerski."
    )
    # "§ 3 ust. 2" inside a sentence is a reference, not a new unit.
    assert "§ 3 ust. 2\nmowa jest" in by_key["rozdzial-1/art-2"].text
    assert by_key["rozdzial-ii/art-5a"].label == "Art. 5a"


def test_paragraphs_of_an_article_nest_under_it():
    sections = parse_text("Art. 5. § 1. Pierwszy.\n§ 2. Drugi.\nArt. 6. Dalej.")
    assert keys(sections) == ["art-5", "art-5/par-1", "art-5/par-2", "art-6"]
    assert [s.depth for s in sections] == [0, 1, 1, 0]
    assert sections[1].text == "Pierwszy."


def test_programme_objectives_and_arabic_numbers():
    sections = parse_text(
        "Cel 1 Aktywni mieszkańcy\nPriorytet 2\nDziałanie 2.1. Szkolenia.\n"
        "Cel 2. Silne organizacje"
    )
    assert keys(sections) == [
        "cel-1",
        "cel-1/priorytet-2",
        "cel-1/priorytet-2/dzialanie-2-1",
        "cel-2",
    ]
    assert sections[0].heading == "Aktywni mieszkańcy"
    assert sections[3].heading == "Silne organizacje"


def test_markdown_headings_without_labels_get_slugs_and_depth_from_levels():
    long_heading = "Bardzo długi nagłówek " * 10
    sections = parse_markdown(
        "Tekst wstępny.\n\n# Wstęp\n\nOpis.\n\n## Zakres **programu** i cele\n\n"
        f"Cele.\n\n## {long_heading}\n\n### Źródła finansowania\n\nBudżet.\n\n"
        "## Zakres programu i cele\n\nPowtórka."
    )
    assert [s.key for s in sections][:3] == [
        "wstep",
        "wstep-2",
        "zakres-programu-i-cele",
    ]
    assert sections[2].heading == "Zakres programu i cele"
    assert [s.depth for s in sections] == [0, 0, 1, 1, 2, 1]
    assert len(sections[3].key) <= 60 and sections[3].key.startswith("bardzo-dlugi")
    assert sections[4].key == "zrodla-finansowania"
    assert sections[5].key == "zakres-programu-i-cele-2"


def test_units_nest_under_a_heading_of_a_higher_level_only():
    sections = parse_markdown(
        "## Rozdział 1\n\n### Przepisy ogólne\n\n§ 1. Treść.\n\n"
        "### Uwagi\n\nTekst uwag.\n\n§ 2. Dalej.\n\n## Uzasadnienie\n\nDlaczego."
    )
    assert keys(sections) == [
        "rozdzial-1",
        "rozdzial-1/par-1",
        "rozdzial-1/uwagi",
        "rozdzial-1/par-2",
        "uzasadnienie",
    ]
    assert sections[0].heading == "Przepisy ogólne"
    assert [s.depth for s in sections] == [0, 1, 1, 2, 0]


def test_text_without_units_is_one_introduction():
    sections = parse_text("Jedno zdanie.\n\nDrugi akapit <b>z HTML</b>.")
    assert keys(sections) == ["wstep"]
    # Kept as written: it is escaped when shown.
    assert sections[0].text == "Jedno zdanie.\n\nDrugi akapit <b>z HTML</b>."


def test_markdown_code_fences_are_text_not_headings():
    sections = parse_markdown("# Tytuł\n\n```\n# nie nagłówek\n```\n")
    assert keys(sections) == ["tytul"]
    assert sections[0].text == "# nie nagłówek"


@pytest.mark.parametrize("text", ["", "   \n\n  ", None, "#\n\n##  \n"])
def test_an_empty_document_is_refused(text):
    with pytest.raises(DocumentError) as error:
        parse_markdown(text)
    assert error.value.field == "text"
    assert error.value.code == "empty"
    assert isinstance(error.value, ConsultationError)


def test_more_than_2000_sections_are_refused():
    text = "\n".join(f"§ {n}. Treść." for n in range(1, 2003))
    with pytest.raises(DocumentError) as error:
        parse_text(text)
    assert error.value.code == "too_many_sections"
    assert "2000" in str(error.value)


def test_more_than_2_mb_of_text_is_refused():
    with pytest.raises(DocumentError) as error:
        parse_text("a" * (documents.MAX_TEXT_CHARS + 1))
    assert error.value.code == "too_long"
    assert error.value.field == "text"


# --- Files -----------------------------------------------------------------------


def test_docx_headings_and_units_become_sections():
    upload = make_docx(
        [
            (None, "Projekt uchwały <script>alert(1)</script>"),
            ("Heading1", "Rozdział 1 Przepisy ogólne"),
            (None, "Art. 1. Uchwała określa zasady."),
            (None, "Art. 2. Program obejmuje zadania."),
            ("Heading2", "Formy współpracy"),
            (None, "Współpraca finansowa."),
            ("Heading1", "Uzasadnienie"),
            (None, "Potrzeba przyjęcia programu."),
        ]
    )
    sections = parse_docx(upload)
    assert keys(sections) == [
        "wstep",
        "rozdzial-1",
        "rozdzial-1/art-1",
        "rozdzial-1/art-2",
        "rozdzial-1/formy-wspolpracy",
        "uzasadnienie",
    ]
    assert sections[0].text == "Projekt uchwały <script>alert(1)</script>"
    assert sections[1].heading == "Przepisy ogólne"
    assert sections[4].text == "Współpraca finansowa."
    assert [s.depth for s in sections] == [0, 0, 1, 1, 1, 0]


def test_odt_headings_lists_and_units_become_sections():
    upload = make_odt(
        [
            (0, "Program współpracy na 2027 rok."),
            (1, "Priorytet I. Rozwój"),
            (0, "Działanie I.1. Animacja lokalna;"),
            ("list", ["szkolenia", "doradztwo"]),
            (2, "Działanie I.2. Inicjatywy"),
            (1, "Tryb realizacji"),
            (0, "Otwarte konkursy ofert."),
        ]
    )
    sections = parse_odt(upload)
    assert keys(sections) == [
        "wstep",
        "priorytet-i",
        "priorytet-i/dzialanie-i-1",
        "priorytet-i/dzialanie-i-2",
        "tryb-realizacji",
    ]
    assert sections[1].heading == "Rozwój"
    assert sections[2].text == "Animacja lokalna;\n\nszkolenia\n\ndoradztwo"
    assert sections[3].heading == "Inicjatywy"
    assert sections[4].text == "Otwarte konkursy ofert."


def test_markdown_file_in_utf8_is_read():
    upload = SimpleUploadedFile(
        "program.md", (FILES / "seed003.md").read_bytes(), "text/markdown"
    )
    assert source_of(upload) == "markdown"
    assert len(parse_file(upload, "markdown")) == 14


def test_markdown_file_not_in_utf8_is_refused_clearly():
    upload = SimpleUploadedFile("program.md", "§ 1. Zażółć".encode("cp1250"))
    with pytest.raises(DocumentError) as error:
        parse_markdown_file(upload)
    assert (error.value.field, error.value.code) == ("file", "encoding")
    assert "UTF-8" in str(error.value)


@pytest.mark.parametrize(
    "upload, parser",
    [
        (SimpleUploadedFile("projekt.docx", PDF), parse_docx),
        (SimpleUploadedFile("projekt.odt", PDF), parse_odt),
        (SimpleUploadedFile("projekt.docx", b"to nie jest zip"), parse_docx),
        (make_docx([], parts={"notatka.txt": "x"}), parse_docx),
        (make_odt([(0, "Tekst")], name="projekt.docx"), parse_docx),
        (make_docx([(None, "Tekst")], name="projekt.odt"), parse_odt),
        (SimpleUploadedFile("projekt.md", PDF), parse_markdown_file),
    ],
    ids=[
        "pdf-as-docx",
        "pdf-as-odt",
        "not-a-zip",
        "zip-without-parts",
        "odt-as-docx",
        "docx-as-odt",
        "pdf-as-markdown",
    ],
)
def test_a_file_of_the_wrong_type_is_refused(upload, parser):
    with pytest.raises(DocumentError) as error:
        parser(upload)
    assert (error.value.field, error.value.code) == ("file", "wrong_type")


def test_a_damaged_docx_is_refused_as_broken():
    upload = make_docx(
        [],
        parts={
            "[Content_Types].xml": CONTENT_TYPES,
            "word/document.xml": "<w:document><nie-xml",
        },
    )
    with pytest.raises(DocumentError) as error:
        parse_docx(upload)
    assert (error.value.field, error.value.code) == ("file", "broken")


def test_a_damaged_odt_is_refused_as_broken():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content><zepsute")
    with pytest.raises(DocumentError) as error:
        parse_odt(SimpleUploadedFile("projekt.odt", buffer.getvalue()))
    assert (error.value.field, error.value.code) == ("file", "broken")


def test_an_empty_docx_is_refused_as_empty():
    with pytest.raises(DocumentError) as error:
        parse_docx(make_docx([(None, "   ")]))
    assert (error.value.field, error.value.code) == ("file", "empty")


def test_a_file_over_the_limit_is_refused(settings):
    settings.RAZEM_MAX_DOCUMENT_BYTES = 200
    upload = make_docx([(None, "Tekst " * 100)])
    assert upload.size > 200
    for parser in (parse_docx, parse_odt, parse_markdown_file):
        with pytest.raises(DocumentError) as error:
            parser(upload)
        assert (error.value.field, error.value.code) == ("file", "too_large")
        assert "200" in str(error.value)


def test_an_archive_that_unpacks_too_large_is_refused(monkeypatch):
    monkeypatch.setattr(documents, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(DocumentError) as error:
        parse_docx(make_docx([(None, "Tekst " * 1000)]))
    assert error.value.code == "too_large"


@pytest.mark.parametrize(
    "name, content, source",
    [
        ("a.docx", b"", "docx"),
        ("a.ODT", b"", "odt"),
        ("a.txt", b"", "markdown"),
        ("bez-rozszerzenia", b"# Tekst", "markdown"),
    ],
)
def test_the_source_follows_the_file_name(name, content, source):
    assert source_of(SimpleUploadedFile(name, content)) == source


def test_a_pdf_upload_is_not_a_draft_source():
    with pytest.raises(DocumentError) as error:
        source_of(SimpleUploadedFile("projekt.pdf", PDF))
    assert (error.value.field, error.value.code) == ("file", "wrong_type")
    assert source_of(make_docx([(None, "x")], name="bez-nazwy")) == "docx"
