"""`razem import-organisations`: formats, matching on re-import, all-or-nothing."""

import io
import zipfile

import pytest
import tablib
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from razem.core.models import AuditEntry
from razem.organisations.importer import ImportFailed, organisations_import
from razem.organisations.management.commands.import_organisations import Command
from razem.organisations.models import LegalForm, Organisation
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = [
    "name", "legal_form", "krs", "nip", "regon", "teryt", "areas", "description",
    "email", "phone", "website", "address", "lat", "lon",
]  # fmt: skip
GOSTYN, PEPOWO, POWIAT_GOSTYNSKI = "3004023", "3004042", "3004"


def row(**values) -> list[str]:
    base = {
        "name": "Stowarzyszenie Przyjaciół Gostynia",
        "legal_form": "stowarzyszenie",
        "krs": "0000123456",
        "nip": "1234563218",
        "regon": "123456785",
        "teryt": GOSTYN,
        "areas": "culture;ecology",
        "description": "Działamy na rzecz mieszkańców.",
        "email": "biuro@przyjaciele.org.pl",
        "phone": "+48 65 572 00 00",
        "website": "https://przyjaciele.org.pl",
        "address": "ul. Rynek 1, 63-800 Gostyń",
        "lat": "51.88",
        "lon": "17.01",
    }
    base.update(values)
    return [base[column] for column in HEADER]


SECOND = {
    "name": "Fundacja Pępowo Razem",
    "legal_form": "Fundacja",
    "krs": "0000654321",
    "nip": "5260250995",
    "regon": "732065814",
    "teryt": PEPOWO,
    "areas": "",
    "email": "",
    "website": "",
    "lat": "",
    "lon": "",
}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def registry(teryt):
    from tests.factories import AreaFactory

    AreaFactory(code="culture", name_pl="kultura", name_en="culture")
    AreaFactory(code="ecology", name_pl="ekologia", name_en="ecology")


def write_csv(tmp_path, rows, *, header=HEADER, delimiter=",", bom=False, name="o.csv"):
    dataset = tablib.Dataset(*rows, headers=header)
    text = dataset.export("csv", delimiter=delimiter)
    path = tmp_path / name
    path.write_text(("\ufeff" if bom else "") + text, encoding="utf-8")
    return path


def write_book(tmp_path, rows, fmt, *, name=None):
    dataset = tablib.Dataset(*rows, headers=HEADER, title="organisations")
    path = tmp_path / (name or f"o.{fmt}")
    path.write_bytes(dataset.export(fmt))
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_organisations", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(path, *args) -> str:
    """Run the command expecting failure; return everything it said."""
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(
            "import_organisations", str(path), *args, stdout=io.StringIO(), stderr=err
        )
    return err.getvalue() + "\n" + str(exc.value)


def test_csv_creates_organisations_with_seat_areas_and_details(registry, tmp_path):
    path = write_csv(tmp_path, [row(), row(**SECOND)])

    out, _ = run(path)

    assert "created 2, updated 0" in out
    first = Organisation.objects.get(krs="0000123456")
    assert first.seat.code == GOSTYN
    assert first.legal_form == LegalForm.STOWARZYSZENIE
    assert sorted(first.areas.values_list("code", flat=True)) == ["culture", "ecology"]
    assert (first.lat, first.lon) == (51.88, 17.01)
    assert first.email == "biuro@przyjaciele.org.pl"
    assert first.slug == "stowarzyszenie-przyjaciol-gostynia"
    assert first.is_verified is False
    second = Organisation.objects.get(krs="0000654321")
    assert second.legal_form == LegalForm.FUNDACJA
    assert second.lat is None and not second.areas.exists()


def test_semicolon_csv_with_bom_and_polish_legal_form_names(registry, tmp_path):
    rows = [
        row(legal_form="Koło Gospodyń Wiejskich", lat="51,88", lon="17,01"),
        row(**{**SECOND, "legal_form": "SPÓŁDZIELNIA SOCJALNA", "teryt": "3004"}),
    ]
    path = write_csv(tmp_path, rows, delimiter=";", bom=True)

    run(path)

    first = Organisation.objects.get(krs="0000123456")
    assert first.legal_form == LegalForm.KOLO_GOSPODYN_WIEJSKICH
    assert first.lat == 51.88
    second = Organisation.objects.get(krs="0000654321")
    assert second.legal_form == LegalForm.SPOLDZIELNIA_SOCJALNA
    assert second.seat.code == POWIAT_GOSTYNSKI


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_spreadsheets_are_imported_whatever_their_extension(registry, tmp_path, fmt):
    # The format is told by the content: a spreadsheet named .csv still imports.
    path = write_book(tmp_path, [row(), row(**SECOND)], fmt, name="export.csv")

    out, _ = run(path)

    assert "created 2, updated 0" in out
    assert Organisation.objects.get(nip="5260250995").seat.code == PEPOWO


