from django import forms
from django.utils.translation import gettext_lazy as _

from razem.accounts.models import ApiToken, User
from razem.core.forms import Form


def _max_length(model, field: str) -> int:
    return model._meta.get_field(field).max_length


class ProfileForm(Form):
    full_name = forms.CharField(
        label=_("Full name"),
        required=False,
        max_length=_max_length(User, "full_name"),
        help_text=_(
            "Optional. Shown to the organisations and institutions you work with; "
            "never your e-mail address."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


class ApiTokenCreateForm(Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=_max_length(ApiToken, "name"),
        help_text=_("What the token is for, e.g. the name of the program using it."),
    )


class AccountDeleteForm(Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
