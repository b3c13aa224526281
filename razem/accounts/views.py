"""Account pages: profile, roles, API tokens, personal data (RODO), deletion."""

import json

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import permission_required

from razem.accounts import selectors
from razem.accounts.exceptions import AccountError
from razem.accounts.forms import AccountDeleteForm, ApiTokenCreateForm, ProfileForm
from razem.accounts.services import user_delete, user_export_data, user_update_profile
from razem.accounts.tokens import api_token_create, api_token_revoke


def _render_profile(
    request, *, profile_form=None, token_form=None, new_token=None, status=200
):
    user = request.user
    context = {
        "profile_form": profile_form
        or ProfileForm(initial={"full_name": user.full_name}),
        "token_form": token_form or ApiTokenCreateForm(),
        "new_token": new_token,
        "memberships": selectors.user_memberships(user=user),
        "institution_roles": selectors.user_institution_roles(user=user),
        "tokens": selectors.user_api_tokens(user=user),
        "has_totp": Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists(),
    }
    return render(request, "accounts/profile.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    if request.method != "POST":
        return _render_profile(request)
    form = ProfileForm(request.POST)
    if form.is_valid():
        try:
            user_update_profile(
                user=request.user, full_name=form.cleaned_data["full_name"]
            )
        except ValidationError as exc:
            form.add_error("full_name", exc.messages)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
    return _render_profile(request, profile_form=form, status=400)


@never_cache
@login_required
@permission_required("accounts.manage_own_tokens", raise_exception=True)
@require_POST
def token_create(request):
    form = ApiTokenCreateForm(request.POST)
    if form.is_valid():
        token, raw = api_token_create(user=request.user, name=form.cleaned_data["name"])
        # The secret is shown in this response only; the database keeps its hash.
        return _render_profile(request, new_token={"token": token, "secret": raw})
    return _render_profile(request, token_form=form, status=400)


@login_required
@permission_required("accounts.manage_own_tokens", raise_exception=True)
@require_POST
def token_revoke(request, pk: int):
    token = selectors.api_token_get_for_user(user=request.user, pk=pk)
    api_token_revoke(token=token, actor=request.user)
    messages.success(
        request, _("The token “%(name)s” has been revoked.") % {"name": token.name}
    )
    return redirect(reverse("accounts:profile") + "#tokens")


@never_cache
@login_required
@permission_required("accounts.export_own_data", raise_exception=True)
@require_GET
def my_data(request):
    return render(
        request, "accounts/my_data.html", {"data": user_export_data(user=request.user)}
    )


@never_cache
@login_required
@permission_required("accounts.export_own_data", raise_exception=True)
@require_GET
def my_data_json(request):
    body = json.dumps(user_export_data(user=request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="razem-moje-dane.json"'
    return response


@never_cache
@login_required
@permission_required("accounts.delete_own_account", raise_exception=True)
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = AccountDeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user_delete(user=request.user, password=form.cleaned_data["password"])
        except AccountError as exc:
            form.add_error(exc.field, str(exc))
        else:
            logout(request)
            return redirect("accounts:deleted")
    status = 400 if form.is_bound else 200
    return render(request, "accounts/delete.html", {"form": form}, status=status)


@require_GET
def account_deleted(request):
    return render(request, "accounts/deleted.html")
