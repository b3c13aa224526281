"""Social initiatives on the map: submitted by people, reviewed by a public body."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from razem.core.models import TimeStampedModel
from razem.initiatives.validators import validate_photo

# Poland's rough bounding box (WGS84): a point outside it is a typo or swapped axes.
LAT_MIN, LAT_MAX = 49.0, 54.9
LON_MIN, LON_MAX = 14.1, 24.2
DESCRIPTION_MAX = 5000


class InitiativeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Initiative.Status.PUBLISHED)

    def in_territory(self, code: str):
        """Placed in the unit with TERC `code` or anywhere below it."""
        return self.filter(territory__code__startswith=code)

    def with_area(self, code: str):
        return self.filter(
            pk__in=Initiative.objects.filter(areas__code=code).values("pk")
        )


class Initiative(TimeStampedModel):
    """A local social initiative run by organisations or an informal group.

    Anyone signed in submits one; staff of the reviewing institution publish or reject
    it. Only published initiatives are public, in the list, the search and on the map.
    """

    class Kind(models.TextChoices):
        PROJECT = "project", _("local project")
        EVENT = "event", _("event")
        CAMPAIGN = "campaign", _("social campaign")
        VOLUNTEERING = "volunteering", _("volunteering")
        NEIGHBOURLY_HELP = "neighbourly_help", _("neighbourly help")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("waiting for review")
        PUBLISHED = "published", _("published")
        REJECTED = "rejected", _("rejected")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    description = models.TextField(
        _("description"), validators=[MaxLengthValidator(DESCRIPTION_MAX)]
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("organisations"),
        blank=True,
        related_name="initiatives",
    )
    informal_group = models.CharField(
        _("informal group"),
        max_length=200,
        blank=True,
        help_text=_("The name of the group of residents behind the initiative."),
    )
    areas = models.ManyToManyField(
        "areas.PublicBenefitArea",
        verbose_name=_("public benefit areas"),
        blank=True,
        related_name="initiatives",
    )
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        related_name="initiatives",
        help_text=_("The gmina, powiat or voivodeship where the initiative happens."),
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="submitted_initiatives",
    )
    reviewing_institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("reviewing institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives_to_review",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(
        _("review note"), blank=True, validators=[MaxLengthValidator(2000)]
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="initiative_ends_after_start",
                violation_error_message=_("The end date cannot be before the start."),
            ),
            models.CheckConstraint(
                # isnull=False is spelt out: SQL lets a NULL comparison pass a CHECK.
                condition=(models.Q(lat__isnull=True) & models.Q(lon__isnull=True))
                | (
                    models.Q(lat__isnull=False, lon__isnull=False)
                    & models.Q(lat__gte=LAT_MIN, lat__lte=LAT_MAX)
                    & models.Q(lon__gte=LON_MIN, lon__lte=LON_MAX)
                ),
                name="initiative_point_in_poland",
                violation_error_message=_(
                    "Give both coordinates of a point in Poland, or neither."
                ),
            ),
        ]
        indexes = [models.Index(fields=["status", "start_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if (self.lat is None) != (self.lon is None):
            missing = "lon" if self.lon is None else "lat"
            errors[missing] = _("Give both the latitude and the longitude, or neither.")
        else:
            if self.lat is not None and not LAT_MIN <= self.lat <= LAT_MAX:
                errors["lat"] = _(
                    "The latitude must be between %(min)s and %(max)s (Poland)."
                ) % {"min": LAT_MIN, "max": LAT_MAX}
            if self.lon is not None and not LON_MIN <= self.lon <= LON_MAX:
                errors["lon"] = _(
                    "The longitude must be between %(min)s and %(max)s (Poland)."
                ) % {"min": LON_MIN, "max": LON_MAX}
        if errors:
            raise ValidationError(errors)

    @property
    def is_finished(self) -> bool:
        """Over: derived from the end date, so nothing has to change the status."""
        return self.end_date is not None and self.end_date < timezone.localdate()

    @property
    def is_approximate(self) -> bool:
        """No point of its own: shown at its territory's (powiat) centroid."""
        return self.lat is None

    @property
    def point(self) -> tuple[float, float] | None:
        """(lat, lon): its own point, else its territory's centroid."""
        if self.lat is not None:
            return self.lat, self.lon
        if self.territory.lat is not None:
            return self.territory.lat, self.territory.lon
        return None


class Photo(TimeStampedModel):
    """A photo of an initiative: a PNG, JPEG or WebP image with alternative text."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    image = models.ImageField(
        _("image"), upload_to="initiatives/%Y/%m/", validators=[validate_photo]
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.alt_text
