"""API tokens: `rzm_<prefix>_<secret>`; the database keeps a SHA-256 of the token."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from razem.accounts.models import ApiToken, User
from razem.core.audit import audit_log


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with the raw secret, which is shown only once."""
    prefix = secrets.token_hex(4)
    raw = f"rzm_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(user=user, name=name.strip(), prefix=prefix, key_hash=_hash(raw))
    token.full_clean()
    with transaction.atomic():
        token.save()
        audit_log(
            action="accounts.api_token.created",
            actor=user,
            target=token,
            data={"name": token.name},
        )
    return token, raw


def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Revoke a token; it stops authenticating at once. Revoking twice is a no-op.

    The caller fetches the token with `api_token_get_for_user`, which allows only the
    owner's own tokens.
    """
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            return token
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_log(
            action="accounts.api_token.revoked",
            actor=actor,
            target=token,
            data={"name": token.name},
        )
    return token


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
