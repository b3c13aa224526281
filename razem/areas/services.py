import csv

from django.conf import settings
from django.db import transaction

from razem.areas.models import PublicBenefitArea


@transaction.atomic
def areas_load() -> int:
    """Create or update the statutory public benefit areas. Idempotent."""
    path = settings.RAZEM_DATA_DIR / "public_benefit_areas.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for position, row in enumerate(rows, start=1):
        PublicBenefitArea.objects.update_or_create(
            code=row["code"],
            defaults={
                "name_pl": row["name_pl"],
                "name_en": row["name_en"],
                "position": position,
            },
        )
    return len(rows)
