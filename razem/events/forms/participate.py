"""Forms of participants: registration, changing answers, stand applications.

The services validate again and do the writing; field names match the `field` of
EventError (name, email, organisation, q_<id>, participant_<i>_name), so the service's
errors land on the right input.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from razem.core.forms import Form
from razem.events.models import Event, Question, Registration
from razem.events.services.registration import ANSWER_MAX, NAME_MAX
from razem.events.services.stands import NEEDS_MAX, NOTE_MAX, PRESENTATION_MAX
from razem.organisations.models import Membership, Organisation

MAX_GROUP_ROWS = 20
YES, NO = "yes", "no"


class OrganisationField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def member_organisations(user, *, representative: bool = False):
    """Organisations in which `user` has an approved membership."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    memberships = Membership.objects.filter(
        user=user, status=Membership.Status.APPROVED
    )
    if representative:
        memberships = memberships.filter(role=Membership.Role.REPRESENTATIVE)
    return Organisation.objects.filter(
        pk__in=memberships.values("organisation_id")
    ).order_by("name")


def question_field(question: Question) -> forms.Field:
    """The form field for one of the event's questions."""
    common = {"label": question.label, "required": question.required}
    if question.kind == Question.Kind.TEXT:
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 3}),
            max_length=ANSWER_MAX,
            help_text=question.help_text,
            **common,
        )
    if question.kind == Question.Kind.CHOICE:
        return forms.ChoiceField(
            widget=forms.RadioSelect,
            choices=[(c, c) for c in question.choices],
            help_text=question.help_text,
            **common,
        )
    if question.kind == Question.Kind.YES_NO:
        return forms.ChoiceField(
            widget=forms.RadioSelect,
            choices=[(YES, _("Yes")), (NO, _("No"))],
            help_text=question.help_text,
            **common,
        )
    return forms.BooleanField(
        help_text=question.help_text,
        error_messages={"required": _("This consent is needed to register.")},
        **common,
    )


def answer_initial(question: Question, value: Any) -> Any:
    """A stored answer as the form field's initial value."""
    if question.kind == Question.Kind.YES_NO:
        return {True: YES, False: NO}.get(value, "")
    return value


class _QuestionsMixin:
    """Adds a field per question of the event; `answers()` gives them to a service."""

    def _add_questions(self, questions, answers=None) -> None:
        self.questions = list(questions)
        for question in self.questions:
            field = question_field(question)
            if answers is not None:
                field.initial = answer_initial(question, answers.get(str(question.pk)))
            self.fields[question.field_name] = field

    def question_fields(self):
        return [self[q.field_name] for q in self.questions]

    def answers(self) -> dict[str, Any]:
        answers: dict[str, Any] = {}
        for question in self.questions:
            value = self.cleaned_data.get(question.field_name)
            if question.kind == Question.Kind.YES_NO:
                value = {YES: True, NO: False}.get(value)
            answers[str(question.pk)] = value
        return answers

    def full_clean(self):
        super().full_clean()
        # Keep the help text (e.g. a consent's RODO clause) described next to the
        # error, which AccessibleFormMixin sets alone.
        for name in self.errors:
            if name in self.fields and self.fields[name].help_text:
                widget = self.fields[name].widget
                ids = widget.attrs.get("aria-describedby", "").split()
                help_id = f"{self[name].auto_id}_helptext"
                if help_id not in ids:
                    widget.attrs["aria-describedby"] = " ".join([help_id, *ids])


