"""For looking things up. The workflow runs through the pages and the API, whose
services check permissions and write the audit log, so numbers, states and
authorship are read-only here."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from razem.consultations.models import (
    AbuseReport,
    Attachment,
    Comment,
    Consultation,
    DocumentVersion,
    Response,
    Subscription,
)


class DocumentVersionInline(admin.TabularInline):
    model = DocumentVersion
    extra = 0
    fields = ["number", "label", "source", "is_final", "created_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["size", "content_type"]


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["title", "reference", "institution", "status", "starts_at"]
    list_filter = ["status", "kind", "participation"]
    search_fields = ["title", "slug", "institution__name"]
    date_hierarchy = "starts_at"
    raw_id_fields = [
        "institution",
        "unit",
        "territory",
        "meeting",
        "invited_organisations",
        "invited_people",
        "created_by",
    ]
    filter_horizontal = ["areas"]
    readonly_fields = [
        "reference",
        "number",
        "year",
        "status",
        "report_published_at",
        "created_by",
    ]
    inlines = [DocumentVersionInline, AttachmentInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description=_("reference"))
    def reference(self, obj):
        return obj.reference


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "consultation",
        "author_name",
        "channel",
        "visibility",
        "created_at",
    ]
    list_filter = ["visibility", "channel"]
    search_fields = ["author_name", "organisation_name", "justification"]
    list_select_related = ["consultation"]
    raw_id_fields = [
        "consultation",
        "version",
        "section",
        "author",
        "organisation",
        "entered_by",
        "response",
    ]
    readonly_fields = ["reference", "number", "consultation", "version"]

    @admin.display(description=_("reference"))
    def reference(self, obj):
        return obj.reference


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "consultation", "position", "responded_by"]
    list_filter = ["position"]
    search_fields = ["justification", "consultation__title"]
    raw_id_fields = ["consultation", "responded_by"]


@admin.register(AbuseReport)
class AbuseReportAdmin(admin.ModelAdmin):
    list_display = ["comment", "reporter", "created_at", "resolved_at"]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter)]
    raw_id_fields = ["comment", "reporter", "resolved_by"]


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["organisation", "email"]
    search_fields = ["organisation__name", "email"]
    raw_id_fields = ["organisation", "territories"]
    filter_horizontal = ["areas"]
