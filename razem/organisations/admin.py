from django.contrib import admin

from razem.core.admin import AuditedAdmin
from razem.organisations.models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "organisation"
    extra = 0
    fields = ("user", "role", "status", "decided_by", "decided_at")
    autocomplete_fields = ("user",)
    raw_id_fields = ("decided_by",)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = (
        "name",
        "legal_form",
        "seat",
        "krs",
        "nip",
        "is_public_benefit",
        "is_verified",
        "is_demo",
    )
    list_filter = ("legal_form", "is_public_benefit", "is_verified", "is_demo", "areas")
    search_fields = ("name", "short_name", "slug", "krs", "nip", "regon", "email")
    list_select_related = ("seat",)
    autocomplete_fields = ("seat", "activity_territories", "areas", "verified_by")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_at", "updated_at")
    inlines = (MembershipInline,)


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ("user", "organisation", "role", "status", "decided_at")
    list_filter = ("role", "status")
    search_fields = ("user__email", "user__full_name", "organisation__name")
    list_select_related = ("user", "organisation")
    autocomplete_fields = ("user", "organisation")
    raw_id_fields = ("decided_by",)
