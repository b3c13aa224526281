from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "razem.events"
    verbose_name = _("Events")

    def ready(self):
        from razem.events import rules  # noqa: F401  (registers the permissions)
        from razem.events.search import register_search

        register_search()
