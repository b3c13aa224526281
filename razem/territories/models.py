from django.db import models
from django.utils.translation import gettext_lazy as _


class TerritoryQuerySet(models.QuerySet):
    def within(self, code: str):
        """The unit with TERC `code` and everything below it (codes nest by prefix)."""
        return self.filter(code__startswith=code)

    def gminas(self):
        return self.filter(kind=Territory.Kind.GMINA)


class Territory(models.Model):
    """A unit of the territorial division, by its TERC code.

    Voivodeship: 2 digits; powiat: 4 digits; gmina: 7 characters (6 digits and the
    kind digit). A lower unit's code starts with its parents' codes, so "within" is a
    prefix test.
    """

    class Kind(models.TextChoices):
        VOIVODESHIP = "voivodeship", _("voivodeship")
        POWIAT = "powiat", _("powiat")
        GMINA = "gmina", _("gmina")

    code = models.CharField(_("TERC code"), max_length=7, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    subkind = models.CharField(
        _("detailed kind"),
        max_length=60,
        blank=True,
        help_text=_("e.g. urban gmina, city with powiat rights"),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="voivodeship", code__regex=r"^[0-9]{2}$")
                    | models.Q(kind="powiat", code__regex=r"^[0-9]{4}$")
                    | models.Q(kind="gmina", code__regex=r"^[0-9]{7}$")
                ),
                name="territory_code_matches_kind",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.kind == self.Kind.VOIVODESHIP:
            return _("%(name)s voivodeship") % {"name": self.name}
        if self.kind == self.Kind.POWIAT:
            if self.subkind:
                return f"{self.name} ({self.subkind})"
            return _("powiat %(name)s") % {"name": self.name}
        return f"{self.name} ({self.subkind})" if self.subkind else self.name

    @property
    def voivodeship_code(self) -> str:
        return self.code[:2]

    @property
    def powiat_code(self) -> str | None:
        return self.code[:4] if len(self.code) >= 4 else None
