from django.urls import path

from . import views, views_alerts, views_contracts

app_name = "vacancies"
urlpatterns = [
    path("vacancies/", views.vacancy_list, name="vacancy_list"),
    path("vacancies/alerts/save/", views_alerts.saved_search_save, name="saved_search_save"),
    path("vacancies/alerts/stop/<str:token>/", views_alerts.alert_stop, name="alert_stop"),
    path("vacancies/<int:pk>/", views.vacancy_detail, name="vacancy_detail"),
    path("vacancies/<int:pk>/apply/", views.vacancy_apply, name="vacancy_apply"),
    path("vacancies/<int:pk>/contract/", views.vacancy_contract, name="vacancy_contract"),
    path("profile/", views.profile, name="profile"),
    path("profile/skills/", views.profile_skills, name="profile_skills"),
    path("profile/consent/", views.profile_consent, name="profile_consent"),
    path("profile/seasons/", views.profile_season_add, name="profile_season_add"),
    path("profile/alerts/", views_alerts.saved_searches, name="saved_searches"),
    path("profile/alerts/<int:pk>/stop/", views_alerts.saved_search_stop, name="saved_search_stop"),
    path("profile/my-data.json", views.profile_export, name="profile_export"),
    path("profile/delete/", views.profile_delete, name="profile_delete"),
    path("profile/applications/", views.my_applications, name="my_applications"),
    path("profile/applications/<int:pk>/costs/", views.cost_report, name="cost_report"),
    path(
        "profile/applications/<int:pk>/<slug:action>/",
        views.my_application_action,
        name="my_application_action",
    ),
    path("contracts/<int:pk>/", views_contracts.contract, name="contract"),
    path("contracts/<int:pk>/pdf/", views_contracts.contract_pdf, name="contract_pdf"),
    path("contracts/<int:pk>/code/", views_contracts.contract_code, name="contract_code"),
    path("contracts/<int:pk>/confirm/", views_contracts.contract_confirm, name="contract_confirm"),
    path("agency/job-orders/", views.agency_job_orders, name="agency_job_orders"),
    path("agency/job-orders/new/", views.agency_job_order_edit, name="agency_job_order_new"),
    path("agency/job-orders/<int:pk>/", views.agency_job_order, name="agency_job_order"),
    path(
        "agency/job-orders/<int:pk>/edit/",
        views.agency_job_order_edit,
        name="agency_job_order_edit",
    ),
    path(
        "agency/job-orders/<int:pk>/contract/",
        views.agency_job_order_contract,
        name="agency_job_order_contract",
    ),
    path(
        "agency/job-orders/<int:pk>/<slug:action>/",
        views.agency_job_order_action,
        name="agency_job_order_action",
    ),
    path(
        "agency/applications/<int:pk>/<slug:action>/",
        views.agency_application_action,
        name="agency_application_action",
    ),
    path("agency/candidates/", views.agency_candidates, name="agency_candidates"),
]
