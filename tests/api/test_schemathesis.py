"""Schemathesis against the served schema: every public operation without a token and every
partner operation with a token carrying all scopes. No server errors; status codes, content
types and bodies as documented."""

import pytest
import schemathesis
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from portal.api.urls import endpoints
from portal.wsgi import application

from .conftest import bearer


def _schema_dict() -> dict:
    """The same generation the schema view does (its own patterns only), without a request."""
    from django.urls import include, path

    generator = SchemaGenerator(patterns=[path("api/v1/", include((endpoints, "api")))])
    return generator.get_schema(request=None, public=True)


schema = schemathesis.openapi.from_dict(_schema_dict())
schema.app = application
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
FAST = settings(max_examples=15, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.filter_too_much])
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
    assert {"/api/v1/partner/statistics/", "/api/v1/verify/{number}/",
            "/api/v1/registry/agencies/"} <= set(paths)


@pytest.mark.django_db
@schema.include(tag="public").parametrize()
@FAST
def test_public_operations(case, world, keep_db_connection):
    with override_settings(REST_FRAMEWORK=_rest_framework(**NO_THROTTLE)):
        case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@schema.include(tag="partner").parametrize()
@FAST
def test_partner_operations(case, world, issue_token, keep_db_connection):
    raw = issue_token().raw
    with override_settings(REST_FRAMEWORK=_rest_framework(**NO_THROTTLE)):
        case.call_and_validate(headers={"Authorization": bearer(raw)["HTTP_AUTHORIZATION"]},
                               checks=CHECKS)
