from django.urls import path

from razem.consultations.views import comments, manage, public, report, versions

app_name = "consultations"

urlpatterns = [
    # Public
    path("", public.consultation_list, name="list"),
    # Participants
    path("moje-uwagi/", comments.my_comments, name="my_comments"),
    path("uwagi/<int:pk>/edycja/", comments.comment_edit_view, name="comment_edit"),
    path(
        "uwagi/<int:pk>/zgloszenie/",
        comments.comment_report_view,
        name="comment_report",
    ),
    # The institution
    path("nowe/", manage.consultation_create_view, name="create"),
    path("prowadzone/", manage.managed_list, name="managed"),
    path(
        "subskrypcja/<slug:organisation>/",
        manage.subscription_view,
        name="subscription",
    ),
    # One consultation
    path("<slug:slug>/", public.consultation_detail, name="detail"),
    path("<slug:slug>/sekcje/<path:key>/", public.section_detail, name="section"),
    path("<slug:slug>/wersje/", versions.version_list, name="versions"),
    path(
        "<slug:slug>/wersje/<int:old>/<int:new>/",
        versions.version_diff,
        name="diff",
    ),
    path("<slug:slug>/raport/", report.report_view, name="report"),
    path(
        "<slug:slug>/raport.<str:fmt>",
        report.report_download,
        name="report_download",
    ),
    path("<slug:slug>/uwaga/", comments.comment_create_view, name="comment_create"),
    path("<slug:slug>/opinia/", comments.opinion_enter_view, name="opinion_enter"),
    path("<slug:slug>/moderacja/", comments.moderation_view, name="moderation"),
    path("<slug:slug>/edycja/", manage.consultation_edit_view, name="edit"),
    path("<slug:slug>/tekst/", versions.version_create_view, name="version_create"),
    path("<slug:slug>/zalaczniki/", manage.attachments_view, name="attachments"),
    path("<slug:slug>/publikacja/", manage.publish_view, name="publish"),
    path("<slug:slug>/odpowiedzi/", manage.responses_view, name="responses"),
    path(
        "<slug:slug>/raport/publikacja/",
        manage.report_publish_view,
        name="report_publish",
    ),
]
