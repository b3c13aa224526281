"""Public consultations of drafts: sectioned documents, comments with proposed wording,
official responses, and the consultation report built from them.

A consultation moves draft → published (scheduled, then open within its period, then
closed) → responding → report published. `Consultation.phase` derives the visible
stage from the stored status and the clock; the permission predicates in rules.py
enforce the time windows.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from razem.core.models import TimeStampedModel
from razem.core.uploads import validate_document

TEXT_MAX = 100_000
COMMENT_TEXT_MAX = 10_000
DEFAULT_MIN_DAYS = 14


def _report_path(instance, filename: str) -> str:
    return f"consultations/{instance.pk}/report/{secrets.token_hex(8)}/{filename}"


class Consultation(TimeStampedModel):
    class Kind(models.TextChoices):
        NORMATIVE_ACT = "normative_act", _("draft normative act")
        PROGRAMME = "programme", _("programme")
        STRATEGY = "strategy", _("strategy")
        COOPERATION_PROGRAMME = (
            "cooperation_programme",
            _("yearly programme of cooperation with NGOs"),
        )
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        RESPONDING = "responding", _("responses being prepared")
        REPORTED = "reported", _("report published")

    class Phase(models.TextChoices):
        DRAFT = "draft", _("draft")
        SCHEDULED = "scheduled", _("not yet open")
        OPEN = "open", _("open for comments")
        CLOSED = "closed", _("closed")
        RESPONDING = "responding", _("responses being prepared")
        REPORTED = "reported", _("report published")

    class Participation(models.TextChoices):
        ORGANISATIONS = "organisations", _("organisations only")
        SIGNED_IN = "signed_in", _("anyone signed in")
        INVITED = "invited", _("invited bodies and people only")

    class Moderation(models.TextChoices):
        AFTER = "after", _("comments are public at once")
        BEFORE = "before", _("comments are public after moderation")

    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    unit = models.ForeignKey(
        "institutions.Unit",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    number = models.PositiveIntegerField(
        _("number"), help_text=_("Consecutive within the institution and year.")
    )
    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("address slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    subject = models.TextField(_("subject"), validators=[MaxLengthValidator(TEXT_MAX)])
    legal_basis = models.TextField(_("legal basis"), blank=True, max_length=5000)
    areas = models.ManyToManyField(
        "areas.PublicBenefitArea",
        verbose_name=_("public benefit areas"),
        blank=True,
        related_name="consultations",
    )
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("territory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
        help_text=_("The territory the draft concerns; empty for the whole country."),
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    starts_at = models.DateTimeField(_("comments from"))
    ends_at = models.DateTimeField(_("comments until"))
    min_days = models.PositiveIntegerField(
        _("minimum length in days"),
        default=DEFAULT_MIN_DAYS,
        help_text=_("A shorter period needs a recorded justification."),
    )
    shortened_justification = models.TextField(
        _("why the period is shorter"), blank=True, max_length=5000
    )

    # Forms of consultation
    online_comments = models.BooleanField(_("online comments"), default=True)
    written_opinions = models.BooleanField(
        _("written opinions by e-mail or post"), default=True
    )
    written_opinions_address = models.TextField(
        _("where to send written opinions"), blank=True, max_length=1000
    )
    meeting = models.ForeignKey(
        "events.Event",
        verbose_name=_("consultation meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    questionnaire_url = models.URLField(_("questionnaire"), blank=True)

    participation = models.CharField(
        _("who may comment"),
        max_length=20,
        choices=Participation.choices,
        default=Participation.SIGNED_IN,
    )
    invited_organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("invited organisations"),
        blank=True,
        related_name="consultation_invitations",
    )
    invited_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited people"),
        blank=True,
        related_name="consultation_invitations",
        help_text=_("E.g. the members of the public benefit council."),
    )
    moderation = models.CharField(
        _("moderation"),
        max_length=10,
        choices=Moderation.choices,
        default=Moderation.AFTER,
    )

    report_summary = models.TextField(
        _("summary of the report"),
        blank=True,
        validators=[MaxLengthValidator(TEXT_MAX)],
    )
    report_published_at = models.DateTimeField(
        _("report published"), null=True, blank=True
    )
    report_pdf = models.FileField(
        _("report as PDF"),
        upload_to=_report_path,
        max_length=300,
        blank=True,
        help_text=_("Built in the background when the report is published."),
    )
    report_pdf_built_at = models.DateTimeField(_("PDF built"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lt=models.F("ends_at")),
                name="consultation_starts_before_it_ends",
            ),
            models.UniqueConstraint(
                fields=["institution", "year", "number"],
                name="consultation_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:detail", kwargs={"slug": self.slug})

    @property
    def reference(self) -> str:
        """E.g. K-2026-014: the prefix of every comment's reference number."""
        if self.number is None or self.year is None:
            return ""  # not saved yet: the number is allocated on creation
        return f"K-{self.year}-{self.number:03d}"

    def phase_at(self, now=None) -> str:
        now = now or timezone.now()
        if self.status == self.Status.DRAFT:
            return self.Phase.DRAFT
        if self.status == self.Status.RESPONDING:
            return self.Phase.RESPONDING
        if self.status == self.Status.REPORTED:
            return self.Phase.REPORTED
        if now < self.starts_at:
            return self.Phase.SCHEDULED
        if now < self.ends_at:
            return self.Phase.OPEN
        return self.Phase.CLOSED

    @property
    def phase(self) -> str:
        return self.phase_at()

    def get_phase_display(self) -> str:
        return self.Phase(self.phase).label

    @property
    def is_shortened(self) -> bool:
        return (self.ends_at - self.starts_at).total_seconds() < self.min_days * 86400

    @property
    def current_version(self):
        return self.versions.order_by("-number").first()


