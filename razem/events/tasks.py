"""Periodic work for events: run by Celery beat every few minutes ("events-tick" in
CELERY_BEAT_SCHEDULE) or by `razem events-tick` from cron. Idempotent."""

from celery import shared_task

from razem.events.services.registration import expire_offers_everywhere
from razem.events.services.reminders import reminders_send


def tick() -> dict[str, int]:
    """Pass expired waiting-list offers on and send the reminders that are due."""
    return {
        "offers_events": expire_offers_everywhere(),
        "reminders_sent": reminders_send(),
    }


@shared_task(name="razem.events.tasks.events_tick")
def events_tick() -> dict[str, int]:
    return tick()
