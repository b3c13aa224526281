"""Forms for initiatives and the map; the services do the writing."""

from django import forms
from django.core.cache import cache
from django.core.validators import MaxLengthValidator
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from razem.areas.models import PublicBenefitArea
from razem.core.forms import Form
from razem.initiatives.geo import KIND_INITIATIVE, KIND_ORGANISATION
from razem.initiatives.models import DESCRIPTION_MAX, Initiative
from razem.initiatives.validators import validate_photo
from razem.territories.forms import TerritoryFilterField
from razem.territories.models import Territory


def _area_choices():
    return [("", _("any"))] + [
        (a.code, a.name) for a in PublicBenefitArea.objects.order_by("position")
    ]


def territory_choices() -> list:
    """Every unit grouped by voivodeship: the voivodeship, then each powiat followed
    by its gminas. Cached per language: the register is static."""
    key = f"initiative_territory_choices:{translation.get_language()}"
    choices = cache.get(key)
    if choices is None:
        units = Territory.objects.order_by("code").values_list(
            "code", "name", "kind", "subkind"
        )
        groups: dict[str, list] = {}
        names: dict[str, str] = {}
        powiats: dict[str, str] = {}
        for code, name, kind, subkind in units:
            if kind == Territory.Kind.VOIVODESHIP:
                names[code] = name
                label = _("whole voivodeship %(name)s") % {"name": name}
            elif kind == Territory.Kind.POWIAT:
                powiats[code] = name
                label = (
                    f"{name} ({subkind})"
                    if subkind
                    else _("powiat %(name)s") % {"name": name}
                )
            else:
                gmina = f"{name} ({subkind})" if subkind else name
                label = f"{gmina} — {powiats.get(code[:4], code[:4])}"
            groups.setdefault(code[:2], []).append((code, str(label)))
        choices = [(names.get(code, code), options) for code, options in groups.items()]
        cache.set(key, choices, 3600)
    return [("", "---------")] + choices


class InitiativeFilterForm(Form):
    """The public list's GET filters."""

    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("any"))] + Initiative.Kind.choices,
    )
    area = forms.ChoiceField(
        label=_("Public benefit area"), required=False, choices=_area_choices
    )
    territory = TerritoryFilterField(label=_("Territory"))

    def selector_kwargs(self) -> dict:
        """Filters from the valid fields; an invalid field filters nothing."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {
            "kind": data.get("kind", ""),
            "area": data.get("area", ""),
            "territory": data.get("territory", ""),
        }


class MapFilterForm(InitiativeFilterForm):
    """The map's GET filters; the same names as the GeoJSON API's parameters."""

    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("organisations and initiatives")),
            (KIND_ORGANISATION, _("organisations only")),
            (KIND_INITIATIVE, _("initiatives only")),
        ],
    )


class AreaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class OrganisationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class TerritoryChoiceField(forms.ChoiceField):
    """Any unit by TERC code; the choices are built when the form is rendered."""

    def __init__(self, **kwargs):
        super().__init__(choices=territory_choices, **kwargs)

    def valid_value(self, value):
        return Territory.objects.filter(code=value).exists()


class InitiativeForm(Form):
    """Submitting and editing an initiative. Field names match the model's, so errors
    from the service land on the right field."""

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=Initiative.Kind.choices)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"maxlength": DESCRIPTION_MAX}),
        validators=[MaxLengthValidator(DESCRIPTION_MAX)],
        help_text=_("What happens, for whom, and how to join."),
    )
    organisations = OrganisationChoiceField(
        label=_("Organisations behind the initiative"),
        required=False,
        queryset=None,
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Organisations in which your membership is approved."),
    )
    informal_group = forms.CharField(
        label=_("Informal group"),
        required=False,
        max_length=200,
        help_text=_(
            "If no organisation runs it: the name of the group of residents. "
            "Give organisations, a group, or both."
        ),
    )
    areas = AreaChoiceField(
        label=_("Public benefit areas"),
        required=False,
        queryset=PublicBenefitArea.objects.order_by("position"),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )
    territory = TerritoryChoiceField(
        label=_("Where"),
        help_text=_(
            "The gmina, powiat or whole voivodeship. The public body of that "
            "territory reviews the initiative."
        ),
    )
    lat = forms.FloatField(
        label=_("Latitude (optional)"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_(
            "The exact place, e.g. 51.8781. Without it the initiative is shown "
            "at the centre of its powiat."
        ),
    )
    lon = forms.FloatField(
        label=_("Longitude (optional)"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_("e.g. 17.0071"),
    )
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty if the initiative is ongoing."),
    )
    photo = forms.ImageField(
        label=_("Photo"),
        required=False,
        validators=[validate_photo],
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp"}
        ),
        help_text=_("PNG, JPEG or WebP, at most 3 MB."),
    )
    photo_alt = forms.CharField(
        label=_("Description of the photo"),
        required=False,
        max_length=250,
        help_text=_("What the photo shows, for people who cannot see it."),
    )

    def __init__(self, *args, user, initiative: Initiative | None = None, **kwargs):
        from razem.initiatives.selectors import organisations_of

        if initiative is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": initiative.title,
                "kind": initiative.kind,
                "description": initiative.description,
                "organisations": [o.slug for o in initiative.organisations.all()],
                "informal_group": initiative.informal_group,
                "areas": [a.code for a in initiative.areas.all()],
                "territory": initiative.territory.code,
                "lat": initiative.lat,
                "lon": initiative.lon,
                "start_date": initiative.start_date,
                "end_date": initiative.end_date,
            }
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations_of(user=user)

    def clean(self):
        data = super().clean()
        if data.get("photo") and not (data.get("photo_alt") or "").strip():
            self.add_error(
                "photo_alt", _("Describe the photo for people who cannot see it.")
            )
        return data

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["organisations"] = list(data.get("organisations") or [])
        data["areas"] = list(data.get("areas") or [])
        return data


class ReviewForm(Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("publish", _("Publish")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note for the submitter"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when rejecting: say what to change."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("note") or "").strip():
            self.add_error(
                "note", _("Tell the submitter why the initiative is rejected.")
            )
        return data
