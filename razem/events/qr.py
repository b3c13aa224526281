"""QR codes of check-in codes, as inline SVG (no image files, no JavaScript).

The QR holds the registration's check-in code; a phone's QR reader types it into the
check-in page's code field.
"""

import segno
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def qr_svg(text: str, *, label: str | None = None, scale: int = 6) -> SafeString:
    """`text` as a QR code in an inline <svg> with a <title> and aria-label.

    Safe markup for templates: `{{ qr }}`. The size is set by a viewBox, so CSS can
    scale it; `scale` gives the default width in pixels per module.
    """
    label = label or _("QR code of the check-in code %(code)s") % {"code": text}
    qr = segno.make(text, error="m", micro=False)
    size = qr.symbol_size(scale=scale)[0]
    # omitsize=True writes a viewBox instead of width/height; segno escapes title.
    svg = qr.svg_inline(
        scale=scale,
        title=label,
        omitsize=True,
        svgclass="qr-code",
        lineclass=None,
        dark="#000",
        light="#fff",
    )
    attributes = (
        f'<svg role="img" aria-label="{escape(label)}" width="{size}" '
        f'height="{size}" focusable="false" '
    )
    return mark_safe(svg.replace("<svg ", attributes, 1))  # noqa: S308
