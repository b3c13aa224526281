from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from razem.core import selectors


@require_GET
def home(request):
    return render(request, "core/home.html", selectors.home_summary())


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers; 503 otherwise (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def static_page(template):
    @require_GET
    def view(request):
        return render(request, template)

    return view


accessibility = static_page("core/accessibility.html")
attributions = static_page("core/attributions.html")
privacy = static_page("core/privacy.html")
