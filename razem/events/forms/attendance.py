"""Forms of the organiser's participant pages: the status filter, the message to
participants and the check-in code. The services check everything again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from razem.events.models import Registration
from razem.events.services.attendance import (
    BODY_MAX,
    DEFAULT_MESSAGE_STATUSES,
    SUBJECT_MAX,
    normalise_code,
)

CODE_INPUT_MAX = 40  # the code is 10 characters; room for spaces and dashes


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("all"))] + list(Registration.Status.choices),
    )


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX)
    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Sent by e-mail to the person who registered, with a link to the event "
            "and to their registration."
        ),
    )
    statuses = forms.MultipleChoiceField(
        label=_("Recipients"),
        widget=forms.CheckboxSelectMultiple,
        initial=list(DEFAULT_MESSAGE_STATUSES),
    )

    def __init__(self, *args, counts: dict[str, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        counts = counts or {}
        labels = dict(Registration.Status.choices)
        self.fields["statuses"].choices = [
            (
                status,
                _("%(status)s (%(count)s)")
                % {
                    "status": str(labels[status]).capitalize(),
                    "count": counts.get(status, 0),
                },
            )
            for status in Registration.ACTIVE_STATUSES
        ]


class CheckInCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=CODE_INPUT_MAX,
        help_text=_(
            "Type the code or scan the QR code with a phone's QR reader. Case, "
            "spaces and dashes do not matter."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(_("Enter the check-in code."))
        return code
