from django.contrib import admin

from razem.areas.models import PublicBenefitArea
from razem.core.admin import AuditedAdmin


@admin.register(PublicBenefitArea)
class PublicBenefitAreaAdmin(AuditedAdmin):
    list_display = ("position", "code", "name_pl", "name_en")
    list_display_links = ("code",)
    search_fields = ("code", "name_pl", "name_en")
    ordering = ("position", "code")
