"""The JSON API under /api/v1/: one NinjaAPI, routers from each app, one error shape.

Errors always look like {"error": {"code": str, "message": str, "fields": {name: [msg]}}}.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyHeader, SessionAuth

from razem.accounts.tokens import api_token_authenticate
from razem.core.exceptions import DomainError


class TokenAuth(APIKeyHeader):
    """`Authorization: Token rzm_…` (tokens are created on the account page)."""

    param_name = "Authorization"
    openapi_description = "Authorization: Token <your token>"

    def authenticate(self, request, key):
        if not key or not key.startswith("Token "):
            return None
        user = api_token_authenticate(key.removeprefix("Token ").strip())
        if user is not None:
            request.user = user
        return user


class SignedInSessionAuth(SessionAuth):
    """Session auth that first asks whether there is a signed-in person at all.

    Ninja's SessionAuth checks CSRF before it looks at the session, so an anonymous
    client (or one with a bad token) got 403 "CSRF check failed" instead of 401.
    """

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


# Session auth keeps CSRF protection for browser clients; tokens are for programs.
write_auth = [TokenAuth(), SignedInSessionAuth()]

api = NinjaAPI(
    title="Razem API",
    version="1.0",
    description="Public data of the Razem platform and the operations of its web pages.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": str(message), "fields": fields or {}}}


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    fields = {exc.field: [str(exc.message)]} if exc.field else {}
    return api.create_response(
        request, error_body(exc.code, exc.message, fields), status=exc.status_code
    )


@api.exception_handler(DjangoValidationError)
def django_validation_error(request, exc: DjangoValidationError):
    fields = (
        {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
        if hasattr(exc, "error_dict")
        else {}
    )
    message = "; ".join(str(m) for m in exc.messages)
    return api.create_response(
        request, error_body("invalid", message, fields), status=400
    )


@api.exception_handler(NinjaValidationError)
def ninja_validation_error(request, exc: NinjaValidationError):
    fields: dict[str, list[str]] = {}
    for err in exc.errors:
        loc = [
            str(p)
            for p in err.get("loc", [])
            if p not in ("body", "query", "path", "form", "payload")
        ]
        fields.setdefault(".".join(loc) or "__all__", []).append(
            err.get("msg", "invalid")
        )
    return api.create_response(
        request, error_body("validation_error", "Invalid input.", fields), status=422
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(
        request, error_body("not_found", "Not found."), status=404
    )


@api.exception_handler(AuthenticationError)
def unauthorised(request, exc):
    return api.create_response(
        request, error_body("unauthorised", "Authentication required."), status=401
    )


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return api.create_response(
        request, error_body("error", exc.message), status=exc.status_code
    )


def _register_routers() -> None:
    from razem.areas.api import router as areas_router
    from razem.events.api import router as events_router
    from razem.initiatives.api import router as initiatives_router
    from razem.institutions.api import router as institutions_router
    from razem.organisations.api import router as organisations_router
    from razem.search.api import router as search_router
    from razem.territories.api import router as territories_router

    api.add_router("/territories", territories_router)
    api.add_router("/areas", areas_router)
    api.add_router("/institutions", institutions_router)
    api.add_router("/organisations", organisations_router)
    api.add_router("/initiatives", initiatives_router)
    api.add_router("/search", search_router)
    api.add_router("/events", events_router)


_register_routers()
