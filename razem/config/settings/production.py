"""Production settings: refuse to start with DEBUG on or the default SECRET_KEY."""

from django.core.exceptions import ImproperlyConfigured

from razem.config.env import DEFAULT_SECRET_KEY

from .base import *  # noqa: F403
from .base import DEBUG, SECRET_KEY, env

if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production (unset DEBUG).")
if SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 32:
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random value of at least 32 characters in production."
    )

SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
