"""Mail is rendered now and sent by a task after the transaction commits."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from razem.core.tasks import send_mail_task


def absolute_url(path: str) -> str:
    """`path` on the public site: RAZEM_BASE_URL (e.g. https://razem.gov.pl) makes
    links in mail, feeds and files absolute; without it they stay relative."""
    return getattr(settings, "RAZEM_BASE_URL", "").rstrip("/") + path


def schedule_mail(
    *,
    to: list[str],
    template: str,
    context: dict,
    language: str | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt`; send after commit."""
    with translation.override(language or translation.get_language()):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    recipients = [address for address in to if address]
    if not recipients:
        return
    transaction.on_commit(
        lambda: send_mail_task.delay(subject, body, recipients, None, attachments)
    )
