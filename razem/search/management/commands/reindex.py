from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from razem.search.registry import KINDS
from razem.search.services import bulk_indexing, index_objects


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
        names = kinds or list(KINDS)
        totals = {name: KINDS[name].queryset().count() for name in names}
        # One transaction: searches see the old index until the new one is complete.
        with transaction.atomic(), bulk_indexing(sum(totals.values())):
            for name in names:
                with tqdm(
                    total=totals[name], desc=name, unit="obj", disable=None
                ) as bar:
                    written = index_objects(kind=name, progress=bar.update)
                self.stdout.write(self.style.SUCCESS(f"{name}: {written} indexed"))
