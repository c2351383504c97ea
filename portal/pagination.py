"""One page of a list, as every agency and officer list shows it."""

from django.core.paginator import Page, Paginator

#: Rows per page of the agencies' lists (job orders, applicants, candidates, applications).
PAGE_SIZE = 25


def page_of(request, rows, *, per_page: int = PAGE_SIZE) -> Page:
    """The page `?page=` asks for. Never an error: a value that is not a whole number gives
    the first page, one past the end (or below 1) the last (Django's `get_page`)."""
    return Paginator(rows, per_page).get_page(request.GET.get("page"))


def query_without_page(request) -> str:
    """The query string of the request without `page`, for the pager's links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
