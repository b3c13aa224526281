from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "razem.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added, authenticator_removed

        from razem.accounts.middleware import forget_two_factor_check

        authenticator_added.connect(
            forget_two_factor_check, dispatch_uid="razem-2fa-add"
        )
        authenticator_removed.connect(
            forget_two_factor_check, dispatch_uid="razem-2fa-remove"
        )
