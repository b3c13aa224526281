from django.contrib import admin

from razem.events.models import (
    AgendaItem,
    Attachment,
    Event,
    EventSeries,
    FollowUpAction,
    Participant,
    Question,
    Registration,
    StandApplication,
)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["size", "content_type"]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


class FollowUpActionInline(admin.TabularInline):
    model = FollowUpAction
    extra = 0


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "institution", "organisation"]
    search_fields = ["title", "slug"]
    raw_id_fields = ["institution", "organisation"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """For looking things up; the workflow runs through the organisers' pages, whose
    services check permissions, keep the seats consistent and write the audit log."""

    list_display = ["title", "kind", "status", "starts_at", "institution", "capacity"]
    list_filter = ["status", "kind", "format"]
    search_fields = ["title", "slug", "venue_name"]
    date_hierarchy = "starts_at"
    raw_id_fields = [
        "institution",
        "organisations",
        "territory",
        "series",
        "areas",
        "created_by",
    ]
    # Seats and cancellation change only through the services (locks, mail).
    readonly_fields = [
        "status",
        "capacity",
        "reserved_seats",
        "cancelled_at",
        "cancellation_reason",
        "outcomes_published_at",
    ]
    inlines = [AgendaItemInline, AttachmentInline, QuestionInline, FollowUpActionInline]


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "event", "status", "seats", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "email", "code", "event__title"]
    raw_id_fields = ["event", "user", "organisation"]
    readonly_fields = [
        "status",
        "seats",
        "token",
        "code",
        "waitlisted_at",
        "offered_at",
        "offer_expires_at",
        "confirmed_at",
        "cancelled_at",
    ]
    inlines = [ParticipantInline]


@admin.register(StandApplication)
class StandApplicationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "event", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["organisation__name", "event__title"]
    raw_id_fields = ["event", "organisation", "applied_by"]
    readonly_fields = ["status", "decided_at"]
