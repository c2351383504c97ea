"""The fuzzing covers every page by construction, and it catches what it is there to catch.

A route under the language prefix is fuzzed unless tests/security/fuzz.py's EXCLUDED names it
with a reason: a new view needs no listing. These tests prove both halves: the four files
together fuzz exactly the routes not excluded, a view added to the URL conf is picked up, and
a view that crashes on a parameter (the bug class of issue 17, finding 4) fails the fuzzing.
"""

import importlib

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path

from . import fuzz


def test_every_page_route_is_fuzzed_or_excluded_with_a_reason():
    parametrized = set()
    for index in range(fuzz.SHARDS):
        module = importlib.import_module(f"tests.security.test_fuzz_views_{index}")
        (mark,) = [
            m for m in module.test_no_input_breaks_the_page.pytestmark if m.name == "parametrize"
        ]
        parametrized |= set(mark.args[1])
    routes = set(fuzz.routes())
    assert routes, "no route under the language prefix found"
    assert parametrized == routes - set(fuzz.EXCLUDED)
    assert all(len(reason) > 20 for reason in fuzz.EXCLUDED.values())
    # The public and account pages named in issue 17 are among them.
    assert {
        "licensing:complaint_new",
        "info_campaigns:search",
        "portal:verify",
        "vacancies:profile_skills",
        "account_signup",
        "account_login",
    } <= parametrized


def crashes_on_input(request):
    """The bug class: a parameter read without validation (int("²") raises)."""
    raw = request.GET.get("agency", "")
    return HttpResponse(str(int(raw)) if raw.isdigit() else "none")


urlpatterns = [
    *i18n_patterns(path("brand-new/", crashes_on_input, name="brand_new")),
    *importlib.import_module("portal.urls").urlpatterns,
]


@pytest.fixture
def brand_new_view():
    fuzz.routes.cache_clear()
    with override_settings(ROOT_URLCONF=__name__):
        yield
    fuzz.routes.cache_clear()


@pytest.mark.django_db
def test_a_new_view_is_fuzzed_without_being_listed_and_its_crash_found(brand_new_view):
    assert "brand_new" in fuzz.fuzzed_names()
    assert "agency" in fuzz.source_inputs(fuzz.routes()["brand_new"][1])[0]
    with pytest.raises(Exception) as failure:
        fuzz.fuzz_route("brand_new", {"users": {}})
    assert "ValueError" in repr(failure.value) or "invalid literal" in str(failure.value)


@pytest.mark.parametrize(
    ("lang", "body", "problem"),
    [
        ("ru", '<html lang="ru"><main><h1>Страница не найдена</h1></main></html>', None),
        ("ru", '<html lang="ru"><main><h1>Page not found</h1></main></html>', "no ru text"),
        ("ru", '<html lang="en"><main><h1>Страница не найдена</h1></main></html>', "language"),
        ("tk", '<html lang="tk"><main><h1>Page not found</h1></main></html>', "no tk text"),
        ("ru", "", "bodiless"),
    ],
)
def test_a_refusal_must_speak_the_page_language(lang, body, problem):
    response = HttpResponse(
        body, status=404, content_type="text/html; charset=utf-8" if body else ""
    )
    if not body:
        del response["Content-Type"]
    found = fuzz.message_problem(response, lang)
    assert (found is None) if problem is None else (problem in found)
