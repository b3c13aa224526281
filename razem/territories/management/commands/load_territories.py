from django.core.management.base import BaseCommand

from razem.territories.services import territories_load


class Command(BaseCommand):
    help = "Load voivodeships, powiats and gminas (TERC 2025) with centroids."

    def handle(self, *args, **options):
        written = territories_load()
        self.stdout.write(self.style.SUCCESS(f"Territories written: {written}"))
