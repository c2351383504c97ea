"""Public shell views: home, the signed-in dashboard (health checks: portal/health.py)."""

import json
import sys

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_POST

from .api.problems import PROBLEM_MEDIA_TYPE, problem
from .forms import ChannelsForm, LanguageForm
from .policy import active_memberships, is_staff_user
from .services import ERROR_CHANNELS, ERROR_LANGUAGE, user_channels_set, user_language_set


@login_required
def dashboard(request):
    """After sign-in: links to what this user's roles allow."""
    return render(
        request,
        "portal/dashboard.html",
        {
            "memberships": active_memberships(request.user),
            "is_staff_user": is_staff_user(request.user),
            "language_form": LanguageForm(
                initial={"language": request.user.preferred_language or translation.get_language()}
            ),
            "channels_form": ChannelsForm(user=request.user),
        },
    )


def backoffice_login(request):
    """Where the back office sends whoever it refuses. Nobody signs in here (allauth's sign-in,
    with its MFA step, is the only one); a person already signed in who is not staff (an
    agency's administrator, a worker) goes to their own area, where Wagtail's "no permission"
    message shows, instead of bouncing between sign-in and /admin/ for ever."""
    if request.user.is_authenticated:
        return redirect("portal:dashboard")
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("account_login") + (f"?{query}" if query else ""))


def backoffice(request):
    """/tg/admin/ and the like: the back office in the prefix's language.

    The back office lives at /admin/, without a language prefix, where Django reads the
    language from the language cookie; this sets that cookie (as Django's set_language view
    does) and goes on to /admin/, which asks for sign-in if needed.
    """
    response = redirect("wagtailadmin_home")
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        translation.get_language(),
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@login_required
@require_POST
def account_language(request):
    """Change the language of one's notifications."""
    return _account_setting_post(
        request,
        LanguageForm(request.POST),
        ERROR_LANGUAGE,
        lambda data: user_language_set(user=request.user, language=data["language"]),
        _("Your messages will come in this language."),
    )


def _account_setting_post(request, form, error, save, done):
    """Save one account setting from its form and say how it went, then back to the account."""
    if form.is_valid():
        save(form.cleaned_data)
        messages.success(request, done)
    else:
        messages.error(request, error)
    return redirect("portal:dashboard")


@login_required
@require_POST
def account_channels(request):
    """Choose how one's notifications come (e-mail, SMS, Telegram…)."""
    return _account_setting_post(
        request,
        ChannelsForm(request.POST, user=request.user),
        ERROR_CHANNELS,
        lambda data: user_channels_set(user=request.user, channels=data["channels"]),
        _("Your notifications will come this way."),
    )


@login_required
def account_notifications(request):
    """What Karavan has told this person, newest first, and whether it reached them."""
    from django.core.paginator import Paginator

    from .models import NotificationDelivery
    from .notifications import channel_label

    deliveries = NotificationDelivery.objects.filter(user=request.user)
    page = Paginator(deliveries, 20).get_page(request.GET.get("page"))
    for delivery in page:
        delivery.channel_label = channel_label(delivery.channel)
    return render(request, "portal/notifications.html", {"page": page})


def verify(request, number: str | None = None):
    """Public check of any issued number, without login. The form submits by GET (no JS)."""
    from django.shortcuts import redirect
    from django.utils.http import urlencode

    from .verification import NUMBER_RE, normalise_check_code, normalise_number, verify_number

    code = normalise_check_code(request.GET.get("code", ""))
    if number is None:
        query = normalise_number(request.GET.get("number", ""))
        if not query:
            return render(request, "portal/verify_form.html")
        if NUMBER_RE.match(query):
            response = redirect("portal:verify_number", number=query)
            if code:
                response["Location"] += "?" + urlencode({"code": code})
            return response
        number = query  # not a number's shape ("a/b" has no URL): answer "not valid" here
    result = verify_number(number, code)
    # A wrong check code is bad input (400); the page still gives the status, nothing more.
    status = 404 if result is None else 400 if result.wrong_code else 200
    return render(
        request,
        "portal/verify_result.html",
        {"number": normalise_number(number), "result": result, "code": code},
        status=status,
    )


def data_licence(request):
    """Where the reference data comes from, and the licences under which it is reused."""
    return render(request, "portal/data_licence.html")


#: Seconds a client is asked to wait (Retry-After) while the database does not answer.
OUTAGE_RETRY_AFTER = 30


def _database_outage(exc: BaseException | None) -> bool:
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def server_error(request, template_name="500.html"):
    """handler500: a database outage answers a plain, translated 503 page with Retry-After
    (no stack trace, no database access: the template extends nothing and reads no user);
    anything else is Django's own 500 page."""
    if not _database_outage(sys.exc_info()[1]):
        return defaults.server_error(request, template_name=template_name)
    if request.path_info.startswith("/api/"):
        # API clients get the same problem+json shape as every other API error.
        body = json.dumps(
            problem(
                status_code=503,
                code="service_unavailable",
                instance=request.path_info,
                detail=translation.gettext(
                    "The service is briefly unavailable. Try again in a minute."
                ),
            )
        )
        response = HttpResponse(body, status=503, content_type=PROBLEM_MEDIA_TYPE)
    else:
        lang = (
            translation.get_language_from_path(request.path_info)
            or translation.get_language()
            or settings.LANGUAGE_CODE
        )
        with translation.override(lang):
            body = render_to_string("503.html", {"lang": lang, "retry_after": OUTAGE_RETRY_AFTER})
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(OUTAGE_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
