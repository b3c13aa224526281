"""Reads for the map: organisations and published initiatives as places with a point.

A place without coordinates of its own stands at its territory's centroid and is
marked approximate. Gminas carry their powiat's centroid (razem/data/teryt has no
gmina coordinates), so that is a powiat centroid; an initiative of a whole
voivodeship stands at the voivodeship's centroid. Queries use .values(): the map is
read with 100,000 organisations.
"""

import hashlib
from functools import lru_cache

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from razem.initiatives.models import Initiative
from razem.organisations.models import Organisation

MAX_FEATURES = 5000
KIND_ORGANISATION = "organisation"
KIND_INITIATIVE = "initiative"
PLACE_KINDS = {KIND_ORGANISATION: _("organisation"), KIND_INITIATIVE: _("initiative")}
COLUMNS = (
    "place_kind",
    "place_id",
    "place_key",
    "place_name",
    "place_lat",
    "place_lon",
    "place_approximate",
    "place_territory",
    "place_territory_code",
)
BOUNDARY_FILES = {
    "wojewodztwa": "wojewodztwa-min.geojson",
    "powiaty": "powiaty-min.geojson",
}


def _point(own: str, fallback: str, has_own: Q):
    return Case(
        When(has_own, then=F(own)), default=F(fallback), output_field=FloatField()
    )


def _annotated(queryset: QuerySet, *, kind: str, key, name: str, seat: str):
    has_own = Q(lat__isnull=False, lon__isnull=False)
    return queryset.annotate(
        place_kind=Value(kind, output_field=CharField()),
        place_id=F("id"),
        place_key=key,
        place_name=F(name),
        place_lat=_point("lat", f"{seat}__lat", has_own),
        place_lon=_point("lon", f"{seat}__lon", has_own),
        place_approximate=ExpressionWrapper(~has_own, output_field=BooleanField()),
        place_territory=F(f"{seat}__name"),
        place_territory_code=F(f"{seat}__code"),
    ).values(*COLUMNS)


def organisation_places(*, area: str = "", territory: str = "") -> QuerySet:
    organisations = Organisation.objects.all()
    if area:
        organisations = organisations.filter(
            pk__in=Organisation.objects.filter(areas__code=area).values("pk")
        )
    if territory:
        organisations = organisations.in_territory(territory)
    return _annotated(
        organisations, kind=KIND_ORGANISATION, key=F("slug"), name="name", seat="seat"
    )


def initiative_places(*, area: str = "", territory: str = "") -> QuerySet:
    """Published initiatives only."""
    initiatives = Initiative.objects.published()
    if area:
        initiatives = initiatives.with_area(area)
    if territory:
        initiatives = initiatives.in_territory(territory)
    return _annotated(
        initiatives,
        kind=KIND_INITIATIVE,
        key=Cast("id", output_field=CharField()),
        name="title",
        seat="territory",
    )


def _places_of(kind: str, *, area: str, territory: str) -> QuerySet:
    if kind == KIND_ORGANISATION:
        return organisation_places(area=area, territory=territory)
    return initiative_places(area=area, territory=territory)


def map_places(*, kind: str = "", area: str = "", territory: str = "") -> QuerySet:
    """The map's list view: organisations and/or initiatives as rows of COLUMNS,
    ordered by name (one UNION query, so it paginates in the database)."""
    if kind:
        places = _places_of(kind, area=area, territory=territory)
    else:
        # The models' default ordering is dropped: no ORDER BY inside a UNION.
        places = (
            organisation_places(area=area, territory=territory)
            .order_by()
            .union(
                initiative_places(area=area, territory=territory).order_by(), all=True
            )
        )
    return places.order_by("place_name", "place_kind", "place_id")


class _Urls:
    """Detail URLs without a reverse() per row (thousands of features)."""

    _MARKER = 987654321

    def __init__(self):
        marker = self._MARKER
        self.parts = {
            KIND_ORGANISATION: reverse(
                "organisations:detail", kwargs={"slug": str(marker)}
            ).split(str(marker)),
            KIND_INITIATIVE: reverse("initiatives:detail", kwargs={"pk": marker}).split(
                str(marker)
            ),
        }

    def __call__(self, kind: str, key: str) -> str:
        before, after = self.parts[kind]
        return f"{before}{key}{after}"


def place_rows(rows) -> list[dict]:
    """Rows of map_places with `url`, a translated `kind_label` and a real bool."""
    urls = _Urls()
    return [
        {
            **row,
            "place_approximate": bool(row["place_approximate"]),
            "url": urls(row["place_kind"], row["place_key"]),
            "kind_label": PLACE_KINDS[row["place_kind"]],
        }
        for row in rows
    ]


def map_features(
    *, kind: str = "", area: str = "", territory: str = "", limit: int = MAX_FEATURES
) -> dict:
    """A GeoJSON FeatureCollection (RFC 7946: [lon, lat]) of at most `limit` points,
    initiatives first; `truncated` says whether some were left out."""
    kinds = [kind] if kind else [KIND_INITIATIVE, KIND_ORGANISATION]
    urls = _Urls()
    features: list[dict] = []
    truncated = False
    for place_kind in kinds:
        places = (
            _places_of(place_kind, area=area, territory=territory)
            .filter(place_lat__isnull=False, place_lon__isnull=False)
            .order_by("place_id")
        )
        room = limit - len(features)
        rows = list(places[: room + 1]) if room > 0 else []
        if len(rows) > room or (room <= 0 and places.exists()):
            truncated = True
            rows = rows[:room] if room > 0 else []
        for row in rows:
            features.append(
                {
                    "type": "Feature",
                    "id": f"{place_kind}-{row['place_id']}",
                    "geometry": {
                        "type": "Point",
                        "coordinates": [
                            round(row["place_lon"], 6),
                            round(row["place_lat"], 6),
                        ],
                    },
                    "properties": {
                        "kind": place_kind,
                        "name": row["place_name"],
                        "url": urls(place_kind, row["place_key"]),
                        "approximate": bool(row["place_approximate"]),
                        "territory": row["place_territory"],
                        "territory_code": row["place_territory_code"],
                    },
                }
            )
    return {
        "type": "FeatureCollection",
        "features": features,
        "truncated": truncated,
        "limit": limit,
    }


@lru_cache(maxsize=len(BOUNDARY_FILES))
def boundaries(level: str) -> tuple[bytes, str]:
    """The simplified boundaries of `level` (a key of BOUNDARY_FILES) and their ETag.

    Read once per process: the files are static data shipped with the code.
    """
    content = (settings.RAZEM_DATA_DIR / "teryt" / BOUNDARY_FILES[level]).read_bytes()
    return content, '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
