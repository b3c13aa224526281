from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from razem.core.tasks import send_mail_task


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Render now, send from a background task once the transaction commits."""
        message = self.render_mail(template_prefix, email, context)
        html = None
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        subject, body, to = message.subject, message.body, list(message.to)
        transaction.on_commit(lambda: send_mail_task.delay(subject, body, to, html))
