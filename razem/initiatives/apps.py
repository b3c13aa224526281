from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "razem.initiatives"
    verbose_name = _("Social initiatives")

    def ready(self):
        from razem.initiatives.search import register_search

        register_search()
