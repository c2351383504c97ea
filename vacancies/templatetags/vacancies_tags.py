"""Template tags other apps' pages use to show vacancies data without importing views."""

from django import template

from ..selectors import agency_cost_report_summary

register = template.Library()


@register.inclusion_tag("vacancies/includes/agency_cost_reports.html")
def agency_cost_reports(agency, admin=False):
    """Worker-reported costs for `agency`, as counts (registry page; officer's renewal view).

    Usage: `{% load vacancies_tags %}{% agency_cost_reports agency %}` (add `admin=True` inside
    the Wagtail admin for its heading style)."""
    return {"summary": agency_cost_report_summary(agency=agency), "admin": admin}


@register.inclusion_tag("vacancies/includes/save_search.html", takes_context=True)
def save_search_button(context, form):
    """ "Save this search / get alerts" under the search results: for a signed-in person a
    POST form carrying the search (hidden fields) and a one-time key; for anyone else a link
    to sign in and come back. Nothing when no filter is chosen.

    Usage: `{% load vacancies_tags %}{% save_search_button form %}` (the bound search form)."""
    from ..views_alerts import SaveSearchForm

    request = context["request"]
    chosen = (
        {name: form[name].value() for name in form.fields if form[name].value() not in (None, "")}
        if form.is_bound
        else {}
    )
    return {
        "request": request,
        "chosen": chosen,
        "key_form": SaveSearchForm(),
        "next": request.get_full_path(),
    }
