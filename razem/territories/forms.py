"""Choosing territories in forms and filters, with native selects (no JavaScript needed)."""

from django import forms
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from razem.territories.models import Territory


def territory_filter_choices() -> list:
    """Voivodeships and their powiats as optgroups: [("", "any"), (voiv, [(code, label)])].

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
                groups[unit.code] = [(unit.code, str(_("whole voivodeship %(name)s") % {"name": unit.name}))]
            else:
                groups.setdefault(unit.code[:2], []).append((unit.code, str(unit.label)))
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
        return super().valid_value(value) or Territory.objects.filter(code=value).exists()


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

    def _get_choices(self):
        if hasattr(self, "_choices"):
            return self._choices
        groups: dict[str, list] = {}
        for gmina in self.queryset:
            powiat = gmina.parent
            key = f"{powiat.parent.name} — {powiat.label}"
            groups.setdefault(key, []).append((gmina.code, gmina.label))
        head = [] if self.required and self.initial else [("", "---------")]
        return head + list(groups.items())

    choices = property(_get_choices, forms.ChoiceField.choices.fset)
