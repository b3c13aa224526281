from django.contrib import admin

from razem.core.admin import AuditedAdmin
from razem.territories.models import Territory


@admin.register(Territory)
class TerritoryAdmin(AuditedAdmin):
    """The TERC register (2,875 units, loaded by `razem load_territories`)."""

    list_display = ("code", "name", "kind", "subkind", "parent")
    list_filter = ("kind", "subkind")
    search_fields = ("code", "name")
    ordering = ("code",)
    list_select_related = ("parent__parent",)
    autocomplete_fields = ("parent",)
    list_per_page = 100
