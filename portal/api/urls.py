"""/api/v1/ — the regional data exchange API. The composition root: routes of every app's
`api.py`, the OpenAPI schema and its documentation page (served with local assets)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from info_campaigns import api as campaigns_api
from licensing import api as licensing_api
from matching import api as matching_api
from vacancies import api as vacancies_api

from . import corridors, verification
from .views import NotFoundView

#: The project's own endpoints; the schema covers exactly these.
endpoints = [
    path(
        "registry/agencies/", licensing_api.RegistryAgencyList.as_view(), name="registry_agencies"
    ),
    path(
        "registry/agencies/<int:pk>/",
        licensing_api.RegistryAgencyDetail.as_view(),
        name="registry_agency",
    ),
    path("verify/<str:number>/", verification.Verify.as_view(), name="verify"),
    path("vacancies/", vacancies_api.VacancyList.as_view(), name="vacancies"),
    path("vacancies/<int:pk>/", vacancies_api.VacancyDetail.as_view(), name="vacancy"),
    path("campaigns/", campaigns_api.CampaignList.as_view(), name="campaigns"),
    path("campaigns/<int:pk>/", campaigns_api.CampaignDetail.as_view(), name="campaign"),
    path("guides/", campaigns_api.GuideList.as_view(), name="guides"),
    path("guides/<int:pk>/", campaigns_api.GuideDetail.as_view(), name="guide"),
    path("corridor-rules/", corridors.CorridorRuleList.as_view(), name="corridor_rules"),
    path("statistics/", matching_api.OpenIndicatorList.as_view(), name="statistics"),
    path(
        "statistics/<slug:slug>/",
        matching_api.OpenIndicatorTable.as_view(),
        name="statistics_table",
    ),
    path("sdmx/structure/", matching_api.SdmxStructure.as_view(), name="sdmx_structure"),
    path("sdmx/data/<slug:slug>/", matching_api.SdmxData.as_view(), name="sdmx_data"),
    path("partner/statistics/", matching_api.Statistics.as_view(), name="partner_statistics"),
    path("partner/reports/", matching_api.PartnerReports.as_view(), name="partner_reports"),
    path("partner/sanctions/", licensing_api.SanctionsFeed.as_view(), name="partner_sanctions"),
    path(
        "partner/registry/changes/",
        licensing_api.RegistryChanges.as_view(),
        name="partner_registry_changes",
    ),
]

app_name = "api"
urlpatterns = [
    *endpoints,
    path(
        "schema/",
        SpectacularAPIView.as_view(patterns=[path("api/v1/", include((endpoints, "api")))]),
        name="schema",
    ),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("docs/redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    re_path(r"^.*$", NotFoundView.as_view(), name="not_found"),
]
