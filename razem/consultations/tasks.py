"""Background jobs of consultations (thin, idempotent, take primary keys)."""

from celery import shared_task
from django.db.models import Q


def subscribers(consultation) -> list[str]:
    """E-mail addresses of organisations following one of the consultation's areas
    or a territory that contains it or lies within it (a national consultation
    reaches everyone following its areas or any territory)."""
    from razem.consultations.models import Subscription

    matches = Q(areas__in=consultation.areas.all())
    if consultation.territory_id is None:
        matches |= Q(territories__isnull=False)
    else:
        code = consultation.territory.code
        prefixes = [code[:n] for n in (2, 4, 7) if len(code) >= n]
        matches |= Q(territories__code__in=prefixes) | Q(
            territories__code__startswith=code
        )
    found = (
        Subscription.objects.filter(matches).select_related("organisation").distinct()
    )
    return sorted(
        {
            s.email or s.organisation.email
            for s in found
            if s.email or s.organisation.email
        }
    )


@shared_task
def notify_subscribers(consultation_id: int, what: str) -> int:
    """Tell following organisations that a consultation `opened` or was `reported`.
    One mail per address (Bcc would leak nothing either, but separate mails let
    each bounce on its own)."""
    from razem.consultations.models import Consultation
    from razem.core.mail import absolute_url, schedule_mail

    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is None:
        return 0
    link = absolute_url(consultation.get_absolute_url())
    addresses = subscribers(consultation)
    for address in addresses:
        schedule_mail(
            to=[address],
            template=f"consultations/mail/{what}",
            context={"consultation": consultation, "link": link},
        )
    return len(addresses)


@shared_task
def report_pdf_build(consultation_id: int) -> bool:
    """Build the published report's PDF and store it (report_pdf); downloads then
    serve the file. Idempotent: a rebuild replaces the previous file. A large report
    takes minutes (WeasyPrint lays out ~30 rows a second), hence a task."""
    import tempfile

    from django.core.files import File
    from django.utils import timezone

    from razem.consultations.models import Consultation
    from razem.consultations.report import report_filename, report_pdf_write

    consultation = Consultation.objects.filter(
        pk=consultation_id, status=Consultation.Status.REPORTED
    ).first()
    if consultation is None:
        return False
    previous = consultation.report_pdf.name
    with tempfile.TemporaryFile() as tmp:
        report_pdf_write(consultation, tmp)
        tmp.seek(0)
        consultation.report_pdf.save(
            f"{report_filename(consultation)}.pdf", File(tmp), save=False
        )
    Consultation.objects.filter(pk=consultation.pk).update(
        report_pdf=consultation.report_pdf.name, report_pdf_built_at=timezone.now()
    )
    if previous and previous != consultation.report_pdf.name:
        consultation.report_pdf.storage.delete(previous)
    return True
