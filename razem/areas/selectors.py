from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from razem.areas.models import PublicBenefitArea
from razem.core.exceptions import DomainError


def area_list() -> QuerySet[PublicBenefitArea]:
    """The statutory public benefit areas in the order of the Act."""
    return PublicBenefitArea.objects.order_by("position", "code")


def areas_resolve(
    values: Iterable, *, error: type[DomainError]
) -> list[PublicBenefitArea]:
    """Areas given as instances or codes, in order; an unknown code raises `error`
    (the caller's domain exception) naming the field `areas`."""
    values = list(values)
    codes = {v for v in values if isinstance(v, str)}
    found = {a.code: a for a in PublicBenefitArea.objects.filter(code__in=codes)}
    missing = codes - set(found)
    if missing:
        raise error(
            _("Unknown public benefit area: %(codes)s.")
            % {"codes": ", ".join(sorted(missing))},
            field="areas",
        )
    return [found[v] if isinstance(v, str) else v for v in values]
