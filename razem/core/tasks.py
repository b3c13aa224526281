"""Background jobs. Thin, idempotent, take primary keys; run by Celery or inline."""

from celery import shared_task
from django.core.mail import EmailMultiAlternatives


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_mail_task(
    self,
    subject: str,
    body: str,
    to: list[str],
    html: str | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> int:
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments or []:
        message.attach(name, content, mimetype)
    try:
        return message.send()
    except OSError as exc:  # SMTP down: try again later
        raise self.retry(exc=exc) from exc
