"""Choosing territories in forms and filters, with native inputs (no JavaScript)."""

from django import forms
from django.core.cache import cache
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import gettext_lazy as _

from razem.territories.models import Territory


def territory_filter_choices() -> list:
    """Voivodeships and their powiats as optgroups.

    [("", "anywhere"), (voivodeship, [(code, label), ...]), ...]

    Filtering by a code includes everything below it. Cached: the register is static.
    """
    choices = cache.get("territory_filter_choices")
    if choices is None:
        units = list(
            Territory.objects.exclude(kind=Territory.Kind.GMINA).order_by("code")
        )
        groups: dict[str, list] = {}
        names = {}
        for unit in units:
            if unit.kind == Territory.Kind.VOIVODESHIP:
                names[unit.code] = unit.name
                groups[unit.code] = [
                    (
                        unit.code,
                        str(_("whole voivodeship %(name)s") % {"name": unit.name}),
                    )
                ]
            else:
                groups.setdefault(unit.code[:2], []).append(
                    (unit.code, str(unit.label))
                )
        choices = [(names.get(code, code), options) for code, options in groups.items()]
        cache.set("territory_filter_choices", choices, 3600)
    return [("", _("anywhere"))] + choices


class TerritoryFilterField(forms.ChoiceField):
    """A voivodeship or powiat to filter by; any valid TERC code is accepted too
    (e.g. a gmina code in a link or the API)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Territory"))
        kwargs.setdefault("required", False)
        super().__init__(choices=territory_filter_choices, **kwargs)

    def valid_value(self, value):
        return (
            super().valid_value(value) or Territory.objects.filter(code=value).exists()
        )


class GminaChoiceField(forms.ModelChoiceField):
    """A gmina, grouped by voivodeship and powiat in a native select (2,479 options)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Gmina"))
        super().__init__(
            queryset=Territory.objects.filter(kind=Territory.Kind.GMINA)
            .select_related("parent__parent")
            .order_by("code"),
            to_field_name="code",
            **kwargs,
        )

    def _grouped_choices(self):
        groups: dict[str, list] = {}
        for gmina in self.queryset:
            powiat = gmina.parent
            key = f"{powiat.parent.name} — {powiat.label}"
            groups.setdefault(key, []).append((gmina.code, gmina.label))
        head = [] if self.required and self.initial else [("", "---------")]
        return head + list(groups.items())

    def _get_choices(self):
        # Lazy: evaluated when rendered, never when a form class is defined at import.
        if hasattr(self, "_choices"):
            return self._choices
        return CallableChoiceIterator(self._grouped_choices)

    choices = property(_get_choices, forms.ChoiceField.choices.fset)


class TerritoryCodeField(forms.CharField):
    """A territorial unit typed as its TERC code (2, 4 or 7 digits); cleans to a
    Territory. A text input: the full register is too long for a select."""

    default_error_messages = {
        "unknown": _("There is no territorial unit with TERC code %(code)s."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Territory (TERC code)"))
        kwargs.setdefault(
            "help_text",
            _("2 digits: voivodeship, 4: powiat, 7: gmina, e.g. 3004023."),
        )
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        return {**attrs, "maxlength": "7", "inputmode": "numeric"}

    def prepare_value(self, value):
        return value.code if isinstance(value, Territory) else value

    def to_python(self, value):
        code = super().to_python(value).strip()
        if not code:
            return None
        territory = Territory.objects.filter(code=code).first()
        if territory is None:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"code": code}
            )
        return territory
