from django.urls import path

from razem.accounts import views

app_name = "accounts"

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("tokeny/", views.token_create, name="token_create"),
    path("tokeny/<int:pk>/uniewaznij/", views.token_revoke, name="token_revoke"),
    path("moje-dane/", views.my_data, name="my_data"),
    path("moje-dane.json", views.my_data_json, name="my_data_json"),
    path("usun/", views.delete_account, name="delete"),
    path("usunieto/", views.account_deleted, name="deleted"),
]
