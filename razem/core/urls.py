from django.urls import path

from razem.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("dostepnosc/", views.accessibility, name="accessibility"),
    path("zrodla-danych/", views.attributions, name="attributions"),
    path("prywatnosc/", views.privacy, name="privacy"),
]
