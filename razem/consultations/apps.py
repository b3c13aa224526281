from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "razem.consultations"
    verbose_name = _("Consultations")

    def ready(self):
        from razem.consultations import rules  # noqa: F401  (registers permissions)
        from razem.consultations.search import register_search

        register_search()
