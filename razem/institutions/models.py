from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from razem.core.models import TimeStampedModel


class InstitutionQuerySet(models.QuerySet):
    def in_territory(self, code: str):
        return self.filter(territory__code__startswith=code)


class Institution(TimeStampedModel):
    """A public body: a ministry, an office, or a JST (gmina, powiat, voivodeship)."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("ministry")
        CENTRAL_OFFICE = "central_office", _("central office")
        VOIVODESHIP_OFFICE = "voivodeship_office", _("voivodeship office")
        MARSHAL_OFFICE = "marshal_office", _("marshal's office")
        POWIAT = "powiat", _("powiat (starostwo)")
        GMINA = "gmina", _("gmina")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("address slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("territorial unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="institutions",
        help_text=_("For a JST: the voivodeship, powiat or gmina it governs."),
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    liaison_name = models.CharField(
        _("NGO liaison: name"),
        max_length=150,
        blank=True,
        help_text=_("The official public contact of the NGO liaison (pełnomocnik)."),
    )
    liaison_email = models.EmailField(_("NGO liaison: e-mail"), blank=True)
    liaison_phone = models.CharField(_("NGO liaison: phone"), max_length=40, blank=True)
    consultation_min_days = models.PositiveIntegerField(
        _("minimum length of a consultation in days"),
        default=14,
        help_text=_("A shorter consultation needs a recorded justification."),
    )
    require_staff_2fa = models.BooleanField(
        _("staff must use two-factor authentication"), default=False
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        message = territory_mismatch(self.kind, self.territory)
        if message:
            raise ValidationError({"territory": message})

    def get_absolute_url(self) -> str:
        return reverse("institutions:detail", kwargs={"slug": self.slug})


# A JST governs a territory of one level; national bodies govern none.
TERRITORY_KIND_FOR = {
    Institution.Kind.GMINA: "gmina",
    Institution.Kind.POWIAT: "powiat",
    Institution.Kind.MARSHAL_OFFICE: "voivodeship",
    Institution.Kind.VOIVODESHIP_OFFICE: "voivodeship",
}
NATIONAL_KINDS = {Institution.Kind.MINISTRY, Institution.Kind.CENTRAL_OFFICE}


def territory_mismatch(kind: str, territory) -> str | None:
    """Why `territory` cannot belong to an institution of `kind`, or None if it can."""
    wanted = TERRITORY_KIND_FOR.get(kind)
    if wanted == "gmina" and (territory is None or territory.kind != wanted):
        return _(
            "A gmina office must have a gmina (7-digit TERC code) as its territory."
        )
    if wanted == "powiat" and (territory is None or territory.kind != wanted):
        return _("A starostwo must have a powiat (4-digit TERC code) as its territory.")
    if wanted == "voivodeship" and (territory is None or territory.kind != wanted):
        return _(
            "A voivodeship or marshal's office must have a voivodeship "
            "(2-digit TERC code) as its territory."
        )
    if kind in NATIONAL_KINDS and territory is not None:
        return _(
            "A ministry or central office works nationwide: leave the territory empty."
        )
    return None


class Unit(TimeStampedModel):
    """A department of an institution, responsible for some matters."""

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="units",
    )
    name = models.CharField(_("name"), max_length=300)
    responsibilities = models.TextField(_("responsibilities"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "name"], name="unit_name_unique_in_institution"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ThematicGroup(TimeStampedModel):
    """An institution's own grouping of its tasks, mapped onto public benefit areas."""

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="thematic_groups",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    areas = models.ManyToManyField(
        "areas.PublicBenefitArea",
        verbose_name=_("public benefit areas"),
        blank=True,
        related_name="thematic_groups",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="thematic_groups",
    )

    class Meta:
        verbose_name = _("thematic group")
        verbose_name_plural = _("thematic groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "name"],
                name="thematic_group_unique_in_institution",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def directory_url(self) -> str:
        """The organisation directory filtered by this group's areas.

        Prefetch `areas` when calling it for many groups.
        """
        codes = [("area", area.code) for area in self.areas.all()]
        return reverse("organisations:list") + "?" + urlencode(codes)


class InstitutionStaff(TimeStampedModel):
    """A person working for an institution, optionally in a unit; maybe its liaison."""

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="staff",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="institution_roles",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )
    is_liaison = models.BooleanField(_("NGO liaison"), default=False)
    is_manager = models.BooleanField(
        _("manages the institution's staff and profile"), default=False
    )

    class Meta:
        verbose_name = _("institution staff member")
        verbose_name_plural = _("institution staff")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "user"], name="staff_unique_per_institution"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.institution}"
