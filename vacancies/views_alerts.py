"""Saved vacancy searches on the web: save the search one is looking at, see and stop one's
saved searches, and the one-click unsubscribe link every alert carries (no sign-in needed).
Rules live in `vacancies/services/saved_searches.py`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.submissions import SubmissionKeyField

from .forms import VacancySearchForm
from .models import SavedSearch
from .services import saved_searches as alerts


class SaveSearchForm(VacancySearchForm):
    """The search being looked at (hidden fields on the search page) and a one-time key, so a
    double tap on "Save this search" saves it once."""

    submission_key = SubmissionKeyField()


@login_required
@require_POST
def saved_search_save(request):
    form = SaveSearchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This search could not be saved. Please search again."))
        return redirect("vacancies:vacancy_list")
    try:
        alerts.saved_search_create(
            filters=form.filters(),
            language=request.LANGUAGE_CODE,
            owner=request.user,
            submission_key=form.cleaned_data["submission_key"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("vacancies:vacancy_list")
    messages.success(
        request,
        _("Search saved. We will tell you of new vacancies that match it, at most once a day."),
    )
    return redirect("vacancies:saved_searches")


def _listed(search: SavedSearch, lang: str) -> SavedSearch:
    search.label = alerts.saved_search_label(search)
    search.url = alerts.saved_search_url(search, lang=lang)
    return search


@login_required
def saved_searches(request):
    """My saved searches, each with its vacancies and a button to stop its alerts."""
    searches = alerts.saved_searches_of(user=request.user)
    return render(
        request,
        "vacancies/saved_searches.html",
        {"searches": [_listed(s, request.LANGUAGE_CODE) for s in searches]},
    )


@login_required
@require_POST
def saved_search_stop(request, pk: int):
    try:
        alerts.saved_search_stop(by=request.user, search_id=pk)
    except SavedSearch.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("Alerts for this search are stopped."))
    return redirect("vacancies:saved_searches")


@never_cache
def alert_stop(request, token: str):
    """The unsubscribe link of an alert: a page with one button (so a mail program that opens
    links to check them stops nothing), then the search's alerts are stopped. Opening it
    again, or pressing again, is harmless."""
    search = alerts.saved_search_for_token(token)
    if search is None:
        return render(request, "vacancies/alert_stop_invalid.html", status=404)
    if request.method == "POST":
        alerts.saved_search_stop(token=token)
        return redirect("vacancies:alert_stop", token=token)
    return render(
        request, "vacancies/alert_stop.html", {"search": _listed(search, request.LANGUAGE_CODE)}
    )
