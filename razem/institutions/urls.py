from django.urls import path

from razem.institutions import views

app_name = "institutions"

urlpatterns = [
    path("", views.institution_list, name="list"),
    path("pelnomocnicy/", views.liaison_list, name="liaisons"),
    path("nowa/", views.institution_create, name="create"),
    path("<slug:slug>/", views.institution_detail, name="detail"),
    path("<slug:slug>/edycja/", views.institution_edit, name="edit"),
    path("<slug:slug>/komorki/nowa/", views.unit_form, name="unit_create"),
    path("<slug:slug>/komorki/<int:pk>/edycja/", views.unit_form, name="unit_edit"),
    path("<slug:slug>/komorki/<int:pk>/usun/", views.unit_delete, name="unit_delete"),
    path("<slug:slug>/grupy/nowa/", views.thematic_group_form, name="group_create"),
    path(
        "<slug:slug>/grupy/<int:pk>/edycja/",
        views.thematic_group_form,
        name="group_edit",
    ),
    path(
        "<slug:slug>/grupy/<int:pk>/usun/",
        views.thematic_group_delete,
        name="group_delete",
    ),
    path("<slug:slug>/zespol/", views.staff_list, name="staff"),
    path("<slug:slug>/zespol/<int:pk>/edycja/", views.staff_edit, name="staff_edit"),
    path("<slug:slug>/zespol/<int:pk>/usun/", views.staff_remove, name="staff_remove"),
]