class DocumentVersion(TimeStampedModel):
    """One published text of the draft; comments refer to the version they were on."""

    class Source(models.TextChoices):
        PASTED = "pasted", _("pasted text")
        MARKDOWN = "markdown", _("Markdown")
        DOCX = "docx", _("DOCX")
        ODT = "odt", _("ODT")

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    label = models.CharField(
        _("label"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'after consultation'."),
    )
    change_note = models.TextField(_("what changed"), blank=True, max_length=5000)
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.PASTED
    )
    is_final = models.BooleanField(_("final text"), default=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("version of the draft")
        verbose_name_plural = _("versions of the draft")
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="version_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation} — v{self.number}"


class Section(models.Model):
    """A part of a version: chapter, §, article, point, or a programme's heading.

    `key` is stable across versions (derived from the unit's label, e.g. `art-5`,
    `par-3-ust-2`, `priorytet-i/dzialanie-i-1`), so comments and diffs can follow a
    section from one version to the next; it doubles as the HTML anchor.
    """

    version = models.ForeignKey(
        DocumentVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    key = models.CharField(_("identifier"), max_length=200)
    label = models.CharField(
        _("label"), max_length=100, blank=True, help_text=_("E.g. § 3, Art. 5.")
    )
    heading = models.CharField(_("heading"), max_length=500, blank=True)
    text = models.TextField(_("text"), blank=True)
    depth = models.PositiveSmallIntegerField(_("level"), default=0)
    position = models.PositiveIntegerField(_("position"))

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "key"], name="section_key_unique_in_version"
            )
        ]
        indexes = [models.Index(fields=["version", "position"])]

    def __str__(self) -> str:
        return " ".join(p for p in (self.label, self.heading) if p) or self.key

    @property
    def anchor(self) -> str:
        return "s-" + self.key.replace("/", "--")


def _attachment_path(instance, filename: str) -> str:
    return f"consultations/{instance.consultation_id}/{secrets.token_hex(8)}/{filename}"


class Attachment(TimeStampedModel):
    class Kind(models.TextChoices):
        JUSTIFICATION = "justification", _("justification")
        IMPACT_ASSESSMENT = "impact_assessment", _("regulatory impact assessment")
        OTHER = "other", _("other")

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER
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


class Response(TimeStampedModel):
    """The institution's position on one comment or on several similar ones."""

    class Position(models.TextChoices):
        ACCEPTED = "accepted", pgettext_lazy("consultation position", "accepted")
        PARTLY = "partly", pgettext_lazy("consultation position", "partly accepted")
        REJECTED = "rejected", pgettext_lazy("consultation position", "not accepted")
        NOT_APPLICABLE = (
            "not_applicable",
            pgettext_lazy("consultation position", "not applicable"),
        )

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    position = models.CharField(_("position"), max_length=20, choices=Position.choices)
    justification = models.TextField(
        _("justification of the position"),
        validators=[MaxLengthValidator(COMMENT_TEXT_MAX)],
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_position_display()}: {self.justification[:60]}"


