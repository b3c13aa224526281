"""The organiser's forms; the services in razem.events.services.events do the writing.

Field names match the services' keyword arguments, so an EventError naming a field
lands on that field. Times are entered in the project's time zone (Europe/Warsaw)
with native datetime-local inputs.
"""

from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from razem.areas.models import PublicBenefitArea
from razem.core.forms import Form
from razem.events.models import (
    DESCRIPTION_MAX,
    OUTCOME_MAX,
    Attachment,
    Event,
    EventSeries,
    FollowUpAction,
    Question,
)
from razem.events.services.events import POLAND_LAT, POLAND_LON
from razem.institutions.models import Institution, InstitutionStaff
from razem.organisations.models import Membership, Organisation
from razem.territories.forms import GminaChoiceField

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
DATETIME_INPUTS = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def _datetime(label, required=True, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=required,
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
        else forms.TextInput()
    )
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=widget,
        help_text=help_text,
    )


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class NamedMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class SeriesChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


def institutions_for(user, current: Institution | None = None):
    """Institutions the person may name as organiser: where they work (any, for a
    platform administrator), plus the event's current one."""
    if user.is_superuser:
        extra = Q(pk__isnull=False)
    else:
        extra = Q(
            pk__in=InstitutionStaff.objects.filter(user=user).values("institution_id")
        )
    if current is not None:
        extra |= Q(pk=current.pk)
    return Institution.objects.filter(extra).order_by("name")


def organisations_for(user, current=()):
    """Organisations the person represents, plus the event's current ones."""
    extra = Q(
        pk__in=Membership.objects.filter(
            user=user,
            role=Membership.Role.REPRESENTATIVE,
            status=Membership.Status.APPROVED,
        ).values("organisation_id")
    )
    ids = [o.pk for o in current]
    if ids:
        extra |= Q(pk__in=ids)
    return Organisation.objects.filter(extra).order_by("name")


def series_for(user, current: EventSeries | None = None):
    """Series of the organisers the person may act for."""
    institutions = institutions_for(user).values("pk")
    organisations = organisations_for(user).values("pk")
    condition = Q(institution__in=institutions) | Q(organisation__in=organisations)
    if current is not None:
        condition |= Q(pk=current.pk)
    return EventSeries.objects.filter(condition).order_by("title")


