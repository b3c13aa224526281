"""`razem import-organisations FILE [--dry-run] [--actor EMAIL]`, see docs/import.md."""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from razem.organisations.importer import ImportFailed, organisations_import

STAGES = {"validate": "checking", "write": "writing", "index": "indexing"}


class Command(BaseCommand):
    help = "Create or update organisations from a CSV, XLSX or ODS file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (UTF-8, comma or semicolon), XLSX or ODS")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file, write nothing"
        )
        parser.add_argument(
            "--actor", metavar="EMAIL", help="the person recorded in the audit log"
        )

    def handle(self, *args, file, dry_run, actor, verbosity, **options):
        person = None
        if actor:
            person = get_user_model().objects.filter(email__iexact=actor).first()
            if person is None:
                raise CommandError(
                    _("No user with the e-mail address %(email)s.") % {"email": actor}
                )
        bars: dict[str, tqdm] = {}

        def progress(stage: str, done: int, total: int) -> None:
            bar = bars.get(stage)
            if bar is None:
                for finished in bars.values():  # one bar at a time, one line
                    finished.close()
                bar = bars[stage] = tqdm(
                    total=total, desc=STAGES[stage], unit=" rows", file=sys.stderr,
                    disable=verbosity == 0, leave=False,
                )  # fmt: skip
            bar.update(done - bar.n)

        try:
            result = organisations_import(
                path=file, actor=person, dry_run=dry_run, progress=progress
            )
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(str(exc)) from exc
        finally:
            for bar in bars.values():
                bar.close()
        summary = _("created %(created)s, updated %(updated)s") % {
            "created": result.created,
            "updated": result.updated,
        }
        if dry_run:
            summary = _(
                "Dry run, nothing was written. The import would give: %(summary)s"
            ) % {"summary": summary}
        self.stdout.write(self.style.SUCCESS(summary))
