"""Schemathesis against the served schema: every public operation without a token and every
partner operation with a token carrying all scopes, 200 examples each in positive mode (the
API must accept what the schema allows) and 200 in negative mode (it must refuse, 4xx, what
the schema does not allow), every check Schemathesis has: no server errors; status codes,
content types, headers and bodies as documented (docs/security.md, "Fuzzing")."""

import pytest
import schemathesis
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode

from portal.api.urls import endpoints
from portal.wsgi import application

from .conftest import bearer


def _schema_dict() -> dict:
    """The same generation the schema view does (its own patterns only), without a request."""
    from django.urls import include, path

    generator = SchemaGenerator(patterns=[path("api/v1/", include((endpoints, "api")))])
    return generator.get_schema(request=None, public=True)


#: Examples per operation and mode (fixed, derandomized: the same requests on every run).
EXAMPLES = 200


def _schema(mode):
    loaded = schemathesis.openapi.from_dict(_schema_dict())
    loaded.app = application
    loaded.config.generation.update(modes=[mode], max_examples=EXAMPLES, deterministic=True)
    return loaded


positive = _schema(GenerationMode.POSITIVE)
negative = _schema(GenerationMode.NEGATIVE)
RUN = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
NO_THROTTLE = {"public": "100000/min", "partner": "100000/min"}


def _rest_framework(**rates):
    from django.conf import settings as django_settings

    return {**django_settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


@pytest.fixture
def keep_db_connection():
    """Calls go through the real WSGI handler, whose request_finished signal would close the
    test's database connection (and its transaction) on PostgreSQL; Django's test client
    disconnects the same handlers."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_schema_covers_only_our_paths():
    paths = _schema_dict()["paths"]
    assert paths and all(p.startswith("/api/v1/") for p in paths)
    assert {
        "/api/v1/partner/statistics/",
        "/api/v1/verify/{number}/",
        "/api/v1/registry/agencies/",
    } <= set(paths)


@pytest.mark.django_db
@positive.include(tag="public").parametrize()
@RUN
def test_public_operations_accept_what_the_schema_allows(case, world, keep_db_connection):
    with override_settings(REST_FRAMEWORK=_rest_framework(**NO_THROTTLE)):
        case.call_and_validate()


@pytest.mark.django_db
@negative.include(tag="public").parametrize()
@RUN
def test_public_operations_refuse_what_the_schema_does_not(case, world, keep_db_connection):
    with override_settings(REST_FRAMEWORK=_rest_framework(**NO_THROTTLE)):
        case.call_and_validate()


@pytest.mark.django_db
@positive.include(tag="partner").parametrize()
@RUN
def test_partner_operations_accept_what_the_schema_allows(
    case, world, issue_token, keep_db_connection
):
    raw = issue_token().raw
    with override_settings(REST_FRAMEWORK=_rest_framework(**NO_THROTTLE)):
        case.call_and_validate(headers={"Authorization": bearer(raw)["HTTP_AUTHORIZATION"]})


@pytest.mark.django_db
@negative.include(tag="partner").parametrize()
@RUN
def test_partner_operations_refuse_what_the_schema_does_not(
    case, world, issue_token, keep_db_connection
):
    raw = issue_token().raw
    # A case whose mutation is the credentials themselves keeps them: replacing them with a
    # valid token would send a valid request that Schemathesis still counts as invalid.
    own = {"Authorization": bearer(raw)["HTTP_AUTHORIZATION"]}
    headers = {} if "Authorization" in (case.headers or {}) else own
    with override_settings(REST_FRAMEWORK=_rest_framework(**NO_THROTTLE)):
        case.call_and_validate(headers=headers)
