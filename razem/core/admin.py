"""The Django admin: for platform administrators (superusers) only, and audited.

Only superusers may enter: the permission names of the django-rules predicates
(`organisations.add_organisation`, …) are the same as the admin's model permissions,
so a staff flag alone would let the predicates open admin pages they were never
meant for. Every add, change and delete made in the admin also leaves an AuditEntry
(`<app>.<model>.admin_created|admin_changed|admin_deleted`), like the services do.
"""

import json

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils.html import format_html

from razem.core.audit import audit_log
from razem.core.models import AuditEntry


def _superusers_only(request) -> bool:
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superusers_only
admin.site.site_header = settings.RAZEM_SITE_NAME
admin.site.site_title = settings.RAZEM_SITE_NAME


def _action(obj, verb: str) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}.admin_{verb}"


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose writes leave audit entries beside Django's LogEntry."""

    # Addresses typed without a scheme are public websites: assume https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        audit_log(action=_action(obj, "created"), actor=request.user, target=obj)
        return entry

    def log_change(self, request, obj, message):
        # `message` lists changed fields, inlines included (Django's change message).
        entry = super().log_change(request, obj, message)
        audit_log(
            action=_action(obj, "changed"),
            actor=request.user,
            target=obj,
            data={"changes": message},
        )
        return entry

    def log_deletions(self, request, queryset):
        # Called before the rows are deleted, so the targets still have their keys.
        for obj in queryset:
            audit_log(action=_action(obj, "deleted"), actor=request.user, target=obj)
        return super().log_deletions(request, queryset)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log can be read, never written, changed or deleted."""

    list_display = ("created_at", "action", "actor", "content_type", "object_repr")
    list_filter = ("content_type",)
    search_fields = ("action", "object_repr", "object_id", "actor__email")
    date_hierarchy = "created_at"
    list_select_related = ("actor", "content_type")
    fields = (
        "created_at",
        "action",
        "actor",
        "content_type",
        "object_id",
        "object_repr",
        "details",
    )
    readonly_fields = fields

    @admin.display(description=AuditEntry._meta.get_field("data").verbose_name)
    def details(self, obj):
        return format_html(
            "<pre>{}</pre>", json.dumps(obj.data, ensure_ascii=False, indent=2)
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
