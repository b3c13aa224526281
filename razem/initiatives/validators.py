"""Checks of uploaded photos: size first, then Pillow confirms a real image."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

PHOTO_MAX_BYTES = 3 * 1024 * 1024
PHOTO_FORMATS = {"PNG", "JPEG", "WEBP"}


def validate_photo(file) -> None:
    """A photo is a PNG, JPEG or WebP image of at most 3 MB, verified by decoding.

    SVG and other formats are refused: SVG can carry scripts.
    """
    if not file:
        return
    if file.size > PHOTO_MAX_BYTES:
        raise ValidationError(_("A photo may be at most 3 MB."), code="photo_size")
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("Upload a PNG, JPEG or WebP image."), code="photo_format"
        ) from exc
    finally:
        file.seek(0)
    if image_format not in PHOTO_FORMATS:
        raise ValidationError(
            _("Upload a PNG, JPEG or WebP image."), code="photo_format"
        )
