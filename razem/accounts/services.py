"""Writes on a person's own account: profile, personal data export, deletion."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.exceptions import AccountError
from razem.accounts.models import User
from razem.accounts.selectors import (
    user_api_tokens,
    user_institution_roles,
    user_memberships,
)
from razem.core.audit import audit_log
from razem.core.mail import schedule_mail
from razem.core.models import AuditEntry
from razem.institutions.models import InstitutionStaff
from razem.organisations.models import Membership, Organisation


def user_update_profile(*, user: User, full_name: str) -> User:
    """Change the name shown to the organisations and institutions the person works
    with. The audit entry names the changed field, not its values (personal data)."""
    before = user.full_name
    user.full_name = full_name.strip()
    user.full_clean()
    if user.full_name == before:
        return user
    with transaction.atomic():
        user.save(update_fields=["full_name"])
        audit_log(
            action="accounts.user.profile_updated",
            actor=user,
            target=user,
            data={"changed": ["full_name"]},
        )
    return user


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def user_export_data(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about the person (RODO art. 15 and 20).

    Only the person's own data: no secrets or hashes, and no names of other people
    (who decided a membership, what other people's records audit entries describe).
    """
    user_type = ContentType.objects.get_for_model(User)
    return {
        "exported_at": _iso(timezone.now()),
        "account": {
            "id": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "is_active": user.is_active,
            "is_platform_admin": user.is_superuser,
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("-primary", "pk")
        ],
        "memberships": [
            {
                "organisation": m.organisation.name,
                "organisation_url": m.organisation.get_absolute_url(),
                "role": m.role,
                "role_display": m.get_role_display(),
                "status": m.status,
                "status_display": m.get_status_display(),
                "message": m.message,
                "created_at": _iso(m.created_at),
                "decided_at": _iso(m.decided_at),
            }
            for m in user_memberships(user=user)
        ],
        "institution_roles": [
            {
                "institution": s.institution.name,
                "institution_url": s.institution.get_absolute_url(),
                "unit": s.unit.name if s.unit else None,
                "is_liaison": s.is_liaison,
                "is_manager": s.is_manager,
                "created_at": _iso(s.created_at),
            }
            for s in user_institution_roles(user=user)
        ],
        "api_tokens": [
            {
                "name": t.name,
                "created_at": _iso(t.created_at),
                "last_used_at": _iso(t.last_used_at),
                "revoked_at": _iso(t.revoked_at),
            }
            for t in user_api_tokens(user=user)
        ],
        "two_factor_authenticators": [
            {
                "type": a.type,
                "created_at": _iso(a.created_at),
                "last_used_at": _iso(a.last_used_at),
            }
            for a in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        "audit_entries": [
            {
                "action": e.action,
                "created_at": _iso(e.created_at),
                "object_type": e.content_type.model if e.content_type else None,
                "object_id": e.object_id,
                # Details of entries about other records may describe other people.
                "details": e.data
                if e.content_type_id == user_type.pk and e.object_id == str(user.pk)
                else None,
            }
            for e in AuditEntry.objects.filter(actor=user)
            .select_related("content_type")
            .order_by("created_at", "pk")
        ],
    }


def _organisations_left_without_representative(user: User) -> list[str]:
    """Names of organisations whose only approved representative is `user`.

    Locks the representatives' memberships so that two representatives of the same
    organisation cannot both leave at once.
    """
    approved = {
        "role": Membership.Role.REPRESENTATIVE,
        "status": Membership.Status.APPROVED,
    }
    organisation_ids = list(
        Membership.objects.filter(user=user, **approved).values_list(
            "organisation_id", flat=True
        )
    )
    if not organisation_ids:
        return []
    others = set(
        Membership.objects.select_for_update()
        .filter(organisation_id__in=organisation_ids, **approved)
        .exclude(user=user)
        .values_list("organisation_id", flat=True)
    )
    alone = [pk for pk in organisation_ids if pk not in others]
    return list(
        Organisation.objects.filter(pk__in=alone)
        .order_by("name")
        .values_list("name", flat=True)
    )


def user_delete(*, user: User, password: str) -> None:
    """Delete the person's account after checking their password (RODO art. 17).

    Refused while they are the last approved representative of an organisation.
    In one transaction: memberships and institution roles go, audit entries stay with
    the actor nulled and the descriptions of the person's records blanked, the user
    goes, and an entry `accounts.user.deleted` without personal data is written.
    A notice is mailed to the address after commit.
    """
    if not password or not user.check_password(password):
        raise AccountError(
            _("The password is not correct."), field="password", code="wrong_password"
        )
    with transaction.atomic():
        alone_in = _organisations_left_without_representative(user)
        if alone_in:
            raise AccountError(
                _(
                    "You are the last approved representative of: %(names)s. "
                    "Approve another representative first, then delete your account."
                )
                % {"names": ", ".join(alone_in)},
                code="last_representative",
            )
        email, user_id = user.email, user.pk
        memberships = Membership.objects.filter(user=user)
        roles = InstitutionStaff.objects.filter(user=user)
        # Audit descriptions of the person's own records contain their name or e-mail.
        for model, ids in (
            (User, [user_id]),
            (Membership, list(memberships.values_list("pk", flat=True))),
            (InstitutionStaff, list(roles.values_list("pk", flat=True))),
        ):
            AuditEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=[str(pk) for pk in ids],
            ).update(object_repr="")
        membership_count, _unused = memberships.delete()
        role_count, _unused = roles.delete()
        try:
            user.delete()
        except (ProtectedError, RestrictedError) as exc:
            raise AccountError(
                _(
                    "Some of your records must be kept by law, so the account cannot "
                    "be deleted here. Please write to the platform administrators."
                ),
                code="protected",
            ) from exc
        audit_log(
            action="accounts.user.deleted",
            data={
                "user_id": user_id,
                "memberships_deleted": membership_count,
                "institution_roles_deleted": role_count,
            },
        )
        schedule_mail(to=[email], template="accounts/mail/account_deleted", context={})
