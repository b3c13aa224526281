from django.urls import path

from razem.events.views import attendance, manage, participate, public

app_name = "events"

urlpatterns = [
    # Public
    path("", public.event_list, name="list"),
    path("archiwum/", public.event_archive, name="archive"),
    path("kalendarz/", public.event_month, name="month"),
    path("kalendarz/<int:year>/<int:month>/", public.event_month, name="month"),
    path("ical/", public.feed_all, name="feed"),
    path("cykle/<slug:slug>/", public.series_detail, name="series"),
    path("cykle/<slug:slug>/ical/", public.feed_series, name="feed_series"),
    path(
        "instytucja/<slug:slug>/ical/",
        public.feed_institution,
        name="feed_institution",
    ),
    path(
        "organizacja/<slug:slug>/ical/",
        public.feed_organisation,
        name="feed_organisation",
    ),
    # Participants
    path(
        "rejestracja/<str:token>/",
        participate.registration_page,
        name="registration",
    ),
    path(
        "rejestracja/<str:token>/anuluj/",
        participate.registration_cancel_view,
        name="registration_cancel",
    ),
    path(
        "rejestracja/<str:token>/przyjmij/",
        participate.offer_accept_view,
        name="offer_accept",
    ),
    path("moje/", participate.my_registrations, name="mine"),
    # Organisers
    path("nowe/", manage.event_create_view, name="create"),
    path("organizowane/", manage.organised_list, name="organised"),
    path("cykle-nowy/", manage.series_create_view, name="series_create"),
    # One event
    path("<slug:slug>/", public.event_detail, name="detail"),
    path("<slug:slug>/ical/", public.feed_event, name="feed_event"),
    path("<slug:slug>/zapisy/", participate.register_view, name="register"),
    path("<slug:slug>/stoisko/", participate.stand_apply_view, name="stand_apply"),
    path("<slug:slug>/edycja/", manage.event_edit_view, name="edit"),
    path("<slug:slug>/odwolanie/", manage.event_cancel_view, name="cancel"),
    path("<slug:slug>/program/", manage.agenda_view, name="agenda"),
    path("<slug:slug>/zalaczniki/", manage.attachments_view, name="attachments"),
    path("<slug:slug>/pytania/", manage.questions_view, name="questions"),
    path("<slug:slug>/uczestnicy/", attendance.participants_view, name="participants"),
    path(
        "<slug:slug>/uczestnicy/eksport.<str:fmt>",
        attendance.participants_export_view,
        name="participants_export",
    ),
    path("<slug:slug>/wiadomosc/", attendance.message_view, name="message"),
    path("<slug:slug>/obecnosc/", attendance.check_in_view, name="check_in"),
    path(
        "<slug:slug>/lista-obecnosci.pdf",
        attendance.attendance_pdf_view,
        name="attendance_pdf",
    ),
    path(
        "<slug:slug>/zaswiadczenia.pdf",
        attendance.certificates_pdf_view,
        name="certificates_pdf",
    ),
    path("<slug:slug>/wyniki/", manage.outcomes_view, name="outcomes"),
    path("<slug:slug>/stoiska/", participate.stands_view, name="stands"),
]
