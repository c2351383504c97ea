"""URL map. Public and account pages carry a language prefix (/ru/, /kk/ …)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from info_campaigns import views as campaign_views
from info_campaigns.sitemaps import CampaignSitemap
from licensing.permits import views as permits_views
from portal.telegram import views as telegram_views

from . import health, views

# A database outage answers a translated 503 page with Retry-After (docs/reliability.md).
handler500 = "portal.views.server_error"

portal_patterns = (
    [
        path("dashboard/", views.dashboard, name="dashboard"),
        # /tg/admin/ etc.: sets the back office's language and redirects to /admin/.
        path("admin/", views.backoffice, name="backoffice"),
        path("dashboard/language/", views.account_language, name="account_language"),
        path("dashboard/channels/", views.account_channels, name="account_channels"),
        path("dashboard/notifications/", views.account_notifications, name="notifications"),
        path("data-licence/", views.data_licence, name="data_licence"),
        path("verify/", views.verify, name="verify"),
        path("verify/<str:number>/", views.verify, name="verify_number"),
    ],
    "portal",
)

urlpatterns = [
    path("healthz", health.LoadBalancerHealthView.as_view(), name="healthz"),
    path("healthz/detail", health.StaffHealthView.as_view(), name="healthz_detail"),
    path("api/v1/", include("portal.api.urls")),
    # Payment gateways call a fixed address, without a language prefix (docs/permits.md).
    path("payments/webhook/", permits_views.payment_webhook, name="permits_payment_webhook"),
    # Telegram calls the bot at a secret path (docs/telegram.md).
    path("telegram/webhook/<str:secret>/", telegram_views.webhook, name="telegram_webhook"),
    path("i18n/setlang/", set_language, name="set_language"),
    # One sign-in for everyone, allauth's, with its MFA step and rate limits: the password-only
    # login forms of Wagtail and Django admin would skip both.
    path("admin/login/", views.backoffice_login, name="backoffice_login"),
    path(
        "django-admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("django-admin/", admin.site.urls),
    # Outside the language prefix: one sitemap lists every language, with hreflang alternates.
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": CampaignSitemap}}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("licensing.urls")),
    path("", include("licensing.permits.urls")),
    path("", include("licensing.protection.urls")),
    path("", include("vacancies.urls")),
    path("", include("matching.urls")),
    path("", include("vacancies.cycle.urls")),
    path("", include("info_campaigns.urls")),
    path("", include("portal.telegram.urls")),
    path("", include(portal_patterns)),
    # Wagtail's page view with remembered routes (info_campaigns.views.serve_page), before
    # Wagtail's own pattern of the same name.
    re_path(wagtail_urls.serve_pattern, campaign_views.serve_page, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