class RegistrationForm(_QuestionsMixin, Form):
    """The registration form: the registrant, on behalf of whom, the other people
    of a group (the registrant's own row is the name and e-mail above), and the
    event's questions."""

    name = forms.CharField(label=_("Name and surname"), max_length=NAME_MAX)
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("For the confirmation, a seat offered to you and a reminder."),
    )

    def __init__(self, *args, event: Event, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        if getattr(user, "is_authenticated", False) and not self.is_bound:
            self.initial.setdefault("name", user.full_name)
            self.initial.setdefault("email", user.email)
        # Always present, so that a tampered value is refused rather than ignored;
        # rendered only for people with organisations.
        self.fields["organisation"] = OrganisationField(
            label=_("On behalf of an organisation"),
            queryset=member_organisations(user),
            required=False,
            empty_label=_("no, only myself"),
            help_text=_("Choose it if you come as a member of the organisation."),
        )
        self.group_rows = min(event.max_group_size, MAX_GROUP_ROWS)
        self.rows = []
        for i in range(1, self.group_rows):
            self.fields[f"participant_{i}_name"] = forms.CharField(
                label=_("Name and surname"), max_length=NAME_MAX, required=False
            )
            self.fields[f"participant_{i}_email"] = forms.EmailField(
                label=_("E-mail (optional)"), required=False
            )
            self.rows.append(
                (
                    i + 1,
                    self[f"participant_{i}_name"],
                    self[f"participant_{i}_email"],
                )
            )
        self._add_questions(event.questions.all())
        # participants list index (as the service sees it) -> form row
        self.participant_rows: dict[int, int] = {}

    @property
    def shows_organisation(self) -> bool:
        return self.fields["organisation"].queryset.exists() or bool(
            self.errors.get("organisation")
        )

    def clean(self):
        data = super().clean()
        for i in range(1, self.group_rows):
            if data.get(f"participant_{i}_email") and not data.get(
                f"participant_{i}_name"
            ):
                self.add_error(
                    f"participant_{i}_name", _("Enter the name and surname.")
                )
        return data

    def participants(self) -> list[dict[str, str]] | None:
        """The registrant first, then each filled row; None for a single person."""
        if self.group_rows <= 1:
            return None
        data = self.cleaned_data
        people = [{"name": data["name"], "email": data["email"]}]
        self.participant_rows = {}
        for i in range(1, self.group_rows):
            name = data.get(f"participant_{i}_name", "").strip()
            if name:
                self.participant_rows[len(people)] = i
                people.append(
                    {"name": name, "email": data.get(f"participant_{i}_email", "")}
                )
        return people

    def service_kwargs(self) -> dict[str, Any]:
        return {
            "name": self.cleaned_data["name"],
            "email": self.cleaned_data["email"],
            "organisation": self.cleaned_data.get("organisation"),
            "participants": self.participants(),
            "answers": self.answers(),
        }

    def field_for_error(self, field: str | None) -> str | None:
        """The form field for a service error's `field` (None: the whole form)."""
        if field and field.startswith("participants."):
            _prefix, index, part = field.split(".", 2)
            row = self.participant_rows.get(int(index))
            if row is None:  # the registrant's own row
                return part if part in self.fields else None
            field = f"participant_{row}_{part}"
        return field if field in self.fields else None


class AnswersForm(_QuestionsMixin, Form):
    """Changing the answers and, for a group, the participants' names."""

    def __init__(self, *args, registration: Registration, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_questions(
            registration.event.questions.all(), answers=registration.answers or {}
        )
        self.participants = list(registration.participants.all())
        self.edit_names = len(self.participants) > 1
        if self.edit_names:
            for i, participant in enumerate(self.participants):
                self.fields[f"participant_{i}_name"] = forms.CharField(
                    label=_("Participant %(n)s") % {"n": i + 1},
                    max_length=NAME_MAX,
                    initial=participant.name,
                )

    @property
    def has_fields(self) -> bool:
        return bool(self.fields)

    def name_fields(self):
        if not self.edit_names:
            return []
        return [self[f"participant_{i}_name"] for i in range(len(self.participants))]

    def participant_names(self) -> list[str] | None:
        if not self.edit_names:
            return None
        return [
            self.cleaned_data[f"participant_{i}_name"]
            for i in range(len(self.participants))
        ]

    def field_for_error(self, field: str | None) -> str | None:
        if field and field.startswith("participants."):
            _prefix, index, part = field.split(".", 2)
            field = f"participant_{index}_{part}"
        return field if field in self.fields else None


class StandApplicationForm(Form):
    organisation = OrganisationField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    presentation = forms.CharField(
        label=_("What the organisation will present"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=PRESENTATION_MAX,
    )
    needs = forms.CharField(
        label=_("Needs (table, power, space)"),
        max_length=NEEDS_MAX,
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = member_organisations(
            user, representative=True
        )


class StandDecisionForm(Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("decline", _("Decline"))]
    )
    note = forms.CharField(
        label=_("Note to the organisation (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=NOTE_MAX,
        required=False,
    )
