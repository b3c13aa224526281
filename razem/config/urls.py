from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from razem.config.api import api
from razem.initiatives import views as initiatives_views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("konto/", include("razem.accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("organizacje/", include("razem.organisations.urls")),
    path("instytucje/", include("razem.institutions.urls")),
    path("inicjatywy/", include("razem.initiatives.urls")),
    path("wydarzenia/", include("razem.events.urls")),
    path("konsultacje/", include("razem.consultations.urls")),
    path("szukaj/", include("razem.search.urls")),
    path("mapa/", initiatives_views.map_page, name="map"),
    path("", include("razem.core.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
