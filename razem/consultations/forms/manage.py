"""The institution's forms; razem.consultations.services do the writing.

Field names match the services' keyword arguments, so a ConsultationError naming a
field lands on that field. Times are entered in Polish time (Europe/Warsaw) with
native datetime-local inputs.
"""

import re

from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from razem.accounts.models import User
from razem.areas.models import PublicBenefitArea
from razem.consultations.models import (
    COMMENT_TEXT_MAX,
    TEXT_MAX,
    Attachment,
    Comment,
    Consultation,
    Response,
)
from razem.core.forms import Form
from razem.events.models import Event
from razem.institutions.models import Institution, InstitutionStaff, Unit
from razem.organisations.models import Organisation
from razem.territories.forms import TerritoryCodeField
from razem.territories.models import Territory

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
DATETIME_INPUTS = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
MAX_LIST = 500  # invited organisations, people, territories typed in one field


def _datetime(label, help_text=""):
    return forms.DateTimeField(
        label=label,
        input_formats=DATETIME_INPUTS,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format=DATETIME_FORMAT
        ),
        help_text=help_text,
    )


def _text(label, max_length, required=False, rows=None, help_text=""):
    widget = (
        forms.Textarea(attrs={"rows": rows, "maxlength": max_length})
        if rows
        else forms.TextInput(attrs={"maxlength": max_length})
    )
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=widget,
        help_text=help_text,
    )


def _tokens(text: str) -> list[str]:
    """Words separated by spaces, commas, semicolons or new lines, in order, once."""
    seen: dict[str, None] = {}
    for token in re.split(r"[\s,;]+", text or ""):
        if token:
            seen.setdefault(token, None)
    return list(seen)


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class NamedMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.institution.name} — {obj.name}"


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        from django.utils import formats, timezone

        when = formats.date_format(timezone.localtime(obj.starts_at), "j E Y, H:i")
        return f"{obj.title} ({when})"


def institutions_for(user):
    """Institutions the person works for."""
    return Institution.objects.filter(
        pk__in=InstitutionStaff.objects.filter(user=user).values("institution_id")
    ).order_by("name")


