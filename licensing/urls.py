from django.urls import path

from . import views

app_name = "licensing"
urlpatterns = [
    path("agency/register/", views.agency_register, name="agency_register"),
    path("agency/", views.agency_home, name="agency_home"),
    path("agency/licence/new/", views.application_start, name="application_start"),
    path(
        "agency/licence/renew/<int:licence_pk>/", views.application_start, name="application_renew"
    ),
    path("agency/licence/<int:pk>/", views.application_detail, name="application_detail"),
    path("agency/licence/<int:pk>/submit/", views.application_submit, name="application_submit"),
    path(
        "agency/licence/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"
    ),
    path(
        "agency/licence/<int:pk>/step/<slug:step>/", views.application_step, name="application_step"
    ),
    path(
        "agency/licence/<int:pk>/documents/<int:doc_pk>/",
        views.document_download,
        name="document_download",
    ),
    path(
        "agency/licence/<int:pk>/documents/<int:doc_pk>/remove/",
        views.document_remove,
        name="document_remove",
    ),
    path(
        "agency/certificate/<str:number>.pdf", views.licence_certificate, name="licence_certificate"
    ),
    path("registry/", views.registry, name="registry"),
    path("registry/agencies.csv", views.registry_csv, name="registry_csv"),
    path("registry/<int:pk>/", views.registry_agency, name="registry_agency"),
    path("complaints/new/", views.complaint_new, name="complaint_new"),
    path("complaints/filed/", views.complaint_filed, name="complaint_filed"),
    path("complaints/track/", views.complaint_track, name="complaint_track"),
    path("complaints/evidence/<int:pk>/", views.complaint_evidence, name="complaint_evidence"),
]