class CommentQuerySet(models.QuerySet):
    def public(self):
        return self.filter(visibility=Comment.Visibility.PUBLIC)

    def without_response(self):
        return self.exclude(visibility=Comment.Visibility.HIDDEN).filter(
            response__isnull=True
        )


class Comment(TimeStampedModel):
    """A remark on a section (or the whole draft): current and proposed wording with
    a justification. Numbered within the consultation: K-2026-014/37."""

    class Visibility(models.TextChoices):
        PENDING = "pending", _("waiting for moderation")
        PUBLIC = "public", _("public")
        HIDDEN = "hidden", _("hidden")

    class Channel(models.TextChoices):
        ONLINE = "online", _("online")
        EMAIL = "email", _("by e-mail")
        POST = "post", _("by post")
        MEETING = "meeting", _("at the consultation meeting")

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    number = models.PositiveIntegerField(_("number"))
    version = models.ForeignKey(
        DocumentVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
        help_text=_("Empty for a comment on the whole document."),
    )
    current_wording = models.TextField(
        _("current wording"), blank=True, validators=[MaxLengthValidator(TEXT_MAX)]
    )
    proposed_wording = models.TextField(
        _("proposed wording"),
        blank=True,
        validators=[MaxLengthValidator(COMMENT_TEXT_MAX)],
    )
    justification = models.TextField(
        _("justification"), validators=[MaxLengthValidator(COMMENT_TEXT_MAX)]
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_comments",
    )
    author_name = models.CharField(
        _("author's name"),
        max_length=200,
        help_text=_("As given by the author, or by staff for a written opinion."),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_comments",
    )
    organisation_name = models.CharField(
        _("organisation or body"),
        max_length=300,
        blank=True,
        help_text=_("For written opinions of bodies not registered on the platform."),
    )
    publish_name = models.BooleanField(
        _("my name may be published"),
        default=False,
        help_text=_(
            "Private individuals' names are published only with their consent."
        ),
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.ONLINE
    )
    received_at = models.DateField(_("received on"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    hidden_reason = models.TextField(_("why it is hidden"), blank=True)
    response = models.ForeignKey(
        Response,
        verbose_name=_("response"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="comment_number_unique"
            )
        ]
        indexes = [
            models.Index(fields=["section", "visibility"]),
            models.Index(fields=["consultation", "visibility", "number"]),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"{self.consultation.reference}/{self.number}"

    @property
    def public_author(self) -> str:
        """What the report and public pages show: the organisation's name, the
        person's name only with consent, else "a private person"."""
        if self.organisation_id:
            return self.organisation.name
        if self.organisation_name:
            return self.organisation_name
        if self.publish_name:
            return self.author_name
        return str(_("private person"))


def _comment_attachment_path(instance, filename: str) -> str:
    return f"consultations/comments/{instance.comment_id}/{secrets.token_hex(8)}/{filename}"


class CommentAttachment(TimeStampedModel):
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=_comment_attachment_path,
        max_length=300,
        validators=[validate_document],
    )
    size = models.PositiveIntegerField(_("size in bytes"), default=0)

    class Meta:
        verbose_name = _("attachment to a comment")
        verbose_name_plural = _("attachments to comments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class AbuseReport(TimeStampedModel):
    """Someone flags a comment as abusive; moderators resolve it."""

    comment = models.ForeignKey(
        Comment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        related_name="abuse_reports",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=2000)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="abuse_report_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.comment} — {self.reason[:40]}"


class Subscription(TimeStampedModel):
    """An organisation follows public benefit areas and territories: it is told by
    e-mail when a consultation in them opens and when its report is published."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="consultation_subscription",
    )
    areas = models.ManyToManyField(
        "areas.PublicBenefitArea",
        verbose_name=_("public benefit areas"),
        blank=True,
        related_name="+",
    )
    territories = models.ManyToManyField(
        "territories.Territory",
        verbose_name=_("territories"),
        blank=True,
        related_name="+",
    )
    email = models.EmailField(
        _("e-mail for notices"), blank=True, help_text=_("Empty: the organisation's.")
    )

    class Meta:
        verbose_name = _("subscription to consultations")
        verbose_name_plural = _("subscriptions to consultations")

    def __str__(self) -> str:
        return str(self.organisation)
