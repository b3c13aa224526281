from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from razem.areas.models import PublicBenefitArea
from razem.core.forms import Form
from razem.search.registry import KINDS
from razem.territories.forms import TerritoryFilterField


class SearchForm(Form):
    q = forms.CharField(label=_("Search for"), max_length=1000, required=False)
    kind = forms.MultipleChoiceField(
        label=_("Type"), required=False, widget=forms.CheckboxSelectMultiple
    )
    territory = TerritoryFilterField()
    area = forms.ModelChoiceField(
        label=_("Public benefit area"),
        queryset=PublicBenefitArea.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("any"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (k.name, capfirst(k.label)) for k in KINDS.values()
        ]

    def criteria(self) -> dict:
        data = self.cleaned_data
        return {
            "q": data["q"],
            "kinds": tuple(data["kind"]),
            "territory": data["territory"] or "",
            "areas": (data["area"].code,) if data["area"] else (),
        }
