"""Public pages of help requests: ask for help (no account, anonymous if one wishes, from any
country, no JavaScript), see the tracking code and the hotlines of where one is at once, and
follow the request by its code (sent by POST, so it never appears in a URL or a log)."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from info_campaigns.selectors import hotlines_for, resource_centres
from licensing import ratelimit
from licensing.views import _rate_limited
from portal.models import Country

from . import selectors, services
from .forms import HelpRequestForm, HelpTrackForm
from .models import HelpStatus, Priority

SESSION_KEY = "protection_help_sent"


@never_cache
def help_new(request):
    """Ask for help: the problem, the ILO questions as yes/no, where one is, and (optionally)
    a contact and consent to referral."""
    status = 200
    if request.method == "POST":
        decision = ratelimit.decide(
            request, action="help_request_file", key=request.POST.get("submission_key")
        )
        if not decision.allowed:
            return _rate_limited(
                request,
                "protection/help_new.html",
                "help_request_file",
                {"form": HelpRequestForm(request.POST)},
                wait=decision.wait,
            )
        form = HelpRequestForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                help_request = services.help_request_file(
                    by=request.user,
                    category=data["category"],
                    description=data["description"],
                    origin_country_id=data["origin_country"].pk,
                    current_country_id=data["current_country"].pk,
                    answers=form.answers(),
                    place=data["place"],
                    employer_name=data["employer_name"],
                    sex=data["sex"],
                    is_anonymous=data["is_anonymous"],
                    contact_name=data["contact_name"],
                    contact=data["contact"],
                    consent_to_refer=data["consent_to_refer"],
                    language=get_language() or "",
                    submission_key=data["submission_key"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                request.session[SESSION_KEY] = {
                    "code": help_request.tracking_code,
                    "country": help_request.current_country_id,
                    "urgent": help_request.priority == Priority.URGENT,
                }
                return redirect("protection:help_filed")
        status = 400
    else:
        form = HelpRequestForm(initial={"is_anonymous": True})
    return render(request, "protection/help_new.html", {"form": form}, status=status)


@never_cache
def help_filed(request):
    """The tracking code (shown once) and, at once, the hotlines and resource centres of the
    country the person is in."""
    sent = request.session.pop(SESSION_KEY, None)
    if not isinstance(sent, dict) or not sent.get("code"):
        return redirect("protection:help_track")
    country = Country.objects.filter(pk=sent.get("country")).first()
    country_id = country.pk if country else ""
    return render(
        request,
        "protection/help_filed.html",
        {
            "code": sent["code"],
            "urgent": sent.get("urgent"),
            "country": country,
            "hotlines": hotlines_for(country_id=country_id),
            "centres": resource_centres(country_id=country_id) if country_id else [],
        },
    )


@never_cache
def help_track(request):
    """Follow a request with its tracking code: its status, to what kind of organisation it was
    referred, and its outcome; the hotlines of where one is stay in view."""
    form = HelpTrackForm(request.POST or None)
    help_request, status, hotlines = None, 200, []
    if request.method == "POST" and form.is_valid():
        code = selectors.tracking_code_normalise(code=form.cleaned_data["code"])
        if not ratelimit.consume(request, action="help_track", key=code):
            return _rate_limited(
                request,
                "protection/help_track.html",
                "help_track",
                {"form": HelpTrackForm(), "help_request": None},
            )
        help_request = selectors.help_request_by_tracking_code(code=code)
        if help_request is None:
            form.add_error(
                "code", _("No help request has this tracking code. Check it and try again.")
            )
            status = 404
        else:
            hotlines = hotlines_for(country_id=help_request.current_country_id)
    return render(
        request,
        "protection/help_track.html",
        {
            "form": form,
            "help_request": help_request,
            "hotlines": hotlines,
            "referrals": help_request.referrals.select_related("organisation")
            if help_request
            else [],
            "closed": help_request is not None and help_request.status == HelpStatus.CLOSED,
        },
        status=status,
    )
