"""Importing organisations from a CSV, XLSX or ODS file (`razem import-organisations`).

All rows are read and validated in Python first, against the existing registry loaded
in bulk (no query per row); a file with any bad row imports nothing. The writes are
bulk inserts/updates in batches, in one transaction.
"""

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from razem.areas.models import PublicBenefitArea
from razem.core.audit import audit_log
from razem.organisations.exceptions import OrganisationError
from razem.organisations.models import LEGAL_FORM_POLISH_NAMES, LegalForm, Organisation
from razem.organisations.services import _SLUG_TRANSLATE, RESERVED_SLUGS
from razem.organisations.validators import (
    normalise_number,
    validate_krs,
    validate_nip,
    validate_regon,
)
from razem.territories.models import Territory

COLUMNS = (
    "name", "legal_form", "krs", "nip", "regon", "teryt", "areas", "description",
    "email", "phone", "website", "address", "lat", "lon",
)  # fmt: skip
REQUIRED_COLUMNS = ("name", "legal_form", "teryt")
# Columns copied to the model as they are (after the checks below).
TEXT_FIELDS = ("description", "email", "phone", "website", "address")
BATCH_SIZE = 1000
SLUG_BASE_MAX = 100

ProgressCallback = Callable[[str, int, int], None]


@dataclass(frozen=True)
class RowError:
    line: int  # as a spreadsheet shows it: the header is line 1
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("line %(line)s, column %(column)s: %(message)s") % {
                "line": self.line, "column": self.column, "message": self.message,
            }  # fmt: skip
        return _("line %(line)s: %(message)s") % {
            "line": self.line, "message": self.message,
        }  # fmt: skip


class ImportFailed(OrganisationError):
    """Nothing was imported; `errors` lists each bad row (empty for a bad file)."""

    def __init__(self, message=None, *, errors=()):
        self.errors = list(errors)
        if message is None:
            n = len(self.errors)
            message = ngettext(
                "The file was not imported: %(n)s error.",
                "The file was not imported: %(n)s errors.",
                n,
            ) % {"n": n}
        super().__init__(message, field="file", code="import_failed")


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    file_name: str
    dry_run: bool


# Reading --------------------------------------------------------------------------


class _NumberCell(str):
    """A spreadsheet cell typed as a number: 0000123456 may have lost its zeros."""


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return _NumberCell(int(value))
    return str(value).strip()


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace")
                if mimetype.strip() == "application/vnd.oasis.opendocument.spreadsheet":
                    return "ods"
            if "xl/workbook.xml" in names:
                return "xlsx"
    except (zipfile.BadZipFile, OSError, ValueError):
        return "broken"
    return None


