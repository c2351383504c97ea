"""Work permits, patents, fees and payments (issue 5). Mounted inside the language prefix."""

from django.urls import path

from . import views

app_name = "permits"
urlpatterns = [
    path("permits/", views.home, name="home"),
    path("permits/fees/", views.fees, name="fees"),
    path("permits/apply/<slug:kind_slug>/", views.apply, name="apply"),
    path("permits/application/<int:pk>/", views.application_detail, name="application_detail"),
    path("permits/application/<int:pk>/documents/", views.document_upload, name="document_upload"),
    path(
        "permits/application/<int:pk>/documents/<int:doc_pk>/",
        views.document_download,
        name="document_download",
    ),
    path("permits/application/<int:pk>/consent/", views.consent, name="consent"),
    path("permits/application/<int:pk>/submit/", views.submit, name="submit"),
    path("permits/application/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("permits/certificate/<str:number>.pdf", views.certificate, name="certificate"),
    path("permits/patent/<str:number>/pay/", views.patent_pay, name="patent_pay"),
    path("permits/payment/<str:reference>/", views.payment_order, name="payment_order"),
]
