from django.urls import path

from razem.institutions import views

app_name = "institutions"

urlpatterns = [
    path("", views.institution_list, name="list"),
    path("pelnomocnicy/", views.liaison_list, name="liaisons"),
    path("<slug:slug>/", views.institution_detail, name="detail"),
]
