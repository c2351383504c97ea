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
