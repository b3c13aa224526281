from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class PublicBenefitArea(models.Model):
    """A sphere of public tasks (art. 4 of the Act on public benefit activity)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_pl = models.CharField(_("name (Polish)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("public benefit area")
        verbose_name_plural = _("public benefit areas")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_pl
