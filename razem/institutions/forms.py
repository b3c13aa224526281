"""Forms only parse input; the services in services.py decide and write."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from razem.areas.models import PublicBenefitArea
from razem.core.forms import Form, ModelForm
from razem.institutions.models import Institution, InstitutionStaff, ThematicGroup, Unit
from razem.institutions.services import PROFILE_FIELDS, UNIT_FIELDS
from razem.territories.forms import TerritoryCodeField, TerritoryFilterField


class InstitutionFilterForm(Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("any kind"))] + Institution.Kind.choices,
    )
    territory = TerritoryFilterField()


class LiaisonFilterForm(Form):
    territory = TerritoryFilterField()
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("any kind"))] + Institution.Kind.choices,
    )


class InstitutionCreateForm(ModelForm):
    territory = TerritoryCodeField(required=False)
    manager_email = forms.EmailField(
        label=_("E-mail of the first manager"),
        help_text=_("The person must already have an account on the platform."),
    )

    class Meta:
        model = Institution
        fields = ["name", "short_name", "kind", "territory"]


def _https_by_default(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class InstitutionProfileForm(ModelForm):
    class Meta:
        model = Institution
        fields = list(PROFILE_FIELDS)
        formfield_callback = _https_by_default


class UnitForm(ModelForm):
    class Meta:
        model = Unit
        fields = list(UNIT_FIELDS)


class _InstitutionUnitMixin:
    """Limits the unit choice to the institution's own units."""

    def __init__(self, *args, institution, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(institution=institution)


class ThematicGroupForm(_InstitutionUnitMixin, ModelForm):
    areas = forms.ModelMultipleChoiceField(
        label=_("Public benefit areas"),
        required=False,
        queryset=PublicBenefitArea.objects.order_by("position", "code"),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ThematicGroup
        fields = ["name", "description", "unit", "areas"]


class StaffAddForm(_InstitutionUnitMixin, Form):
    email = forms.EmailField(label=_("E-mail address of the person"))
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False
    )
    is_liaison = forms.BooleanField(label=_("NGO liaison"), required=False)
    is_manager = forms.BooleanField(
        label=_("Manages the institution's staff and profile"), required=False
    )


class StaffForm(_InstitutionUnitMixin, ModelForm):
    class Meta:
        model = InstitutionStaff
        fields = ["unit", "is_liaison", "is_manager"]