def test_numbers_typed_as_numbers_in_a_spreadsheet_keep_leading_zeros(
    registry, tmp_path
):
    dataset = tablib.Dataset(headers=["name", "legal_form", "krs", "teryt", "phone"])
    dataset.append(["Fundacja Liczb", "fundacja", 123456, 3004023, 655720000])
    dataset.append([1920, "fundacja", 654321, 3004, 48.0])
    path = tmp_path / "numbers.xlsx"
    path.write_bytes(dataset.export("xlsx"))

    run(path)

    first, second = Organisation.objects.order_by("krs")
    assert (first.krs, first.seat.code, first.phone) == (
        "0000123456",
        GOSTYN,
        "655720000",
    )
    assert (second.name, second.seat.code, second.phone) == ("1920", "3004", "48")


def test_reimporting_the_same_file_updates_instead_of_duplicating(registry, tmp_path):
    path = write_csv(tmp_path, [row(), row(**SECOND)])
    run(path)

    out, _ = run(path)

    assert "created 0, updated 2" in out
    assert Organisation.objects.count() == 2


def test_reimport_matches_by_krs_and_updates_name_and_areas(registry, tmp_path):
    run(write_csv(tmp_path, [row()]))
    original = Organisation.objects.get()

    run(write_csv(tmp_path, [row(name="Nowa Nazwa", nip="", areas="culture")]))

    updated = Organisation.objects.get()
    assert updated.pk == original.pk
    assert updated.name == "Nowa Nazwa"
    assert updated.slug == original.slug  # links to the profile stay valid
    assert list(updated.areas.values_list("code", flat=True)) == ["culture"]


def test_reimport_matches_by_nip_when_there_is_no_krs(registry, tmp_path):
    existing = OrganisationFactory(name="Stara", nip="1234563218", krs="")

    out, _ = run(write_csv(tmp_path, [row(krs="", name="Nowa")]))

    assert "created 0, updated 1" in out
    existing.refresh_from_db()
    assert existing.name == "Nowa"


def test_reimport_matches_by_name_ignoring_case_within_the_same_gmina(
    registry, tmp_path
):
    existing = OrganisationFactory(
        name="Klub Seniora Jesień", seat__code=GOSTYN, krs="", nip=""
    )
    other_gmina = OrganisationFactory(
        name="Klub Seniora Jesień", slug="klub-2", seat__code=PEPOWO, krs="", nip=""
    )
    rows = [row(name="KLUB SENIORA JESIEŃ", krs="", nip="", description="Nowy opis")]

    out, _ = run(write_csv(tmp_path, rows))

    assert "created 0, updated 1" in out
    existing.refresh_from_db()
    other_gmina.refresh_from_db()
    assert existing.description == "Nowy opis"
    assert other_gmina.description != "Nowy opis"


def test_a_name_match_with_another_krs_is_a_different_organisation(registry, tmp_path):
    OrganisationFactory(name=row()[0], krs="0000999999", nip="", seat__code=GOSTYN)

    out, _ = run(write_csv(tmp_path, [row()]))

    assert "created 1, updated 0" in out
    assert Organisation.objects.count() == 2


def test_a_column_left_out_of_the_file_is_left_unchanged(registry, tmp_path):
    run(write_csv(tmp_path, [row()]))
    header = ["name", "legal_form", "krs", "teryt"]

    run(write_csv(tmp_path, [["Nowa", "fundacja", "0000123456", GOSTYN]],
                  header=header))  # fmt: skip

    organisation = Organisation.objects.get()
    assert organisation.name == "Nowa"
    assert organisation.email == "biuro@przyjaciele.org.pl"
    assert organisation.areas.count() == 2


