"""Reads about a person's own account."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from razem.accounts.models import ApiToken, User
from razem.institutions.models import InstitutionStaff
from razem.organisations.models import Membership


def user_memberships(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


def user_institution_roles(*, user: User) -> QuerySet[InstitutionStaff]:
    return (
        InstitutionStaff.objects.filter(user=user)
        .select_related("institution", "unit")
        .order_by("institution__name", "pk")
    )


def user_api_tokens(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def api_token_get_for_user(*, user: User, pk: int) -> ApiToken:
    """The person's own active token; 404 for anyone else's (not found = not allowed)"""
    return get_object_or_404(ApiToken.objects.active(), pk=pk, user=user)
