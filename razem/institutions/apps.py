from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstitutionsConfig(AppConfig):
    name = "razem.institutions"
    verbose_name = _("Institutions")

    def ready(self):
        from razem.institutions.search import register_search

        register_search()
