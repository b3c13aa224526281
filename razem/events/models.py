"""Meetings, conferences, trainings and fairs, with capacity-safe registration.

Seats are held by registrations that are pending approval, confirmed, or offered from
the waiting list (until the offer expires). `services.registration_create` counts and
inserts under a lock on the event row, so an event is never overbooked.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from razem.core.models import TimeStampedModel
from razem.core.uploads import validate_document

DESCRIPTION_MAX = 20_000
OUTCOME_MAX = 50_000


def _token() -> str:
    return secrets.token_urlsafe(24)


def _check_in_code() -> str:
    # 10 characters without look-alikes (0/O, 1/I/L): easy to read out or type.
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class EventSeries(TimeStampedModel):
    """A cycle of events, e.g. four regional conferences (seed 004)."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address slug"), max_length=120, unique=True)
    description = models.TextField(
        _("description"), blank=True, validators=[MaxLengthValidator(DESCRIPTION_MAX)]
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_series",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_series",
    )

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:series", kwargs={"slug": self.slug})


class EventQuerySet(models.QuerySet):
    def public(self):
        """Published or cancelled (a cancelled event stays visible with its notice)."""
        return self.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())

    def in_territory(self, code: str):
        return self.filter(territory__code__startswith=code)

    def with_area(self, code: str):
        return self.filter(pk__in=Event.objects.filter(areas__code=code).values("pk"))

    def organised_by_institution(self, institution_id: int):
        return self.filter(institution_id=institution_id)

    def organised_by_organisation(self, organisation_id: int):
        return self.filter(
            pk__in=Event.objects.filter(organisations__pk=organisation_id).values("pk")
        )


