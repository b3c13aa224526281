from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "razem.organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from razem.organisations.search import register_search

        register_search()
