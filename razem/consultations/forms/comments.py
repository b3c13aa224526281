"""Forms of commenting: a comment (new or changed), an abuse report, a written
opinion entered by staff, and the moderators' decisions.

Field names match the `field` of ConsultationError (justification,
proposed_wording, organisation, author_name, channel, received_at, section,
hidden_reason, reason, attachments), so a service's refusal lands on its input.
The services validate again and do the writing.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from razem.consultations.models import COMMENT_TEXT_MAX, TEXT_MAX, Comment, Section
from razem.consultations.services.comment_files import MAX_ATTACHMENTS
from razem.consultations.services.comments import NAME_MAX
from razem.core.forms import Form
from razem.core.uploads import validate_document
from razem.organisations.models import Membership, Organisation

ATTACHMENT_TYPES = ".pdf,.docx,.odt,.xlsx,.ods"
REASON_MAX = 2000
GENERAL = "calosc"  # the "section" choice of a comment on the whole document


def member_organisations(user):
    """Organisations in which `user` has an approved membership, by name."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        pk__in=Membership.objects.filter(
            user=user, status=Membership.Status.APPROVED
        ).values("organisation_id")
    ).order_by("name")


class OrganisationField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _describe_help_texts(form) -> None:
    """Tie each field's help text (rendered with id `<auto_id>_helptext`) to its
    input for screen readers; errors are added by AccessibleFormMixin."""
    for name, field in form.fields.items():
        if field.help_text and not isinstance(field.widget, forms.RadioSelect):
            field.widget.attrs["aria-describedby"] = f"{form[name].auto_id}_helptext"


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to `limit` documents in one input, each checked by content and size."""

    widget = MultipleFileInput

    def __init__(self, *, limit: int = MAX_ATTACHMENTS, **kwargs):
        self.limit = limit
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ATTACHMENT_TYPES)

    def clean(self, data, initial=None):
        files = [f for f in (data or []) if f] if isinstance(data, list | tuple) else []
        if data and not isinstance(data, list | tuple):
            files = [data]
        if len(files) > self.limit:
            raise ValidationError(
                ngettext(
                    "You can attach at most %(n)s file.",
                    "You can attach at most %(n)s files.",
                    self.limit,
                )
                % {"n": self.limit},
                code="too_many",
            )
        errors = []
        cleaned = []
        for file in files:
            file = super().clean(file, initial)
            try:
                validate_document(file)
            except ValidationError as exc:
                errors.append(ValidationError(f"{file.name}: {exc.messages[0]}"))
            cleaned.append(file)
        if errors:
            raise ValidationError(errors)
        return cleaned


def _text(label, max_length, *, required=False, rows=5, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        strip=True,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _attachments_help(limit: int) -> str:
    return ngettext(
        "Up to %(n)s file: PDF, DOCX, ODT, XLSX or ODS. Files are checked by "
        "their content.",
        "Up to %(n)s files: PDF, DOCX, ODT, XLSX or ODS. Files are checked by "
        "their content.",
        limit,
    ) % {"n": limit}


class _WordingMixin:
    """The three texts of every comment."""

    def _add_wording(self, *, general: bool) -> None:
        self.fields["current_wording"] = _text(
            _("Wording you refer to") if general else _("Current wording"),
            TEXT_MAX,
            rows=6,
            help_text=(
                _("Optional: quote the part of the draft your comment is about.")
                if general
                else _(
                    "Filled in with the text of the section; shorten it to the part "
                    "your comment is about."
                )
            ),
        )
        self.fields["proposed_wording"] = _text(
            _("Proposed wording"),
            COMMENT_TEXT_MAX,
            rows=6,
            help_text=_("How the text should read; leave empty to propose deleting."),
        )
        self.fields["justification"] = _text(
            _("Justification"), COMMENT_TEXT_MAX, required=True, rows=8
        )


class CommentForm(_WordingMixin, Form):
    """A new online comment on a section or on the whole document."""

    def __init__(self, *args, consultation, section: Section | None, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.section = section
        version = consultation.current_version
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False
        )
        if not self.is_bound:
            self.initial.setdefault("version", version.number if version else None)
            if section is not None:
                self.initial.setdefault("current_wording", section.text)
        self._add_wording(general=section is None)
        must = consultation.participation == consultation.Participation.ORGANISATIONS
        # Always present so that a tampered value is refused, not ignored; shown to
        # people who belong to an organisation.
        self.fields["organisation"] = OrganisationField(
            label=_("On behalf of an organisation"),
            queryset=member_organisations(user),
            required=must,
            empty_label=None if must else _("no, in my own name"),
            help_text=_(
                "The organisation's name is shown with the comment and in the "
                "consultation report."
            ),
        )
        self.fields["publish_name"] = forms.BooleanField(
            label=_("My name may be published with the comment and in the report"),
            required=False,
            help_text=_(
                "The names of private individuals are not published unless they "
                "agree; without your consent the comment is shown as made by "
                "a private person. The institution conducting the consultation "
                "sees your name. The names of organisations are always published."
            ),
        )
        self.fields["attachments"] = AttachmentsField(
            label=_("Attachments"), help_text=_attachments_help(MAX_ATTACHMENTS)
        )
        _describe_help_texts(self)

    @property
    def shows_organisation(self) -> bool:
        return self.fields["organisation"].queryset.exists()

    def clean(self):
        data = super().clean()
        number = data.get("version")
        current = self.consultation.current_version
        if number and current is not None and number != current.number:
            # A non-field error, shown at the top: the version field is hidden.
            # Sent again, the form is about the current version.
            self.data = self.data.copy()
            self.data["version"] = str(current.number)
            self.add_error(
                None,
                ValidationError(
                    _(
                        "A new version of the draft has been published since you "
                        "opened this form. Check the current text and send your "
                        "comment again."
                    ),
                    code="old_version",
                ),
            )
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "section": self.section,
            "current_wording": data["current_wording"],
            "proposed_wording": data["proposed_wording"],
            "justification": data["justification"],
            "organisation": data.get("organisation"),
            "publish_name": data["publish_name"],
        }


class CommentEditForm(_WordingMixin, Form):
    """Changes of a comment by its author; attachments can be added up to the limit."""

    def __init__(self, *args, comment: Comment, **kwargs):
        if "initial" not in kwargs:
            kwargs["initial"] = {
                "current_wording": comment.current_wording,
                "proposed_wording": comment.proposed_wording,
                "justification": comment.justification,
            }
        super().__init__(*args, **kwargs)
        self.comment = comment
        self._add_wording(general=comment.section_id is None)
        self.free = max(MAX_ATTACHMENTS - comment.attachments.count(), 0)
        if self.free:
            self.fields["attachments"] = AttachmentsField(
                label=_("Add attachments"),
                limit=self.free,
                help_text=_attachments_help(self.free),
            )
        _describe_help_texts(self)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "current_wording": data["current_wording"],
            "proposed_wording": data["proposed_wording"],
            "justification": data["justification"],
        }


class AbuseReportForm(Form):
    reason = _text(
        _("What is wrong with this comment?"),
        REASON_MAX,
        required=True,
        rows=4,
        help_text=_(
            "E.g. offensive language, personal data of others, advertising. "
            "The moderators of the institution will decide."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _describe_help_texts(self)


def _section_choices(version) -> list[tuple[str, str]]:
    choices = [(GENERAL, _("the whole document"))]
    if version is not None:
        choices += [(s.key, str(s)) for s in version.sections.all()]
    return choices


class OrganisationSlugField(forms.CharField):
    """A registered organisation by its address slug (as in /organizacje/<slug>/)."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        organisation = Organisation.objects.filter(slug=value.strip().lower()).first()
        if organisation is None:
            raise ValidationError(
                _("There is no registered organisation with this address."),
                code="unknown",
            )
        return organisation


