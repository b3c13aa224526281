from django.core.management.base import BaseCommand

from razem.events.tasks import tick


class Command(BaseCommand):
    help = (
        "Pass expired waiting-list offers to the next people and send the reminders "
        "that are due (for cron when no Celery beat runs)."
    )

    def handle(self, *args, **options):
        done = tick()
        self.stdout.write(
            self.style.SUCCESS(
                f"Events with expired offers processed: {done['offers_events']}; "
                f"reminders sent: {done['reminders_sent']}"
            )
        )
