"""The GET filters of the public list of consultations."""

from django import forms
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import gettext_lazy as _

from razem.areas.models import PublicBenefitArea
from razem.consultations import selectors
from razem.consultations.models import Consultation
from razem.core.forms import Form
from razem.institutions.models import Institution
from razem.territories.forms import TerritoryFilterField

PHASE_CHOICES = [
    ("", _("any")),
    ("open", _("open for comments now")),
    ("upcoming", _("not yet open")),
    ("closed", _("closed, report not yet published")),
    ("reported", _("report published")),
]


def _area_choices():
    return [("", _("any"))] + [
        (a.code, a.name) for a in PublicBenefitArea.objects.order_by("position")
    ]


def _institution_choices():
    return [("", _("any"))] + selectors.institution_choices()


class InstitutionField(forms.ChoiceField):
    """An institution by slug: those with consultations are offered; any existing
    institution's slug is accepted (links from the institution's page)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(choices=CallableChoiceIterator(_institution_choices), **kwargs)

    def valid_value(self, value):
        return Institution.objects.filter(slug=value).exists()


class ConsultationFilterForm(Form):
    """Filters of the list; `selector_kwargs()` feeds selectors.consultation_list.
    An invalid field filters nothing and shows its error."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Words of the title or subject, or a reference like K-2026-014."),
    )
    phase = forms.ChoiceField(label=_("Stage"), required=False, choices=PHASE_CHOICES)
    kind = forms.ChoiceField(
        label=_("Kind of document"),
        required=False,
        choices=[("", _("any"))] + Consultation.Kind.choices,
    )
    institution = InstitutionField(label=_("Institution"))
    area = forms.ChoiceField(
        label=_("Public benefit area"), required=False, choices=_area_choices
    )
    territory = TerritoryFilterField(label=_("Territory"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once: a callable would be queried again each time it is rendered.
        self.fields["institution"].choices = _institution_choices()
        self.fields["area"].choices = _area_choices()

    def selector_kwargs(self) -> dict:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {
            key: data.get(key) or ""
            for key in ("q", "phase", "kind", "institution", "area", "territory")
        }