class EventForm(Form):
    """Creating and editing an event."""

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=Event.Kind.choices)
    summary = _text(
        _("Summary"), 300, help_text=_("One or two sentences shown in lists.")
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": DESCRIPTION_MAX}),
        validators=[MaxLengthValidator(DESCRIPTION_MAX)],
        help_text=_("Plain text: what the event is about and what to prepare."),
    )
    audience = _text(
        _("Audience"), 300, help_text=_("e.g. NGO representatives, local leaders.")
    )
    institution = NamedChoiceField(
        label=_("Organising institution"),
        required=False,
        queryset=Institution.objects.none(),
        to_field_name="slug",
        help_text=_("An institution you work for."),
    )
    organisations = NamedMultipleChoiceField(
        label=_("Organising organisations"),
        required=False,
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Organisations you represent. Name an institution, organisations, or both."
        ),
    )
    series = SeriesChoiceField(
        label=_("Series"),
        required=False,
        queryset=EventSeries.objects.none(),
        to_field_name="slug",
        help_text=_("Part of a cycle of events of the same organiser (optional)."),
    )
    areas = NamedMultipleChoiceField(
        label=_("Public benefit areas"),
        required=False,
        queryset=PublicBenefitArea.objects.order_by("position"),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )
    starts_at = _datetime(_("Starts at"), help_text=_("Polish time."))
    ends_at = _datetime(_("Ends at"), help_text=_("Polish time."))
    format = forms.ChoiceField(label=_("Format"), choices=Event.Format.choices)
    venue_name = _text(_("Venue"), 200)
    venue_address = _text(_("Address"), 300)
    venue_room = _text(_("Room"), 100)
    lat = forms.FloatField(
        label=_("Latitude (optional)"),
        required=False,
        min_value=POLAND_LAT[0],
        max_value=POLAND_LAT[1],
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_("The point on the map, e.g. 51.8781."),
    )
    lon = forms.FloatField(
        label=_("Longitude (optional)"),
        required=False,
        min_value=POLAND_LON[0],
        max_value=POLAND_LON[1],
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_("e.g. 17.0071"),
    )
    online_url = forms.URLField(
        label=_("Online meeting link"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("Shown only to people whose registration is confirmed."),
    )
    step_free_access = forms.BooleanField(label=_("Step-free access"), required=False)
    induction_loop = forms.BooleanField(label=_("Induction loop"), required=False)
    sign_language_on_request = forms.BooleanField(
        label=_("Polish sign language interpreter on request"), required=False
    )
    accessibility_notes = _text(_("Other accessibility information"), 2000, rows=3)
    contact_name = _text(_("Contact person"), 150)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = _text(_("Contact phone"), 40)
    registration_enabled = forms.BooleanField(
        label=_("Registration through the platform"), required=False
    )
    registration_opens_at = _datetime(
        _("Registration opens"),
        required=False,
        help_text=_("Empty: open as soon as the event is published."),
    )
    registration_closes_at = _datetime(
        _("Registration closes"),
        required=False,
        help_text=_("Empty: when the event starts."),
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=0,
        help_text=_("Seats in total; empty for no limit."),
    )
    reserved_seats = forms.IntegerField(
        label=_("Reserved seats"),
        required=False,
        min_value=0,
        help_text=_("Held back by the organiser (e.g. for invited guests)."),
    )
    approval = forms.ChoiceField(
        label=_("Confirmation"), choices=Event.Approval.choices
    )
    per_organisation_limit = forms.IntegerField(
        label=_("Seats per organisation"),
        required=False,
        min_value=1,
        help_text=_("Empty for no limit."),
    )
    max_group_size = forms.IntegerField(
        label=_("Participants per registration"),
        min_value=1,
        max_value=100,
        initial=1,
        help_text=_("More than 1 allows group registration with named participants."),
    )
    offer_hours = forms.IntegerField(
        label=_("Hours to accept a seat offered from the waiting list"),
        min_value=1,
        max_value=720,
        initial=48,
    )
    waiting_list_enabled = forms.BooleanField(
        label=_("Waiting list when the event is full"), required=False
    )
    issues_certificates = forms.BooleanField(
        label=_("Attendance certificates"), required=False
    )
    publish = forms.BooleanField(
        label=_("Publish now"),
        required=False,
        help_text=_("Otherwise the event is saved as a draft only organisers see."),
    )

    SCALARS = (
        "title kind summary description audience starts_at ends_at format venue_name "
        "venue_address venue_room lat lon online_url step_free_access induction_loop "
        "sign_language_on_request accessibility_notes contact_name contact_email "
        "contact_phone registration_enabled registration_opens_at "
        "registration_closes_at approval per_organisation_limit max_group_size "
        "offer_hours waiting_list_enabled issues_certificates capacity reserved_seats"
    ).split()

    def __init__(self, *args, user, event: Event | None = None, **kwargs):
        self.event = event
        if event is not None and "initial" not in kwargs:
            initial = {name: getattr(event, name) for name in self.SCALARS}
            initial.update(
                institution=event.institution.slug if event.institution else None,
                organisations=[o.slug for o in event.organisations.all()],
                series=event.series.slug if event.series else None,
                areas=[a.code for a in event.areas.all()],
                territory=event.territory.code if event.territory else None,
            )
            kwargs["initial"] = initial
        elif event is None and "initial" not in kwargs:
            kwargs["initial"] = {
                "registration_enabled": True,
                "waiting_list_enabled": True,
                "reserved_seats": 0,
            }
        super().__init__(*args, **kwargs)
        current_orgs = list(event.organisations.all()) if event else []
        self.fields["institution"].queryset = institutions_for(
            user, event.institution if event else None
        )
        self.fields["organisations"].queryset = organisations_for(user, current_orgs)
        self.fields["series"].queryset = series_for(
            user, event.series if event else None
        )
        # Built per form: GminaChoiceField reads its choices when it is created.
        self.fields["territory"] = GminaChoiceField(
            label=_("Gmina"),
            required=False,
            help_text=_("The gmina where the event takes place (TERC code)."),
        )
        if event is not None:
            del self.fields["publish"]
        # Offer only what the person can choose; one institution is preselected.
        institutions = self.fields["institution"].queryset
        if not institutions.exists():
            del self.fields["institution"]
        elif event is None and not self.is_bound and len(institutions[:2]) == 1:
            self.initial["institution"] = institutions[0].slug
        if not self.fields["organisations"].queryset.exists():
            del self.fields["organisations"]

    SECTIONS = (
        (_("The event"), "title kind summary description audience"),
        (_("Organisers"), "institution organisations series areas"),
        (
            _("When and where"),
            "starts_at ends_at format venue_name venue_address venue_room territory "
            "lat lon online_url",
        ),
        (
            _("Accessibility"),
            "step_free_access induction_loop sign_language_on_request "
            "accessibility_notes",
        ),
        (_("Contact"), "contact_name contact_email contact_phone"),
        (
            _("Registration"),
            "registration_enabled registration_opens_at registration_closes_at "
            "capacity reserved_seats approval per_organisation_limit max_group_size "
            "waiting_list_enabled offer_hours issues_certificates publish",
        ),
    )

    def sections(self) -> list[tuple[str, list]]:
        """(heading, bound fields) in the order the page shows them."""
        return [
            (heading, [self[n] for n in names.split() if n in self.fields])
            for heading, names in self.SECTIONS
        ]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and starts >= ends:
            self.add_error("ends_at", _("The event must end after it starts."))
        opens = data.get("registration_opens_at")
        closes = data.get("registration_closes_at")
        if opens and closes and opens >= closes:
            self.add_error(
                "registration_closes_at", _("Registration must close after it opens.")
            )
        if closes and ends and closes > ends:
            self.add_error(
                "registration_closes_at",
                _("Registration must close before the event ends."),
            )
        capacity, reserved = data.get("capacity"), data.get("reserved_seats") or 0
        if capacity is not None and reserved > capacity:
            self.add_error(
                "reserved_seats", _("Reserved seats cannot exceed the capacity.")
            )
        if ("lat" in data and "lon" in data) and (
            (data["lat"] is None) != (data["lon"] is None)
        ):
            self.add_error(
                "lon" if data["lon"] is None else "lat",
                _("Give both the latitude and the longitude, or neither."),
            )
        # Only when both fields are valid (or absent): no second error on a bad one.
        complete = all(
            name in data or name not in self.fields
            for name in ("institution", "organisations")
        )
        if complete and not data.get("institution") and not data.get("organisations"):
            self.add_error(
                "institution" if "institution" in self.fields else None,
                _("Name the organising institution or at least one organisation."),
            )
        return data

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["institution"] = data.get("institution")
        data["organisations"] = list(data.get("organisations") or [])
        data["areas"] = list(data.get("areas") or [])
        data["reserved_seats"] = data.get("reserved_seats") or 0
        for name in ("summary", "audience", "venue_name", "venue_address"):
            data[name] = data.get(name) or ""
        if self.event is not None:
            data.pop("publish", None)
        return data


class CancelForm(Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        help_text=_("Sent to every registered person and shown on the event page."),
    )

    def __init__(self, *args, reason_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_required


class SeriesForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": DESCRIPTION_MAX}),
    )
    institution = NamedChoiceField(
        label=_("Organising institution"),
        required=False,
        queryset=Institution.objects.none(),
        to_field_name="slug",
    )
    organisation = NamedChoiceField(
        label=_("Organising organisation"),
        required=False,
        queryset=Organisation.objects.none(),
        to_field_name="slug",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions_for(user)
        self.fields["organisation"].queryset = organisations_for(user)

    def clean(self):
        data = super().clean()
        if (
            "institution" in data
            and "organisation" in data
            and not data["institution"]
            and not data["organisation"]
        ):
            self.add_error(
                "institution",
                _("Name the organising institution or an organisation."),
            )
        return data


class AgendaItemForm(Form):
    day = forms.DateField(
        label=_("Day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For events of several days."),
    )
    starts_at = forms.TimeField(
        label=_("From"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    ends_at = forms.TimeField(
        label=_("Until"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    speakers = forms.CharField(label=_("Speakers"), required=False, max_length=500)
    description = _text(_("Description"), 5000, rows=3)
    position = forms.IntegerField(
        label=_("Position"),
        required=False,
        min_value=0,
        help_text=_("Orders items without a time; empty: at the end."),
    )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and starts >= ends:
            self.add_error("ends_at", _("An item must end after it starts."))
        return data


class AttachmentForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Attachment.Kind.choices)
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt,.xlsx,.ods"}),
        help_text=_("PDF, DOCX, ODT, XLSX or ODS, at most 10 MB."),
    )

    def __init__(self, *args, outcomes_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if outcomes_only:
            self.fields["kind"].choices = [
                c for c in Attachment.Kind.choices if c[0] == Attachment.Kind.OUTCOME
            ]


class QuestionForm(Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Question.Kind.choices)
    label = forms.CharField(label=_("Question"), max_length=300)
    help_text = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 5000}),
        help_text=_(
            "For a consent: the information clause (RODO). Left empty, a standard "
            "clause naming the organisers as the data controller is filled in."
        ),
    )
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a choice question: one option per line."),
    )
    required = forms.BooleanField(label=_("Answer required"), required=False)
    position = forms.IntegerField(
        label=_("Position"),
        required=False,
        min_value=0,
        help_text=_("Empty: at the end."),
    )

    def __init__(self, *args, question: Question | None = None, **kwargs):
        if question is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "kind": question.kind,
                "label": question.label,
                "help_text": question.help_text,
                "choices": "\n".join(question.choices),
                "required": question.required,
                "position": question.position,
            }
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        choices = [c.strip() for c in (data.get("choices") or "").splitlines()]
        data["choices"] = [c for c in choices if c]
        if data.get("kind") == Question.Kind.CHOICE and len(data["choices"]) < 2:
            self.add_error("choices", _("Give at least two choices, one per line."))
        return data


class OutcomesForm(Form):
    minutes = _text(_("Minutes"), OUTCOME_MAX, rows=10)
    conclusions = _text(_("Conclusions"), OUTCOME_MAX, rows=6)
    recommendations = _text(_("Recommendations"), OUTCOME_MAX, rows=6)
    publish = forms.BooleanField(
        label=_("Publish the outcomes on the event page"), required=False
    )


class FollowUpActionForm(Form):
    title = forms.CharField(label=_("Action"), max_length=300)
    responsible = forms.CharField(
        label=_("Responsible"), required=False, max_length=200
    )
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpAction.Status.choices)
    url = forms.URLField(
        label=_("Link"), required=False, max_length=200, assume_scheme="https"
    )
