from django.core.management.base import BaseCommand

from razem.areas.services import areas_load


class Command(BaseCommand):
    help = "Load the statutory public benefit areas."

    def handle(self, *args, **options):
        self.stdout.write(self.style.SUCCESS(f"Public benefit areas: {areas_load()}"))
