"""The GET filters of the event lists."""

from django import forms
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import gettext_lazy as _

from razem.areas.models import PublicBenefitArea
from razem.core.forms import Form
from razem.events import selectors
from razem.events.models import Event
from razem.institutions.models import Institution
from razem.organisations.models import Organisation
from razem.territories.forms import TerritoryFilterField


def _area_choices():
    return [("", _("any"))] + [
        (a.code, a.name) for a in PublicBenefitArea.objects.order_by("position")
    ]


def _organiser_choices():
    institutions, organisations = selectors.organiser_choices()
    choices = [("", _("any"))]
    if institutions:
        choices.append((_("Institutions"), institutions))
    if organisations:
        choices.append((_("Organisations"), organisations))
    return choices


class OrganiserField(forms.ChoiceField):
    """An institution or organisation with public events, by slug; any existing
    institution's or organisation's slug is accepted too (links from their pages)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(choices=CallableChoiceIterator(_organiser_choices), **kwargs)

    def valid_value(self, value):
        return (
            Institution.objects.filter(slug=value).exists()
            or Organisation.objects.filter(slug=value).exists()
        )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class EventFilterForm(Form):
    """Filters of the event list and the archive; `selector_kwargs()` feeds
    selectors.event_list. An invalid field filters nothing and shows its error."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("any"))] + Event.Kind.choices,
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        help_text=_("Day in the format YYYY-MM-DD."),
    )
    date_to = forms.DateField(
        label=_("Until"),
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        help_text=_("Day in the format YYYY-MM-DD."),
    )
    territory = TerritoryFilterField(label=_("Territory"))
    area = forms.ChoiceField(
        label=_("Public benefit area"), required=False, choices=_area_choices
    )
    organiser = OrganiserField(label=_("Organiser"))

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to", _("The end of the range is before its beginning.")
            )
        return data

    def selector_kwargs(self) -> dict:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {
            "q": data.get("q", ""),
            "kind": data.get("kind", ""),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "territory": data.get("territory", ""),
            "area": data.get("area", ""),
            "organiser": data.get("organiser", ""),
        }
