"""Registry numbers: KRS (10 digits), NIP and REGON checked by their checksums (stdnum)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon

_SEPARATORS = re.compile(r"[\s\-]")


def normalise_number(value: str) -> str:
    """Drop spaces and hyphens (people write NIP as 123-456-32-18)."""
    return _SEPARATORS.sub("", value or "")


def validate_krs(value: str) -> None:
    if value and not re.fullmatch(r"[0-9]{10}", value):
        raise ValidationError(
            _("A KRS number has exactly 10 digits, e.g. 0000123456."), code="krs"
        )


def validate_nip(value: str) -> None:
    if not value:
        return
    try:
        stdnum_nip.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _(
                "This is not a valid NIP: it must have 10 digits and a correct checksum."
            ),
            code="nip",
        ) from exc


def validate_regon(value: str) -> None:
    if not value:
        return
    try:
        stdnum_regon.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _(
                "This is not a valid REGON: it must have 9 or 14 digits and a correct "
                "checksum."
            ),
            code="regon",
        ) from exc