class OpinionForm(_WordingMixin, Form):
    """A written opinion received by e-mail, post or at the meeting, entered by
    staff on the sender's behalf."""

    author_name = forms.CharField(
        label=_("Sender's name"),
        max_length=NAME_MAX,
        help_text=_("The person who signed the opinion."),
    )
    organisation = OrganisationSlugField(
        label=_("Registered organisation"),
        required=False,
        max_length=120,
        help_text=_(
            "If the opinion comes from an organisation registered on the platform: "
            "the end of the address of its page, e.g. "
            "stowarzyszenie-przyjaciol-gostynia."
        ),
    )
    organisation_name = forms.CharField(
        label=_("Other organisation or body"),
        required=False,
        max_length=300,
        help_text=_("The name of a body not registered on the platform."),
    )
    channel = forms.ChoiceField(
        label=_("How the opinion came"),
        widget=forms.RadioSelect,
        choices=[
            (c.value, c.label)
            for c in (
                Comment.Channel.EMAIL,
                Comment.Channel.POST,
                Comment.Channel.MEETING,
            )
        ],
    )
    received_at = forms.DateField(
        label=_("Received on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.version = consultation.current_version
        self.fields["section"] = forms.ChoiceField(
            label=_("Section"), choices=_section_choices(self.version)
        )
        self._add_wording(general=True)
        self.fields["current_wording"].help_text = _(
            "Leave empty to take the text of the chosen section."
        )
        self.fields["publish_name"] = forms.BooleanField(
            label=_("The sender agreed to the publication of their name"),
            required=False,
            help_text=_(
                "The names of private individuals are published only with their "
                "consent; organisations' names are always published."
            ),
        )
        self.fields["attachments"] = AttachmentsField(
            label=_("Attachments"),
            help_text=_(
                "E.g. the scanned letter. Up to %(n)s files: PDF, DOCX, ODT, XLSX "
                "or ODS."
            )
            % {"n": MAX_ATTACHMENTS},
        )
        _describe_help_texts(self)

    def clean_received_at(self):
        received = self.cleaned_data["received_at"]
        if received > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."), code="future")
        return received

    def clean(self):
        data = super().clean()
        if data.get("organisation") and data.get("organisation_name"):
            self.add_error(
                "organisation_name",
                _("Give either a registered organisation or another body, not both."),
            )
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        section = None
        if data["section"] != GENERAL and self.version is not None:
            section = self.version.sections.filter(key=data["section"]).first()
        return {
            "author_name": data["author_name"],
            "organisation": data.get("organisation"),
            "organisation_name": data.get("organisation_name", ""),
            "channel": data["channel"],
            "received_at": data["received_at"],
            "section": section,
            "current_wording": data["current_wording"] or None,
            "proposed_wording": data["proposed_wording"],
            "justification": data["justification"],
            "publish_name": data["publish_name"],
        }


class ModerationForm(Form):
    """One moderator's decision on one comment (the POST of a row's buttons)."""

    APPROVE, KEEP, HIDE = "approve", "keep", "hide"

    comment = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[(APPROVE, APPROVE), (KEEP, KEEP), (HIDE, HIDE)])
    hidden_reason = forms.CharField(required=False, max_length=REASON_MAX)

    def clean(self):
        data = super().clean()
        if data.get("action") == self.HIDE and not data.get("hidden_reason"):
            self.add_error("hidden_reason", _("Record why the comment is hidden."))
        return data