def test_slugs_get_a_suffix_when_the_name_is_taken(registry, tmp_path):
    OrganisationFactory(name="Fundacja Dobro", slug="fundacja-dobro")
    rows = [
        row(name="Fundacja Dobro", krs="", nip="", regon="", teryt=PEPOWO),
        row(name="Fundacja Dobro", krs="", nip="", regon="", teryt=POWIAT_GOSTYNSKI),
    ]

    run(write_csv(tmp_path, rows))

    assert set(Organisation.objects.values_list("slug", flat=True)) == {
        "fundacja-dobro", "fundacja-dobro-2", "fundacja-dobro-3",
    }  # fmt: skip


def test_import_writes_one_audit_entry_with_counts_and_file_name(registry, tmp_path):
    OrganisationFactory(krs="0000654321", nip="")
    actor = UserFactory(email="urzednik@gostyn.pl")

    run(write_csv(tmp_path, [row(), row(**SECOND)], name="rejestr.csv"),
        "--actor", "URZEDNIK@gostyn.pl")  # fmt: skip

    entry = AuditEntry.objects.get(action="organisations.import.completed")
    assert entry.actor == actor
    assert entry.data == {"file": "rejestr.csv", "created": 1, "updated": 1}


def test_an_unknown_actor_is_refused_before_anything_is_written(registry, tmp_path):
    message = run_failing(write_csv(tmp_path, [row()]), "--actor", "nobody@x.pl")

    assert "nobody@x.pl" in message
    assert not Organisation.objects.exists()


def test_dry_run_reports_counts_and_writes_nothing(registry, tmp_path):
    out, _ = run(write_csv(tmp_path, [row(), row(**SECOND)]), "--dry-run")

    assert "created 2, updated 0" in out
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.exists()


BAD_ROWS = [
    ("krs", {"krs": "12345"}, "10 digits"),
    ("krs", {"krs": "00001234AB"}, "10 digits"),
    ("nip", {"nip": "1234563219"}, "NIP"),
    ("regon", {"regon": "123456789"}, "REGON"),
    ("teryt", {"teryt": "9999999"}, "9999999"),
    ("teryt", {"teryt": "3004024"}, "3004024"),  # a town within a gmina, not a gmina
    ("legal_form", {"legal_form": "spółka z o.o."}, "spółka z o.o."),
    ("areas", {"areas": "culture;astrology"}, "astrology"),
    ("name", {"name": "x" * 301}, "300"),
    ("name", {"name": ""}, ""),
    ("lat", {"lat": "", "lon": "17.0"}, ""),
    ("lon", {"lon": "181"}, "180"),
    ("lat", {"lat": "north"}, "north"),
    ("email", {"email": "biuro(at)example.org"}, ""),
    ("website", {"website": "przyjaciele"}, ""),
    ("phone", {"phone": "1" * 41}, "40"),
]


@pytest.mark.parametrize(("column", "values", "detail"), BAD_ROWS)
def test_a_bad_row_imports_nothing_and_names_line_and_column(
    registry, tmp_path, column, values, detail
):
    existing = OrganisationFactory(name="Bez zmian", krs="0000654321", nip="")
    rows = [row(**SECOND, description="changed"), row(**values)]
    audit_before = AuditEntry.objects.count()

    message = run_failing(write_csv(tmp_path, rows))

    assert f"line 3, column {column}: " in message
    assert detail in message
    assert Organisation.objects.count() == 1
    existing.refresh_from_db()
    assert existing.name == "Bez zmian"  # line 2 would have updated it
    assert AuditEntry.objects.count() == audit_before


def test_every_bad_row_is_listed(registry, tmp_path):
    rows = [row(krs="1"), row(**SECOND), row(name="", nip="1", krs="0000000001")]

    message = run_failing(write_csv(tmp_path, rows))

    assert "line 2, column krs" in message
    assert "line 4, column name" in message
    assert "line 4, column nip" in message
    assert "line 3" not in message
    assert not Organisation.objects.exists()


def test_duplicate_krs_or_nip_within_the_file_is_refused(registry, tmp_path):
    rows = [row(), row(**{**SECOND, "krs": "0000123456"}),
            row(**{**SECOND, "krs": "", "nip": "1234563218"})]  # fmt: skip

    message = run_failing(write_csv(tmp_path, rows))

    assert "line 3, column krs: The same number is on line 2." in message
    assert "line 4, column nip: The same number is on line 2." in message
    assert not Organisation.objects.exists()


def test_a_nip_registered_to_another_organisation_is_refused(registry, tmp_path):
    OrganisationFactory(krs="0000999999", nip="1234563218")

    message = run_failing(write_csv(tmp_path, [row()]))  # KRS matches none

    assert "line 2, column nip" in message
    assert Organisation.objects.count() == 1


