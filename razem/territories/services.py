"""Loading the TERC register and centroids shipped in razem/data/teryt/."""

import csv
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.db import transaction

from razem.territories.models import Territory

TERYT_DIR = Path(settings.RAZEM_DATA_DIR) / "teryt"


def _read(name: str, delimiter: str = ",") -> list[dict[str, str]]:
    with open(TERYT_DIR / name, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def _differs(obj: Territory, key: str, value) -> bool:
    # Compare the parent by id: reading obj.parent would cost a query per row.
    if key == "parent":
        return obj.parent_id != (value.pk if value else None)
    return getattr(obj, key) != value


def _wanted(code: str, prefixes: Iterable[str] | None) -> bool:
    return prefixes is None or any(code.startswith(p) for p in prefixes)


@transaction.atomic
def territories_load(*, prefixes: Iterable[str] | None = None) -> int:
    """Create or update voivodeships, powiats and gminas; returns how many were written.

    Idempotent: re-running updates names and centroids in place. `prefixes` limits the
    load to some TERC codes (tests load one voivodeship). Gminas get their powiat's
    centroid (the data has no gmina coordinates).
    """
    prefixes = list(prefixes) if prefixes is not None else None
    voivodeships = {row["teryt_woj"]: row for row in _read("wojewodztwa_centroidy.csv")}
    powiats = {row["teryt_powiat"]: row for row in _read("powiaty_centroidy_2025.csv")}
    existing = {t.code: t for t in Territory.objects.all()}
    written = 0

    def upsert(code, name, kind, subkind, parent, lat, lon):
        nonlocal written
        values = {
            "name": name,
            "kind": kind,
            "subkind": subkind,
            "parent": parent,
            "lat": lat,
            "lon": lon,
        }
        obj = existing.get(code)
        if obj is None:
            obj = Territory.objects.create(code=code, **values)
            existing[code] = obj
            written += 1
        elif any(_differs(obj, k, v) for k, v in values.items()):
            for key, value in values.items():
                setattr(obj, key, value)
            obj.save()
            written += 1
        return obj

    for code, row in voivodeships.items():
        if _wanted(code, prefixes):
            upsert(
                code,
                row["nazwa"],
                Territory.Kind.VOIVODESHIP,
                "",
                None,
                float(row["lat"]),
                float(row["lon"]),
            )
    for code, row in powiats.items():
        if _wanted(code, prefixes):
            subkind = "" if row["rodzaj"] == "powiat" else row["rodzaj"]
            upsert(
                code,
                row["nazwa"],
                Territory.Kind.POWIAT,
                subkind,
                existing[code[:2]],
                float(row["lat"]),
                float(row["lon"]),
            )
    for row in _read("gminy_2025-01-01.csv"):
        code = row["teryt_gmina"]
        if _wanted(code, prefixes):
            powiat = existing[code[:4]]
            upsert(
                code,
                row["nazwa"],
                Territory.Kind.GMINA,
                row["rodzaj"],
                powiat,
                powiat.lat,
                powiat.lon,
            )
    return written
