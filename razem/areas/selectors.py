from django.db.models import QuerySet

from razem.areas.models import PublicBenefitArea


def area_list() -> QuerySet[PublicBenefitArea]:
    """The statutory public benefit areas in the order of the Act."""
    return PublicBenefitArea.objects.order_by("position", "code")