class Event(TimeStampedModel):
    class Kind(models.TextChoices):
        OPEN_MEETING = "open_meeting", _("open meeting")
        CONFERENCE = "conference", _("conference")
        SEMINAR = "seminar", _("seminar")
        TRAINING = "training", _("training")
        WORKSHOP = "workshop", _("workshop")
        FAIR = "fair", _("fair")
        CONSULTATION_MEETING = "consultation_meeting", _("local consultation meeting")
        WORKING_GROUP = "working_group", _("working-group meeting")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid")

    class Approval(models.TextChoices):
        AUTOMATIC = "automatic", _("confirmed at once")
        ORGANISER = "organiser", _("the organiser confirms each registration")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address slug"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("organising institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("organising organisations"),
        blank=True,
        related_name="events",
        help_text=_("Co-organisers pooling their resources."),
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(
        _("description"), validators=[MaxLengthValidator(DESCRIPTION_MAX)]
    )
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    areas = models.ManyToManyField(
        "areas.PublicBenefitArea",
        verbose_name=_("public benefit areas"),
        blank=True,
        related_name="events",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    venue_room = models.CharField(_("room"), max_length=100, blank=True)
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("gmina"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    online_url = models.URLField(
        _("online meeting link"),
        blank=True,
        help_text=_("Shown only to people whose registration is confirmed."),
    )
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    sign_language_on_request = models.BooleanField(
        _("Polish sign language interpreter on request"), default=False
    )
    accessibility_notes = models.TextField(
        _("other accessibility information"), blank=True, max_length=2000
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    # Registration
    registration_enabled = models.BooleanField(_("registration"), default=True)
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Seats in total; empty for no limit."),
    )
    reserved_seats = models.PositiveIntegerField(
        _("reserved seats"),
        default=0,
        help_text=_("Held back by the organiser (e.g. for invited guests)."),
    )
    approval = models.CharField(
        _("confirmation"),
        max_length=20,
        choices=Approval.choices,
        default=Approval.AUTOMATIC,
    )
    per_organisation_limit = models.PositiveIntegerField(
        _("seats per organisation"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty for no limit."),
    )
    max_group_size = models.PositiveIntegerField(
        _("participants per registration"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("More than 1 allows group registration with named participants."),
    )
    offer_hours = models.PositiveIntegerField(
        _("hours to accept a seat offered from the waiting list"),
        default=48,
        validators=[MinValueValidator(1)],
    )
    waiting_list_enabled = models.BooleanField(_("waiting list"), default=True)
    issues_certificates = models.BooleanField(
        _("attendance certificates"), default=False
    )

    # Outcomes (seed 000: minutes, conclusions and recommendations)
    minutes = models.TextField(
        _("minutes"), blank=True, validators=[MaxLengthValidator(OUTCOME_MAX)]
    )
    conclusions = models.TextField(
        _("conclusions"), blank=True, validators=[MaxLengthValidator(OUTCOME_MAX)]
    )
    recommendations = models.TextField(
        _("recommendations"), blank=True, validators=[MaxLengthValidator(OUTCOME_MAX)]
    )
    outcomes_published_at = models.DateTimeField(
        _("outcomes published"), null=True, blank=True
    )

    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancellation_reason = models.TextField(
        _("reason for cancelling"), blank=True, max_length=2000
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lt=models.F("ends_at")),
                name="event_starts_before_it_ends",
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_opens_at__lt=models.F("registration_closes_at")),
                name="event_registration_opens_before_it_closes",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True)
                | Q(reserved_seats__lte=models.F("capacity")),
                name="event_reserved_within_capacity",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def public_capacity(self) -> int | None:
        """Seats open to registration: the capacity less the reserved seats."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.reserved_seats, 0)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    def registration_window_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        closes = self.registration_closes_at or self.starts_at
        return now < closes


class AgendaItem(models.Model):
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="agenda_items",
    )
    starts_at = models.TimeField(_("from"), null=True, blank=True)
    ends_at = models.TimeField(_("until"), null=True, blank=True)
    day = models.DateField(
        _("day"), null=True, blank=True, help_text=_("For events of several days.")
    )
    title = models.CharField(_("title"), max_length=300)
    speakers = models.CharField(_("speakers"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["day", "starts_at", "position", "id"]

    def __str__(self) -> str:
        return self.title


def _attachment_path(instance, filename: str) -> str:
    return f"events/{instance.event_id}/{secrets.token_hex(8)}/{filename}"


class Attachment(TimeStampedModel):
    class Kind(models.TextChoices):
        MATERIAL = "material", _("material")
        OUTCOME = "outcome", _("outcome (minutes, conclusions)")

    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.MATERIAL
    )
    file = models.FileField(
        _("file"),
        upload_to=_attachment_path,
        max_length=300,
        validators=[validate_document],
    )
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    content_type = models.CharField(_("file type"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["kind", "title", "id"]

    def __str__(self) -> str:
        return self.title


class FollowUpAction(TimeStampedModel):
    """Something agreed at the event, with who does it and by when (seed 000)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")

    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="follow_up_actions",
    )
    title = models.CharField(_("action"), max_length=300)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    url = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """An additional question on the registration form."""

    class Kind(models.TextChoices):
        TEXT = "text", _("text")
        CHOICE = "choice", _("choice")
        YES_NO = "yes_no", _("yes / no")
        CONSENT = "consent", _("consent")

    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    label = models.CharField(_("question"), max_length=300)
    help_text = models.TextField(
        _("explanation"),
        blank=True,
        max_length=5000,
        help_text=_("For a consent: the information clause (RODO)."),
    )
    choices = models.JSONField(
        _("choices"), default=list, blank=True, help_text=_("For a choice question.")
    )
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def field_name(self) -> str:
        return f"q_{self.pk}"


class RegistrationQuerySet(models.QuerySet):
    def holding_seats(self, now=None):
        """Pending approval, confirmed, or offered with the offer still valid."""
        now = now or timezone.now()
        return self.filter(
            Q(status__in=Registration.SEAT_STATUSES)
            | Q(status=Registration.Status.OFFERED, offer_expires_at__gt=now)
        )

    def seats_taken(self, now=None) -> int:
        return self.holding_seats(now).aggregate(n=Sum("seats"))["n"] or 0

    def waiting(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by(
            "waitlisted_at", "id"
        )

    def active(self):
        return self.filter(status__in=Registration.ACTIVE_STATUSES)


class Registration(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the organiser's confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("on the waiting list")
        OFFERED = "offered", _("seat offered")
        CANCELLED = "cancelled", _("cancelled")
        DECLINED = "declined", _("declined by the organiser")
        EXPIRED = "expired", _("offer expired")

    SEAT_STATUSES = (Status.PENDING, Status.CONFIRMED)
    ACTIVE_STATUSES = (
        Status.PENDING,
        Status.CONFIRMED,
        Status.WAITLISTED,
        Status.OFFERED,
    )

    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    name = models.CharField(_("name and surname"), max_length=150)
    email = models.EmailField(_("e-mail"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    seats = models.PositiveIntegerField(
        _("seats"), default=1, validators=[MinValueValidator(1)]
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    waitlisted_at = models.DateTimeField(_("joined the waiting list"), null=True)
    offered_at = models.DateTimeField(_("seat offered at"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    token = models.CharField(
        _("personal link key"), max_length=64, unique=True, default=_token
    )
    code = models.CharField(
        _("check-in code"), max_length=12, unique=True, default=_check_in_code
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            # Registering twice is idempotent; this is the database's backstop.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(
                    status__in=["pending", "confirmed", "waitlisted", "offered"]
                ),
                name="registration_one_active_per_email",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.name} — {self.event}"

    def get_absolute_url(self) -> str:
        return reverse("events:registration", kwargs={"token": self.token})

    @property
    def holds_seat(self) -> bool:
        if self.status in self.SEAT_STATUSES:
            return True
        return bool(
            self.status == self.Status.OFFERED
            and self.offer_expires_at
            and self.offer_expires_at > timezone.now()
        )


class Participant(models.Model):
    """A named person attending under a registration (one, or several for a group)."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    name = models.CharField(_("name and surname"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class StandApplication(TimeStampedModel):
    """An organisation's application for a stand at a fair."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a decision")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    event = models.ForeignKey(
        Event,
        verbose_name=_("fair"),
        on_delete=models.CASCADE,
        related_name="stand_applications",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="stand_applications",
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    presentation = models.TextField(
        _("what the organisation will present"), max_length=2000
    )
    needs = models.CharField(
        _("needs (table, power, space)"), max_length=500, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    decision_note = models.TextField(_("note on the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("stand application")
        verbose_name_plural = _("stand applications")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"], name="stand_one_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.event}"
