"""The `razem` console script: Django's management commands plus `razem serve`."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "razem.config.settings.dev")
    argv = sys.argv[:]
    if len(argv) > 1 and argv[1] == "serve":
        # Production server: gunicorn with the WSGI app; extra args go to gunicorn.
        from gunicorn.app.wsgiapp import run

        bind = os.environ.get("BIND", "127.0.0.1:8000")
        workers = os.environ.get("WEB_CONCURRENCY", "2")
        sys.argv = [
            "gunicorn",
            "razem.config.wsgi:application",
            "--bind",
            bind,
            "--workers",
            workers,
            "--access-logfile",
            "-",
            *argv[2:],
        ]
        sys.exit(run())
    if len(argv) > 1 and not argv[1].startswith("-"):
        # `razem import-organisations` runs the `import_organisations` command.
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
