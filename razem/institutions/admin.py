from django.contrib import admin

from razem.core.admin import AuditedAdmin
from razem.institutions.models import Institution, InstitutionStaff, ThematicGroup, Unit


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0
    fields = ("name", "email", "phone")
    show_change_link = True


class ThematicGroupInline(admin.TabularInline):
    model = ThematicGroup
    extra = 0
    fields = ("name", "unit", "areas")
    autocomplete_fields = ("unit", "areas")
    show_change_link = True


class StaffInline(admin.TabularInline):
    model = InstitutionStaff
    extra = 0
    fields = ("user", "unit", "is_liaison", "is_manager")
    autocomplete_fields = ("user", "unit")


@admin.register(Institution)
class InstitutionAdmin(AuditedAdmin):
    list_display = (
        "name",
        "kind",
        "territory",
        "liaison_name",
        "require_staff_2fa",
        "is_demo",
    )
    list_filter = ("kind", "require_staff_2fa", "is_demo")
    search_fields = ("name", "short_name", "slug", "territory__name", "territory__code")
    list_select_related = ("territory",)
    autocomplete_fields = ("territory",)
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_at", "updated_at")
    inlines = (UnitInline, ThematicGroupInline, StaffInline)


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ("name", "institution", "email")
    list_filter = ("institution__kind",)
    search_fields = ("name", "institution__name")
    list_select_related = ("institution",)
    autocomplete_fields = ("institution",)


@admin.register(ThematicGroup)
class ThematicGroupAdmin(AuditedAdmin):
    list_display = ("name", "institution", "unit")
    list_filter = ("institution__kind", "areas")
    search_fields = ("name", "description", "institution__name")
    list_select_related = ("institution", "unit")
    autocomplete_fields = ("institution", "unit", "areas")


@admin.register(InstitutionStaff)
class InstitutionStaffAdmin(AuditedAdmin):
    list_display = ("user", "institution", "unit", "is_liaison", "is_manager")
    list_filter = ("is_liaison", "is_manager", "institution__kind")
    search_fields = ("user__email", "user__full_name", "institution__name")
    list_select_related = ("user", "institution", "unit")
    autocomplete_fields = ("user", "institution", "unit")
