from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from razem.core.models import TimeStampedModel
from razem.organisations.validators import validate_krs, validate_nip, validate_regon


class LegalForm(models.TextChoices):
    STOWARZYSZENIE = "stowarzyszenie", _("association (stowarzyszenie)")
    FUNDACJA = "fundacja", _("foundation (fundacja)")
    STOWARZYSZENIE_ZWYKLE = (
        "stowarzyszenie_zwykle",
        _("ordinary association (stowarzyszenie zwykłe)"),
    )
    SPOLDZIELNIA_SOCJALNA = (
        "spoldzielnia_socjalna",
        _("social cooperative (spółdzielnia socjalna)"),
    )
    KOLO_GOSPODYN_WIEJSKICH = (
        "kolo_gospodyn_wiejskich",
        _("rural housewives' club (koło gospodyń wiejskich)"),
    )
    KOSCIELNA_OSOBA_PRAWNA = (
        "koscielna_osoba_prawna",
        _("church legal entity (kościelna osoba prawna)"),
    )
    GRUPA_NIEFORMALNA = "grupa_nieformalna", _("informal group (grupa nieformalna)")
    INNA = "inna", _("other (inna)")


# The Polish names, used to accept either the code or the name on import.
LEGAL_FORM_POLISH_NAMES = {
    "stowarzyszenie": LegalForm.STOWARZYSZENIE,
    "fundacja": LegalForm.FUNDACJA,
    "stowarzyszenie zwykłe": LegalForm.STOWARZYSZENIE_ZWYKLE,
    "spółdzielnia socjalna": LegalForm.SPOLDZIELNIA_SOCJALNA,
    "koło gospodyń wiejskich": LegalForm.KOLO_GOSPODYN_WIEJSKICH,
    "kościelna osoba prawna": LegalForm.KOSCIELNA_OSOBA_PRAWNA,
    "grupa nieformalna": LegalForm.GRUPA_NIEFORMALNA,
    "inna": LegalForm.INNA,
}


class OrganisationQuerySet(models.QuerySet):
    def in_territory(self, code: str):
        """Seated in the unit with TERC `code` or anywhere below it."""
        return self.filter(seat__code__startswith=code)

    def verified(self):
        return self.filter(is_verified=True)


class Organisation(TimeStampedModel):
    """An NGO, a social-economy entity or an informal group in the public registry."""

    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    slug = models.SlugField(_("address slug"), max_length=120, unique=True)
    legal_form = models.CharField(
        _("legal form"), max_length=30, choices=LegalForm.choices
    )
    krs = models.CharField(
        _("KRS number"),
        max_length=10,
        blank=True,
        validators=[validate_krs],
        help_text=_("10 digits, from the National Court Register."),
    )
    nip = models.CharField(
        _("NIP"),
        max_length=10,
        blank=True,
        validators=[validate_nip],
        help_text=_("10 digits."),
    )
    regon = models.CharField(
        _("REGON"),
        max_length=14,
        blank=True,
        validators=[validate_regon],
        help_text=_("9 or 14 digits."),
    )
    seat = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("seat"),
        on_delete=models.PROTECT,
        related_name="seated_organisations",
        help_text=_("The gmina (or powiat) where the organisation has its seat."),
    )
    activity_territories = models.ManyToManyField(
        "territories.Territory",
        verbose_name=_("area of activity"),
        blank=True,
        related_name="active_organisations",
    )
    areas = models.ManyToManyField(
        "areas.PublicBenefitArea",
        verbose_name=_("public benefit areas"),
        blank=True,
        related_name="organisations",
    )
    is_public_benefit = models.BooleanField(
        _("public benefit organisation (OPP)"), default=False
    )
    description = models.TextField(_("description"), blank=True)
    resources = models.TextField(
        _("resources and experience offered for cooperation"),
        blank=True,
        help_text=_(
            "Rooms, equipment, volunteers, expertise you can share with others."
        ),
    )
    networks = models.TextField(_("membership of networks and federations"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/%Y/", blank=True)
    is_verified = models.BooleanField(_("verified"), default=False)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="verified_organisations",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["krs"],
                condition=~models.Q(krs=""),
                name="organisation_krs_unique",
            ),
            models.UniqueConstraint(
                fields=["nip"],
                condition=~models.Q(nip=""),
                name="organisation_nip_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(krs="") | models.Q(krs__regex=r"^[0-9]{10}$"),
                name="organisation_krs_10_digits",
            ),
            models.CheckConstraint(
                condition=(models.Q(lat__isnull=True) & models.Q(lon__isnull=True))
                | (
                    models.Q(lat__isnull=False, lon__isnull=False)
                    & models.Q(lat__gte=-90, lat__lte=90)
                    & models.Q(lon__gte=-180, lon__lte=180)
                ),
                name="organisation_coordinates_valid",
            ),
        ]
        indexes = [models.Index(fields=["legal_form"]), models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"slug": self.slug})


class Membership(TimeStampedModel):
    """A person's role in an organisation; pending until a representative approves it."""

    class Role(models.TextChoices):
        REPRESENTATIVE = "representative", _("representative")
        MEMBER = "member", _("member")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    message = models.TextField(
        _("message to the representatives"), blank=True, max_length=2000
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="membership_unique_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"
