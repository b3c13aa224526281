from django.urls import path

from razem.initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("nowa/", views.initiative_create, name="create"),
    path("moje/", views.my_initiatives, name="mine"),
    path("do-przegladu/", views.review_queue, name="review_queue"),
    # The lead routes /mapa/ to views.map_page too; this address keeps working.
    path("mapa/", views.map_page, name="map"),
    path("mapa/granice/<slug:level>.geojson", views.boundaries, name="boundaries"),
    path("<int:pk>/", views.initiative_detail, name="detail"),
    path("<int:pk>/edytuj/", views.initiative_edit, name="edit"),
    path("<int:pk>/przeglad/", views.initiative_review, name="review"),
    path(
        "<int:pk>/zdjecia/<int:photo_pk>/usun/",
        views.photo_remove,
        name="photo_remove",
    ),
]
