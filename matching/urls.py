"""Matcher pages under the language prefix (included at the root of i18n_patterns)."""

from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("vacancies-for-you/", views.vacancies_for_you, name="vacancies_for_you"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/<slug:slug>.<str:fmt>", views.statistics_download, name="statistics_download"),
    path("agency/matches/<int:pk>/", views.job_order_candidates, name="job_order_candidates"),
]
