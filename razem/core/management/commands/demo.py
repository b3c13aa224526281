"""`razem demo`: load the demo content and print the logins (run after `migrate`)."""

import time

from django.core.management.base import BaseCommand

from razem.core.demo import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = (
        "Load demo data: territories, public benefit areas, the institutions of the "
        "seed documents, about 200 organisations and one login per role. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000/",
            help="Where the site runs, for the hint printed at the end.",
        )

    def handle(self, *args, url: str, **options):
        started = time.monotonic()
        summary = demo_load()
        elapsed = time.monotonic() - started
        write = self.stdout.write
        write(
            self.style.SUCCESS(
                f"Demo data loaded in {elapsed:.1f} s: "
                f"{summary.institutions} institutions, "
                f"{summary.organisations} organisations "
                f"({summary.organisations_created} new, "
                f"{summary.organisations_updated} updated, "
                f"{summary.organisations_unchanged} unchanged, "
                f"{summary.organisations_removed} old ones removed), "
                f"{summary.areas} public benefit areas, "
                f"{summary.territories_written} territories written."
            )
        )
        if summary.events is not None:
            events = summary.events
            write(
                f"Demo events: {events.events} in {events.series} series "
                f"({events.registrations} new registrations, "
                f"{events.stands} new stand applications)."
            )
        if summary.organisations_skipped:
            write(
                self.style.WARNING(
                    "Skipped (slug used by a non-demo organisation): "
                    + ", ".join(summary.organisations_skipped)
                )
            )
        rows = [("Login (e-mail)", "Role")] + [
            (user.email, role) for user, role in summary.users
        ]
        width = max(len(email) for email, _ in rows)
        write("")
        for index, (email, role) in enumerate(rows):
            write(f"  {email.ljust(width)}  {role}")
            if index == 0:
                write(f"  {'-' * width}  {'-' * len(role)}")
        write("")
        write(f"  Password for every demo login: {DEMO_PASSWORD}")
        write(
            f"  Sign in at {url.rstrip('/')}/konto/login/ ; "
            f"the Django admin is at {url.rstrip('/')}/admin/"
        )
