from django.shortcuts import redirect
from django.urls import reverse


class RequireStaffTwoFactorMiddleware:
    """Staff of an institution that requires it must set up TOTP before anything else.

    They can still reach the account pages (to set it up), sign out, and static files.
    """

    allowed_prefixes = ("/konto/", "/i18n/", "/static/", "/media/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(self.allowed_prefixes)
            and needs_two_factor_setup(user)
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


def needs_two_factor_setup(user) -> bool:
    from allauth.mfa.models import Authenticator

    if not user.institution_roles.filter(institution__require_staff_2fa=True).exists():
        return False
    return not Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()
