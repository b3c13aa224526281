from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from razem.areas.models import PublicBenefitArea
from razem.core.forms import Form, ModelForm
from razem.organisations.models import LegalForm, Membership, Organisation
from razem.organisations.services import LOGO_MAX_BYTES, validate_logo
from razem.organisations.validators import normalise_number
from razem.territories.forms import GminaChoiceField, TerritoryFilterField
from razem.territories.models import Territory

YES_NO_ANY = [("", _("any")), ("1", _("yes")), ("0", _("no"))]
TEXT_LIMITS = {"description": 5000, "resources": 3000, "networks": 2000}


def _area_choices():
    return [(a.code, a.name) for a in PublicBenefitArea.objects.order_by("position")]


def _yes_no(value: str) -> bool | None:
    return {"1": True, "0": False}.get(value)


class OrganisationFilterForm(Form):
    """The directory's GET filters; `selector_kwargs()` feeds organisation_list."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    area = forms.MultipleChoiceField(
        label=_("Public benefit areas"),
        required=False,
        choices=_area_choices,
        widget=forms.CheckboxSelectMultiple,
    )
    territory = TerritoryFilterField(label=_("Seat in"))
    legal_form = forms.ChoiceField(
        label=_("Legal form"),
        required=False,
        choices=[("", _("any"))] + LegalForm.choices,
    )
    opp = forms.ChoiceField(
        label=_("Public benefit organisation (OPP)"), required=False, choices=YES_NO_ANY
    )
    verified = forms.ChoiceField(
        label=_("Verified by a public body"), required=False, choices=YES_NO_ANY
    )

    def selector_kwargs(self) -> dict:
        """Filters from the valid fields; an invalid field filters nothing."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {
            "q": data.get("q", ""),
            "areas": data.get("area", []),
            "territory": data.get("territory", ""),
            "legal_form": data.get("legal_form", ""),
            "is_public_benefit": _yes_no(data.get("opp", "")),
            "is_verified": _yes_no(data.get("verified", "")),
        }


class AreaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class TerritoryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label


def _formfield(db_field, **kwargs):
    if db_field.name == "website":
        kwargs["assume_scheme"] = "https"
    return db_field.formfield(**kwargs)


class OrganisationForm(ModelForm):
    """Registering and editing an organisation; the service does the writing."""

    areas = AreaChoiceField(
        label=_("Public benefit areas"),
        required=False,
        queryset=PublicBenefitArea.objects.order_by("position"),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )
    activity_territories = TerritoryChoiceField(
        label=_("Area of activity"),
        required=False,
        queryset=Territory.objects.exclude(kind=Territory.Kind.GMINA).order_by("code"),
        to_field_name="code",
        help_text=_("Voivodeships and powiats where the organisation works."),
    )
    logo = forms.ImageField(
        label=_("Logo"),
        required=False,
        validators=[validate_logo],
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp"}
        ),
        help_text=_("PNG, JPEG or WebP, at most 2 MB."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name", "short_name", "legal_form", "krs", "nip", "regon", "seat",
            "activity_territories", "areas", "is_public_benefit", "description",
            "resources", "networks", "email", "phone", "website", "address", "logo",
        ]  # fmt: skip
        formfield_callback = _formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form: GminaChoiceField reads its choices when it is created.
        self.fields["seat"] = GminaChoiceField(
            label=_("Seat (gmina)"),
            help_text=_("The gmina where the organisation has its registered seat."),
        )
        for name in ("krs", "nip", "regon"):
            # Room for the spaces and hyphens people type; normalised in clean_*.
            field = self.fields[name]
            field.max_length = 20
            field.validators = [
                v for v in field.validators if not isinstance(v, MaxLengthValidator)
            ] + [MaxLengthValidator(20)]
            field.widget.attrs["maxlength"] = "20"
        for name, limit in TEXT_LIMITS.items():
            field = self.fields[name]
            field.max_length = limit
            field.validators.append(MaxLengthValidator(limit))
            field.widget.attrs["maxlength"] = str(limit)
        if self.instance.pk:
            self.initial["seat"] = self.instance.seat.code

    def _unique_number(self, name: str, message) -> str:
        value = normalise_number(self.cleaned_data[name])
        others = Organisation.objects.exclude(pk=self.instance.pk)
        if value and others.filter(**{name: value}).exists():
            raise forms.ValidationError(message, code="duplicate")
        return value

    def clean_krs(self):
        return self._unique_number(
            "krs", _("An organisation with this KRS number is already registered.")
        )

    def clean_nip(self):
        return self._unique_number(
            "nip", _("An organisation with this NIP is already registered.")
        )

    def clean_regon(self):
        return normalise_number(self.cleaned_data["regon"])

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        # Django checks the size only after reading; refuse early and clearly.
        if logo and getattr(logo, "size", 0) > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("The logo may be at most 2 MB."))
        return logo

    def service_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MembershipRequestForm(Form):
    role = forms.ChoiceField(
        label=_("I want to join as"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
    )
    message = forms.CharField(
        label=_("Message to the representatives"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class VerifyForm(Form):
    verified = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1"
    )


class DecisionForm(Form):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")])
