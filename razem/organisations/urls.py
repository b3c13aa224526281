from django.urls import path

from razem.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("eksport.<str:fmt>", views.organisation_export, name="export"),
    path("nowa/", views.organisation_create, name="create"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/edycja/", views.organisation_edit, name="edit"),
    path("<slug:slug>/weryfikacja/", views.organisation_verify, name="verify"),
    path("<slug:slug>/dolacz/", views.membership_request, name="request_membership"),
    path("<slug:slug>/czlonkowie/", views.organisation_members, name="members"),
    path(
        "<slug:slug>/czlonkowie/<int:pk>/decyzja/",
        views.membership_decide,
        name="decide_membership",
    ),
    path(
        "<slug:slug>/czlonkowie/<int:pk>/usun/",
        views.membership_remove,
        name="remove_membership",
    ),
]