def test_missing_required_columns_are_named(registry, tmp_path):
    path = write_csv(tmp_path, [["Fundacja", "0000123456"]], header=["name", "krs"])

    message = run_failing(path)

    assert "line 1, column legal_form, teryt" in message


def test_an_unknown_column_is_refused(registry, tmp_path):
    path = write_csv(tmp_path, [row() + ["x"]], header=[*HEADER, "emial"])

    assert "column emial" in run_failing(path)


def test_a_png_renamed_to_csv_is_refused_clearly(registry, tmp_path):
    path = tmp_path / "logo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))

    assert "not a CSV, XLSX or ODS file" in run_failing(path)


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf\r\n", b"  \n"])
def test_an_empty_file_is_refused_clearly(registry, tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)

    assert "The file is empty." in run_failing(path)


def test_a_truncated_xlsx_is_refused_clearly(registry, tmp_path):
    data = write_book(tmp_path, [row()], "xlsx").read_bytes()
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(data[: len(data) // 2])

    assert "damaged" in run_failing(path)
    assert not Organisation.objects.exists()


def test_a_zip_that_is_not_a_spreadsheet_is_refused(registry, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    path = tmp_path / "archive.xlsx"
    path.write_bytes(buffer.getvalue())

    assert "not an XLSX or ODS spreadsheet" in run_failing(path)


def test_a_missing_file_is_refused_clearly(tmp_path):
    assert "cannot be read" in run_failing(tmp_path / "nope.csv")


def test_the_console_command_exits_non_zero_listing_bad_lines(
    registry, tmp_path, capsys, monkeypatch
):
    path = write_csv(tmp_path, [row(), row(nip="1")])
    # run_from_argv closes the connections, which would end the test's transaction.
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)

    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(["razem", "import_organisations", str(path)])

    assert exit_info.value.code != 0
    assert "line 3, column nip" in capsys.readouterr().err
    assert not Organisation.objects.exists()


def test_errors_are_reported_in_polish_by_default(registry, tmp_path):
    with translation.override("pl"):
        message = run_failing(write_csv(tmp_path, [row(teryt="9999999")]))

    assert "wiersz 2, kolumna teryt: Nieznany kod TERYT" in message


def test_the_service_raises_import_failed_with_row_errors(registry, tmp_path):
    with pytest.raises(ImportFailed) as exc:
        organisations_import(path=write_csv(tmp_path, [row(teryt="")]))

    assert [(e.line, e.column) for e in exc.value.errors] == [(2, "teryt")]


def test_progress_is_reported_while_writing(registry, tmp_path):
    calls = []

    organisations_import(
        path=write_csv(tmp_path, [row(), row(**SECOND)]),
        progress=lambda stage, done, total: calls.append((stage, done, total)),
    )

    assert ("write", 2, 2) in calls


def test_a_large_file_is_imported_without_a_query_per_row(
    registry, tmp_path, django_assert_max_num_queries
):
    rows = [
        row(name=f"Organizacja {i}", krs=f"{i + 1:010d}", nip="", regon="")
        for i in range(2500)
    ]
    path = write_csv(tmp_path, rows)

    # Validation, writes and the search index are done in batches of 1,000 rows.
    with django_assert_max_num_queries(80):
        result = organisations_import(path=path)

    assert result.created == 2500
    assert Organisation.objects.count() == 2500
    assert Organisation.areas.through.objects.count() == 5000
    assert Organisation.objects.values("slug").distinct().count() == 2500


def test_imported_organisations_are_indexed_for_search(registry, tmp_path):
    from razem.organisations.search import register_search
    from razem.search.models import SearchDocument

    register_search()
    run(write_csv(tmp_path, [row(), row(**SECOND)]))
    run(write_csv(tmp_path, [row(name="Zmieniona Nazwa")]))

    titles = set(
        SearchDocument.objects.filter(kind="organisation").values_list(
            "title", flat=True
        )
    )
    assert titles == {"Zmieniona Nazwa", SECOND["name"]}


def test_a_header_cell_left_empty_is_refused(registry, tmp_path):
    path = write_csv(tmp_path, [["Fundacja", "x", "fundacja", GOSTYN]],
                     header=["name", "", "legal_form", "teryt"])  # fmt: skip

    assert "line 1: A column has no name in the header." in run_failing(path)
    assert not Organisation.objects.exists()
