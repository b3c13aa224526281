import time

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# The session remembers "no two-factor set-up needed" for a few minutes, so that an
# ordinary user's request costs no query. A positive answer is never remembered: staff
# who still have to set up TOTP are checked on each request and pass as soon as they
# have it. A new staff role at an institution that requires TOTP takes effect within
# RECHECK_SECONDS; removing an authenticator forgets the answer at once.
SESSION_KEY = "accounts.two_factor_not_needed"
RECHECK_SECONDS = 300


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
            and _needs_two_factor_setup_cached(request)
        ):
            messages.warning(
                request,
                _(
                    "Your institution requires two-factor authentication. "
                    "Set it up to continue."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


def needs_two_factor_setup(user) -> bool:
    from allauth.mfa.models import Authenticator

    if not user.institution_roles.filter(institution__require_staff_2fa=True).exists():
        return False
    return not Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


def _needs_two_factor_setup_cached(request) -> bool:
    now = int(time.time())
    remembered = request.session.get(SESSION_KEY)
    if (
        remembered
        and remembered.get("user") == request.user.pk
        and now - remembered.get("at", 0) < RECHECK_SECONDS
    ):
        return False
    needed = needs_two_factor_setup(request.user)
    if needed:
        request.session.pop(SESSION_KEY, None)
    else:
        request.session[SESSION_KEY] = {"user": request.user.pk, "at": now}
    return needed


def forget_two_factor_check(sender, request=None, **kwargs) -> None:
    """Receiver of allauth.mfa's authenticator_added/_removed signals."""
    session = getattr(request, "session", None)
    if session is not None:
        session.pop(SESSION_KEY, None)
