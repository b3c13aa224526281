from django.core.management.base import BaseCommand
from tqdm import tqdm

from razem.search.registry import KINDS
from razem.search.services import index_objects


class Command(BaseCommand):
    help = "Rebuild the search index of every searchable kind (or the ones named)."

    def add_arguments(self, parser):
        parser.add_argument(
            "kinds", nargs="*", help=f"kinds to rebuild: {', '.join(KINDS)}"
        )

    def handle(self, *args, kinds, **options):
        unknown = sorted(set(kinds) - set(KINDS))
        if unknown:
            self.stderr.write(
                f"Unknown kinds: {', '.join(unknown)}. Known: {', '.join(KINDS)}"
            )
            raise SystemExit(2)
        for name in kinds or list(KINDS):
            total = KINDS[name].queryset().count()
            with tqdm(total=total, desc=name, unit="obj", disable=None) as bar:
                written = index_objects(kind=name, progress=bar.update)
            self.stdout.write(self.style.SUCCESS(f"{name}: {written} indexed"))