def _read_csv(data: bytes) -> list[list[str]]:
    if b"\x00" in data:
        raise ImportFailed(_("This is not a CSV, XLSX or ODS file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(
            _("This is not a CSV, XLSX or ODS file (CSV files must be in UTF-8).")
        ) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return [
            [cell.strip() for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as exc:
        raise ImportFailed(
            _("The CSV file is malformed: %(reason)s") % {"reason": exc}
        ) from exc


def _read_xlsx(data: bytes) -> list[list[str]]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _read_ods(data: bytes) -> list[list[str]]:
    import tablib

    dataset = tablib.Dataset().load(data, format="ods", headers=False)
    return [[_cell(v) for v in row] for row in dataset]


def read_rows(path: Path) -> list[list[str]]:
    """The file's rows as lists of strings; the format is told by the content."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(
            _("The file cannot be read: %(reason)s") % {"reason": exc.strerror}
        ) from exc
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        raise ImportFailed(_("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
        if kind in (None, "broken"):
            raise ImportFailed(
                _("The file is damaged or is not an XLSX or ODS spreadsheet.")
            )
        reader = _read_xlsx if kind == "xlsx" else _read_ods
        try:
            rows = reader(data)
        # The spreadsheet libraries raise many kinds of errors on a damaged file.
        except Exception as exc:  # noqa: BLE001
            raise ImportFailed(
                _("The %(kind)s file is damaged and cannot be read.")
                % {"kind": kind.upper()}
            ) from exc
    else:
        rows = _read_csv(data)
    # Trailing empty rows (spreadsheets keep formatted blank rows) are not data.
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise ImportFailed(_("The file is empty."))
    return rows


# Validating -----------------------------------------------------------------------


def _header(row: list[str]) -> dict[str, int]:
    names = [cell.strip().lower().lstrip("\ufeff") for cell in row]
    while names and not names[-1]:
        names.pop()
    errors = []
    if "" in names:
        errors.append(RowError(1, "", _("A column has no name in the header.")))
    unknown = [n for n in names if n and n not in COLUMNS]
    if unknown:
        errors.append(
            RowError(
                1,
                ", ".join(unknown),
                _("Unknown column. The columns are: %(c)s.")
                % {"c": ", ".join(COLUMNS)},
            )
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        errors.append(
            RowError(1, ", ".join(missing), _("A required column is missing."))
        )
    repeated = sorted({n for n in names if n and names.count(n) > 1})
    if repeated:
        errors.append(RowError(1, ", ".join(repeated), _("The column is repeated.")))
    if errors:
        raise ImportFailed(errors=errors)
    return {name: i for i, name in enumerate(names)}


def _messages(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


class _Lookups:
    """Everything validation needs from the database, read once."""

    def __init__(self):
        self.legal_forms = {v.lower(): v for v in LegalForm.values} | {
            k.lower(): v for k, v in LEGAL_FORM_POLISH_NAMES.items()
        }
        self.seats = dict(
            Territory.objects.filter(
                kind__in=[Territory.Kind.GMINA, Territory.Kind.POWIAT]
            ).values_list("code", "pk")
        )
        self.areas = dict(PublicBenefitArea.objects.values_list("code", "pk"))
        self.by_krs: dict[str, int] = {}
        self.by_nip: dict[str, int] = {}
        self.by_name: dict[tuple[str, int], list[int]] = {}
        self.numbers: dict[int, tuple[str, str]] = {}
        self.slugs: set[str] = set(RESERVED_SLUGS)
        rows = Organisation.objects.values_list(
            "pk", "krs", "nip", "name", "seat_id", "slug"
        )
        for pk, krs, nip, name, seat_id, slug in rows.iterator(chunk_size=5000):
            if krs:
                self.by_krs[krs] = pk
            if nip:
                self.by_nip[nip] = pk
            self.by_name.setdefault((name.casefold(), seat_id), []).append(pk)
            self.numbers[pk] = (krs, nip)
            self.slugs.add(slug)

    def match(self, krs: str, nip: str, name: str, seat_id: int) -> int | None:
        """The existing organisation a row describes: by KRS, else NIP, else name+seat.

        A name match with a different KRS or NIP is another organisation.
        """
        if krs and krs in self.by_krs:
            return self.by_krs[krs]
        if nip and nip in self.by_nip:
            pk = self.by_nip[nip]
            old_krs = self.numbers[pk][0]
            # Same NIP but another KRS: a conflict, reported by the caller.
            return pk if not (krs and old_krs and krs != old_krs) else None
        for pk in self.by_name.get((name.casefold(), seat_id), ()):
            old_krs, old_nip = self.numbers[pk]
            if (not krs or not old_krs or krs == old_krs) and (
                not nip or not old_nip or nip == old_nip
            ):
                return pk
        return None


_FIELDS = {f: Organisation._meta.get_field(f) for f in ("name", *TEXT_FIELDS)}


def _clean_row(values: dict[str, str], lookups: _Lookups, add) -> dict:
    """The model values of one row; each problem is reported through `add`."""
    out: dict = {}
    for column in ("name", *TEXT_FIELDS):
        if column not in values:
            continue
        try:
            out[column] = _FIELDS[column].clean(str(values[column]), None)
        except ValidationError as exc:
            add(column, _messages(exc))

    if "legal_form" in values:
        legal_form = lookups.legal_forms.get(values["legal_form"].lower())
        if legal_form is None:
            message = _("Unknown legal form “%(value)s”. Use one of: %(codes)s.")
            add(
                "legal_form",
                message
                % {
                    "value": values["legal_form"],
                    "codes": ", ".join(LegalForm.values),
                },
            )
        out["legal_form"] = legal_form

    for column, validator, width in (
        ("krs", validate_krs, 10), ("nip", validate_nip, 0),
        ("regon", validate_regon, 0),
    ):  # fmt: skip
        if column not in values:
            continue
        number = normalise_number(values[column])
        if width and isinstance(values[column], _NumberCell):
            number = number.zfill(width)
        try:
            validator(number)
        except ValidationError as exc:
            add(column, _messages(exc))
        out[column] = number

    teryt = values.get("teryt", "")
    if isinstance(teryt, _NumberCell) and len(teryt) in (3, 5, 6):
        teryt = teryt.zfill(4 if len(teryt) == 3 else 7)
    out["seat_id"] = lookups.seats.get(teryt)
    if out["seat_id"] is None:
        add(
            "teryt",
            _(
                "Unknown TERYT code “%(code)s”: give the 7-character code of "
                "a gmina or the 4-digit code of a powiat."
            )
            % {"code": teryt},
        )

    if "areas" in values:
        codes = [c.strip() for c in values["areas"].split(";") if c.strip()]
        unknown = [c for c in codes if c not in lookups.areas]
        if unknown:
            add(
                "areas",
                _("Unknown public benefit area: %(codes)s.")
                % {"codes": ", ".join(unknown)},
            )
        out["areas"] = sorted({lookups.areas[c] for c in codes if c in lookups.areas})

    if "lat" in values or "lon" in values:
        out.update(_coordinates(values.get("lat", ""), values.get("lon", ""), add))
    return out


def _coordinates(lat_text: str, lon_text: str, add) -> dict:
    if not lat_text and not lon_text:
        return {"lat": None, "lon": None}
    if not lat_text or not lon_text:
        add(
            "lat" if not lat_text else "lon",
            _("Give both latitude and longitude, or neither."),
        )
        return {}
    coordinates = {}
    for column, text, limit in (("lat", lat_text, 90), ("lon", lon_text, 180)):
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            add(column, _("“%(value)s” is not a number.") % {"value": text})
            continue
        if not -limit <= value <= limit:
            add(
                column,
                _("Must be between %(min)s and %(max)s.")
                % {"min": -limit, "max": limit},
            )
            continue
        coordinates[column] = value
    return coordinates


def _validate(rows: list[list[str]], lookups: _Lookups, progress) -> tuple:
    """Rows to create and to update, or ImportFailed with every problem found."""
    columns = _header(rows[0])
    errors: list[RowError] = []
    creates: list[dict] = []
    updates: dict[int, dict] = {}
    seen_krs: dict[str, int] = {}
    seen_nip: dict[str, int] = {}
    seen_match: dict[int, int] = {}
    total = len(rows) - 1
    for index, row in enumerate(rows[1:], start=2):
        if progress and index % BATCH_SIZE == 0:
            progress("validate", index - 1, total)
        if not any(row):
            continue  # a blank line between rows
        if len(row) > len(columns) and any(row[len(columns) :]):
            errors.append(
                RowError(
                    index, "", _("The row has more cells than the header has columns.")
                )
            )
            continue
        values = {name: (row[i] if i < len(row) else "") for name, i in columns.items()}
        problems: list[RowError] = []

        def add(column, message, line=index, problems=problems):
            problems.append(RowError(line, column, message))

        data = _clean_row(values, lookups, add)
        krs, nip = data.get("krs", ""), data.get("nip", "")
        if not problems:
            for column, number, seen in (
                ("krs", krs, seen_krs),
                ("nip", nip, seen_nip),
            ):
                if number and number in seen:
                    add(
                        column,
                        _("The same number is on line %(line)s.")
                        % {"line": seen[number]},
                    )
                elif number:
                    seen[number] = index
        if not problems:
            pk = lookups.match(krs, nip, data["name"], data["seat_id"])
            if pk is not None and pk in seen_match:
                add(
                    "name",
                    _("Line %(line)s already describes this organisation.")
                    % {"line": seen_match[pk]},
                )
            elif pk is not None:
                seen_match[pk] = index
            for column, number, owners in (
                ("krs", krs, lookups.by_krs),
                ("nip", nip, lookups.by_nip),
            ):
                if number and owners.get(number, pk) != pk:
                    add(column, _("Another registered organisation has this number."))
            if not problems:
                if pk is None:
                    creates.append(data)
                else:
                    updates[pk] = data
        errors.extend(problems)
    if progress:
        progress("validate", total, total)
    if errors:
        raise ImportFailed(errors=errors)
    return creates, updates


# Writing --------------------------------------------------------------------------


class _Slugs:
    def __init__(self, taken: set[str]):
        self.taken = taken
        self.next_suffix: dict[str, int] = {}

    def new(self, name: str) -> str:
        base = slugify(name.translate(_SLUG_TRANSLATE))[:SLUG_BASE_MAX].strip("-")
        base = base or "organizacja"
        slug, n = base, self.next_suffix.get(base, 1)
        while slug in self.taken:
            n += 1
            slug = f"{base}-{n}"
        self.next_suffix[base] = n
        self.taken.add(slug)
        return slug


def _batches(items: list, size: int = BATCH_SIZE):
    for start in range(0, len(items), size):
        yield items[start : start + size]


# The ORM's bulk methods spend most of a large import preparing values one by one;
# the rows are validated already, so plain SQL writes them: COPY on PostgreSQL,
# multi-row INSERTs (under SQLite's 32,766 parameters) and executemany on SQLite.


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    names = ", ".join(q(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholder = "(" + ", ".join(["%s"] * len(columns)) + ")"
        for chunk in _batches(rows, max(1, 30_000 // len(columns))):
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES "
                + ", ".join([placeholder] * len(chunk)),
                [value for row in chunk for value in row],
            )


def _update(model, columns: list[str], rows: list[tuple]) -> None:
    """`rows` are (pk, *values of columns)."""
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(q(c) for c in ["id", *columns])
            cursor.execute("DROP TABLE IF EXISTS import_changes")
            cursor.execute(
                "CREATE TEMP TABLE import_changes ON COMMIT DROP AS "
                f"SELECT {names} FROM {table} WITH NO DATA"
            )
            sql = f"COPY import_changes ({names}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
            assignments = ", ".join(f"{q(c)} = c.{q(c)}" for c in columns)
            cursor.execute(
                f"UPDATE {table} SET {assignments} FROM import_changes c "
                f"WHERE {table}.id = c.id"
            )
            return
        assignments = ", ".join(f"{q(c)} = %s" for c in columns)
        cursor.executemany(
            f"UPDATE {table} SET {assignments} WHERE id = %s",
            [(*row[1:], row[0]) for row in rows],
        )


def _defaults() -> dict[str, object]:
    """Each column's value in the database for a new organisation with no data."""
    template = Organisation()
    return {
        f.column: f.get_db_prep_save(f.pre_save(template, add=True), connection)
        for f in Organisation._meta.concrete_fields
        if not f.primary_key
    }


def _write(creates, updates, lookups: _Lookups, progress) -> None:
    through = Organisation.areas.through
    area_columns = ["organisation_id", "publicbenefitarea_id"]
    slugs = _Slugs(lookups.slugs)
    total, done = len(creates) + len(updates), 0
    touched: list[int] = []
    defaults = _defaults()
    columns = list(defaults)
    for batch in _batches(creates):
        rows, batch_slugs = [], []
        for data in batch:
            slug = slugs.new(data["name"])
            batch_slugs.append(slug)
            values = {**defaults, **data, "slug": slug}
            rows.append(tuple(values[c] for c in columns))
        _insert(Organisation, columns, rows)
        pks = dict(
            Organisation.objects.filter(slug__in=batch_slugs).values_list("slug", "pk")
        )
        _insert(through, area_columns, [
            (pks[slug], area)
            for slug, data in zip(batch_slugs, batch, strict=True)
            for area in data.get("areas", ())
        ])  # fmt: skip
        touched.extend(pks.values())
        done += len(batch)
        if progress:
            progress("write", done, total)

    # Every row has the file's columns: only those fields change, the rest stay.
    fields = sorted({k for data in updates.values() for k in data if k != "areas"})
    now = defaults["updated_at"]
    for pks in _batches(list(updates)):
        _update(Organisation, [*fields, "updated_at"], [
            (pk, *(updates[pk][f] for f in fields), now) for pk in pks
        ])  # fmt: skip
        with_areas = [pk for pk in pks if "areas" in updates[pk]]
        through.objects.filter(organisation_id__in=with_areas).delete()
        _insert(through, area_columns, [
            (pk, area) for pk in with_areas for area in updates[pk]["areas"]
        ])  # fmt: skip
        touched.extend(pks)
        done += len(pks)
        if progress:
            progress("write", done, total)
    _reindex(touched, progress)


def _reindex(ids: list[int], progress) -> None:
    """Bulk writes send no signals, so the search index is refreshed here."""
    from razem.search.registry import KINDS
    from razem.search.services import bulk_indexing, index_objects

    if "organisation" not in KINDS:
        return
    with bulk_indexing(len(ids)):
        for done, batch in enumerate(_batches(ids), start=1):
            index_objects(kind="organisation", ids=batch)
            if progress:
                progress("index", min(done * BATCH_SIZE, len(ids)), len(ids))


def organisations_import(
    *,
    path: str | Path,
    actor=None,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Create or update organisations from a CSV, XLSX or ODS file.

    All or nothing: any bad row raises ImportFailed listing every problem and nothing
    is written. A row updates the organisation with the same KRS, else the same NIP,
    else the same name (case-insensitive) and seat; otherwise it creates one (not
    verified). A column absent from the file leaves that field unchanged on update.
    Runs in one transaction and writes one audit entry
    `organisations.import.completed`. `progress(stage, done, total)` is called as
    rows are validated, written and indexed. `dry_run` validates and counts only.
    """
    path = Path(path)
    rows = read_rows(path)
    with transaction.atomic():
        lookups = _Lookups()
        creates, updates = _validate(rows, lookups, progress)
        result = ImportResult(len(creates), len(updates), path.name, dry_run)
        if dry_run:
            return result
        _write(creates, updates, lookups, progress)
        audit_log(
            action="organisations.import.completed",
            actor=actor,
            data={
                "file": path.name,
                "created": result.created,
                "updated": result.updated,
            },
        )
    return result
