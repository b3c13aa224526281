from django.contrib import admin

from razem.initiatives.models import Initiative, Photo


class PhotoInline(admin.TabularInline):
    model = Photo
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    """For looking things up; the workflow runs through the pages and the API, whose
    services check permissions and write the audit log."""

    list_display = ["title", "kind", "status", "territory", "start_date"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "informal_group"]
    raw_id_fields = ["territory", "submitted_by", "reviewed_by", "organisations"]
    readonly_fields = ["status", "reviewed_by", "reviewed_at", "published_at"]
    inlines = [PhotoInline]
