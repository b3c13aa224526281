"""API tokens: `rzm_<prefix>_<secret>`; the database keeps a SHA-256 of the whole token."""

import hashlib
import secrets

from django.utils import timezone

from razem.accounts.models import ApiToken, User


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with the raw secret, which is shown only once."""
    prefix = secrets.token_hex(4)
    raw = f"rzm_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(user=user, name=name, prefix=prefix, key_hash=_hash(raw))
    return token, raw


def api_token_authenticate(raw: str) -> User | None:
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(key_hash=_hash(raw or ""))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