class ConsultationForm(Form):
    """Creating (with the institution) and editing a consultation."""

    institution = NamedChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.none(),
        to_field_name="slug",
        help_text=_("An institution you work for."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        widget=forms.TextInput(attrs={"maxlength": 300}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Consultation.Kind.choices)
    subject = forms.CharField(
        label=_("Subject of the consultation"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": TEXT_MAX}),
        validators=[MaxLengthValidator(TEXT_MAX)],
        help_text=_("What the draft is about and what the institution asks about."),
    )
    legal_basis = _text(_("Legal basis"), 5000, rows=3)
    unit = UnitChoiceField(
        label=_("Responsible unit"), required=False, queryset=Unit.objects.none()
    )
    areas = NamedMultipleChoiceField(
        label=_("Public benefit areas"),
        required=False,
        queryset=PublicBenefitArea.objects.order_by("position"),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )
    territory = TerritoryCodeField(
        required=False,
        help_text=_(
            "The territory the draft concerns; empty for the whole country. "
            "2 digits: voivodeship, 4: powiat, 7: gmina, e.g. 3004023."
        ),
    )
    contact_name = _text(_("Contact person"), 150)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = _text(_("Contact phone"), 40)
    starts_at = _datetime(_("Comments from"), help_text=_("Polish time."))
    ends_at = _datetime(_("Comments until"), help_text=_("Polish time."))
    min_days = forms.IntegerField(
        label=_("Minimum length in days"),
        required=False,
        min_value=1,
        max_value=365,
        help_text=_(
            "The institution's usual minimum; a shorter period needs a justification."
        ),
    )
    shortened_justification = _text(
        _("Why the period is shorter"),
        5000,
        rows=3,
        help_text=_("Required when the period is shorter than the minimum."),
    )
    online_comments = forms.BooleanField(label=_("Online comments"), required=False)
    written_opinions = forms.BooleanField(
        label=_("Written opinions by e-mail or post"), required=False
    )
    written_opinions_address = _text(_("Where to send written opinions"), 1000, rows=3)
    meeting = MeetingChoiceField(
        label=_("Consultation meeting"),
        required=False,
        queryset=Event.objects.none(),
        to_field_name="slug",
        help_text=_("An event of the institution."),
    )
    questionnaire_url = forms.URLField(
        label=_("Questionnaire (link)"),
        required=False,
        max_length=200,
        assume_scheme="https",
    )
    participation = forms.ChoiceField(
        label=_("Who may comment"), choices=Consultation.Participation.choices
    )
    invited_organisations = forms.CharField(
        label=_("Invited organisations"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Address slugs or KRS numbers of organisations registered on the "
            "platform, separated by spaces, commas or new lines."
        ),
    )
    invited_people = forms.CharField(
        label=_("Invited people"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "E-mail addresses of people signed up on the platform (e.g. the members "
            "of the public benefit council), separated by spaces, commas or new "
            "lines."
        ),
    )
    moderation = forms.ChoiceField(
        label=_("Moderation"), choices=Consultation.Moderation.choices
    )

    SCALARS = (
        "title kind subject legal_basis contact_name contact_email contact_phone "
        "starts_at ends_at min_days shortened_justification online_comments "
        "written_opinions written_opinions_address questionnaire_url participation "
        "moderation"
    ).split()

    SECTIONS = (
        (_("The consultation"), "institution title kind subject legal_basis unit"),
        (_("Scope"), "areas territory"),
        (_("Contact"), "contact_name contact_email contact_phone"),
        (_("Period"), "starts_at ends_at min_days shortened_justification"),
        (
            _("Forms of consultation"),
            "online_comments written_opinions written_opinions_address meeting "
            "questionnaire_url",
        ),
        (
            _("Participation"),
            "participation invited_organisations invited_people moderation",
        ),
    )

    def __init__(self, *args, user, consultation: Consultation | None = None, **kw):
        self.user = user
        self.consultation = consultation
        if "initial" not in kw:
            kw["initial"] = (
                self._initial_from(consultation)
                if consultation is not None
                else {"online_comments": True, "written_opinions": True}
            )
        super().__init__(*args, **kw)
        if consultation is not None:
            del self.fields["institution"]
            institutions = Institution.objects.filter(pk=consultation.institution_id)
        else:
            institutions = institutions_for(user)
            self.fields["institution"].queryset = institutions
            first = list(institutions[:2])
            if len(first) == 1 and not self.is_bound:
                self.initial["institution"] = first[0].slug
            if first and not self.is_bound and "min_days" not in self.initial:
                self.initial["min_days"] = first[0].consultation_min_days
        self.fields["unit"].queryset = (
            Unit.objects.filter(institution__in=institutions)
            .select_related("institution")
            .order_by("institution__name", "name")
        )
        meetings = Event.objects.filter(institution__in=institutions)
        if consultation is not None and consultation.meeting_id:
            meetings = Event.objects.filter(
                Q(institution__in=institutions) | Q(pk=consultation.meeting_id)
            )
        self.fields["meeting"].queryset = meetings.order_by("-starts_at")

    @staticmethod
    def _initial_from(consultation: Consultation) -> dict:
        from django.utils import timezone

        initial = {
            name: getattr(consultation, name) for name in ConsultationForm.SCALARS
        }
        for name in ("starts_at", "ends_at"):
            initial[name] = timezone.localtime(initial[name])
        initial.update(
            unit=consultation.unit_id,
            areas=[a.code for a in consultation.areas.all()],
            territory=consultation.territory.code if consultation.territory else "",
            meeting=consultation.meeting.slug if consultation.meeting else None,
            invited_organisations="\n".join(
                o.slug for o in consultation.invited_organisations.order_by("name")
            ),
            invited_people="\n".join(
                u.email for u in consultation.invited_people.order_by("email")
            ),
        )
        return initial

    def sections(self) -> list[tuple[str, list]]:
        """(heading, bound fields) in the order the page shows them."""
        return [
            (heading, [self[n] for n in names.split() if n in self.fields])
            for heading, names in self.SECTIONS
        ]

    def _institution(self) -> Institution | None:
        if self.consultation is not None:
            return self.consultation.institution
        return self.cleaned_data.get("institution")

    def clean_invited_organisations(self) -> list[Organisation]:
        tokens = _tokens(self.cleaned_data.get("invited_organisations", ""))
        if len(tokens) > MAX_LIST:
            raise forms.ValidationError(
                _("At most %(n)s organisations.") % {"n": MAX_LIST}
            )
        if not tokens:
            return []
        found = list(
            Organisation.objects.filter(Q(slug__in=tokens) | Q(krs__in=tokens))
        )
        known = {o.slug for o in found} | {o.krs for o in found if o.krs}
        unknown = [t for t in tokens if t not in known]
        if unknown:
            raise forms.ValidationError(
                _(
                    "No organisation on the platform has this address or KRS number: "
                    "%(list)s."
                )
                % {"list": ", ".join(unknown[:20])}
            )
        return found

    def clean_invited_people(self) -> list:
        tokens = [t.lower() for t in _tokens(self.cleaned_data.get("invited_people"))]
        if len(tokens) > MAX_LIST:
            raise forms.ValidationError(_("At most %(n)s people.") % {"n": MAX_LIST})
        if not tokens:
            return []
        found = list(
            User.objects.annotate(address=Lower("email")).filter(address__in=tokens)
        )
        known = {u.email.lower() for u in found}
        unknown = [t for t in tokens if t not in known]
        if unknown:
            raise forms.ValidationError(
                _("No one is signed up with this e-mail address: %(list)s.")
                % {"list": ", ".join(unknown[:20])}
            )
        return found

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and starts >= ends:
            self.add_error("ends_at", _("The end must be after the start."))
        institution = self._institution()
        if institution is not None:
            unit = data.get("unit")
            if unit is not None and unit.institution_id != institution.pk:
                self.add_error("unit", _("Choose a unit of this institution."))
            meeting = data.get("meeting")
            if (
                meeting is not None
                and meeting.institution_id != institution.pk
                and not (
                    self.consultation is not None
                    and meeting.pk == self.consultation.meeting_id
                )
            ):
                self.add_error("meeting", _("Choose an event of this institution."))
            # The institution's minimum, or a lower one a consultation already had.
            floor = institution.consultation_min_days
            if self.consultation is not None:
                floor = min(floor, self.consultation.min_days)
            if data.get("min_days") is None and "min_days" in data:
                data["min_days"] = institution.consultation_min_days
            elif data.get("min_days") is not None and data["min_days"] < floor:
                self.add_error(
                    "min_days",
                    _(
                        "The institution's minimum is %(n)s days; record a "
                        "justification of a shorter period instead."
                    )
                    % {"n": floor},
                )
        return data

    def service_kwargs(self) -> dict:
        """Keyword arguments of consultation_create / consultation_update (without
        the invitations, which invitations_set writes)."""
        data = dict(self.cleaned_data)
        data.pop("invited_organisations", None)
        data.pop("invited_people", None)
        data["areas"] = list(data.get("areas") or [])
        data["territory"] = data.get("territory") or None
        if self.consultation is not None:
            # The inputs have minutes only: an unchanged time keeps its seconds, so
            # an open consultation is not refused as if its start had moved.
            for name in ("starts_at", "ends_at"):
                stored = getattr(self.consultation, name)
                if data.get(name) == stored.replace(second=0, microsecond=0):
                    data[name] = stored
        return data

    def invitations(self) -> dict:
        return {
            "organisations": self.cleaned_data.get("invited_organisations") or [],
            "people": self.cleaned_data.get("invited_people") or [],
        }


class AttachmentForm(Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        widget=forms.TextInput(attrs={"maxlength": 200}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Attachment.Kind.choices)
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt,.xlsx,.ods"}),
        help_text=_("PDF, DOCX, ODT, XLSX or ODS, at most 10 MB."),
    )


class CommentFilterForm(Form):
    """The responses table's filters (GET)."""

    section = forms.ChoiceField(label=_("Section"), required=False)
    without = forms.BooleanField(label=_("Only without a position"), required=False)

    def __init__(self, *args, section_choices: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("all"))] + section_choices


class ResponseForm(Form):
    """One position on one or more comments."""

    comments = forms.ModelMultipleChoiceField(
        label=_("Comments"),
        queryset=Comment.objects.none(),
        widget=forms.MultipleHiddenInput,
        error_messages={
            "required": _("Choose at least one comment."),
            "invalid_choice": _("Some of the chosen comments are not in this list."),
            "invalid_pk_value": _("Some of the chosen comments are not in this list."),
        },
    )
    position = forms.ChoiceField(
        label=_("Position of the institution"),
        choices=[("", "---------")] + list(Response.Position.choices),
    )
    justification = forms.CharField(
        label=_("Justification of the position"),
        max_length=COMMENT_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": COMMENT_TEXT_MAX}),
    )

    def __init__(self, *args, consultation: Consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comments"].queryset = Comment.objects.filter(
            consultation=consultation
        ).exclude(visibility=Comment.Visibility.HIDDEN)


class ReportPublishForm(Form):
    summary = forms.CharField(
        label=_("Summary of the report"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 10, "maxlength": TEXT_MAX}),
        help_text=_(
            "How the consultation went and what changed in the draft; shown above "
            "the table of comments and positions."
        ),
    )


class SubscriptionForm(Form):
    areas = NamedMultipleChoiceField(
        label=_("Public benefit areas"),
        required=False,
        queryset=PublicBenefitArea.objects.order_by("position"),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )
    territories = forms.CharField(
        label=_("Territories (TERC codes)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "inputmode": "numeric"}),
        help_text=_(
            "2 digits: voivodeship, 4: powiat, 7: gmina, e.g. 30 3004 3004023; "
            "separated by spaces, commas or new lines. A voivodeship includes its "
            "powiats and gminas."
        ),
    )
    email = forms.EmailField(
        label=_("E-mail for notices"),
        required=False,
        help_text=_("Empty: the organisation's address."),
    )

    def clean_territories(self) -> list[Territory]:
        codes = _tokens(self.cleaned_data.get("territories", ""))
        if len(codes) > MAX_LIST:
            raise forms.ValidationError(
                _("At most %(n)s territories.") % {"n": MAX_LIST}
            )
        found = {t.code: t for t in Territory.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(
                _("Unknown TERC code: %(codes)s.") % {"codes": ", ".join(unknown[:20])}
            )
        return [found[c] for c in codes]
