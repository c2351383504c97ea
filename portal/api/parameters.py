"""Every query parameter is checked against the published OpenAPI schema before a view runs.

The schema (drf-spectacular, from the views' own serializers) is the contract: a value it
does not allow answers 400 problem+json naming the parameter, whatever the view would have
made of it (a wrongly typed `page_size`, an unknown `lang`, a malformed `since`). The views'
serializers still validate what they use; the schema must not allow less than they accept
(tests/api/test_schemathesis.py runs positive and negative examples of every operation).
"""

import re
from datetime import date, datetime
from functools import cache

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})", re.ASCII
)
_INTEGER = re.compile(r"-?\d{1,4000}", re.ASCII)  # int() reads at most 4300 digits
_NUMBER = re.compile(r"-?\d{1,30}(\.\d{1,30})?([eE][+-]?\d{1,3})?", re.ASCII)


@cache
def operations() -> list[tuple[re.Pattern, str, list[dict]]]:
    """(path regex, method, query parameters) of every operation of the schema."""
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator

    from .urls import endpoints

    schema = SchemaGenerator(patterns=[path("api/v1/", include((endpoints, "api")))]).get_schema(
        request=None, public=True
    )
    found = []
    for template, item in schema["paths"].items():
        regex = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")
        for method, operation in item.items():
            if isinstance(operation, dict):
                found.append(
                    (
                        regex,
                        method.upper(),
                        [p for p in operation.get("parameters", []) if p.get("in") == "query"],
                    )
                )
    return found


def problem_with(value: str, schema: dict) -> str | None:
    """Why `value` (as sent in a query string) does not fit `schema`; None if it does."""
    kind = schema.get("type", "string")
    if kind == "integer":
        if not _INTEGER.fullmatch(value):
            return _("Enter a whole number.")
        typed = int(value)
    elif kind == "number":
        if not _NUMBER.fullmatch(value):
            return _("Enter a number.")
        typed = float(value)
    elif kind == "boolean":
        if value not in ("true", "false"):
            return _("Enter true or false.")
        typed = value == "true"
    else:
        typed = value
    if "enum" in schema and typed not in schema["enum"]:
        return _("Enter one of: %(choices)s.") % {
            "choices": ", ".join(str(choice) for choice in schema["enum"])
        }
    if ("minimum" in schema and typed < schema["minimum"]) or (
        "maximum" in schema and typed > schema["maximum"]
    ):
        return _("Enter a value from %(min)s to %(max)s.") % {
            "min": schema.get("minimum", "…"),
            "max": schema.get("maximum", "…"),
        }
    if kind == "string":
        if len(value) < schema.get("minLength", 0):
            return _("This parameter must not be empty.")
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            return _("Enter at most %(count)s characters.") % {"count": schema["maxLength"]}
        if "pattern" in schema and not re.search(schema["pattern"], value, re.ASCII):
            return _("The value does not have the documented form.")
        if schema.get("format") == "date" and not _valid(_DATE, value, date.fromisoformat):
            return _("Enter a date as YYYY-MM-DD.")
        if schema.get("format") == "date-time" and not _valid(
            _DATE_TIME, value, datetime.fromisoformat
        ):
            return _("Enter a date and time such as 2026-05-01T08:00:00Z.")
    return None


def _valid(regex, value, parse) -> bool:
    if not regex.fullmatch(value):
        return False
    try:
        parse(value.replace("z", "Z"))
    except ValueError:
        return False
    return True


def check_query_parameters(request) -> None:
    """Raise ValidationError (400 problem+json) for any query parameter the schema refuses."""
    method = "GET" if request.method == "HEAD" else request.method
    found = [
        parameters
        for regex, operation_method, parameters in operations()
        if operation_method == method and regex.match(request.path)
    ]
    if not found:
        return
    parameters = found[0]
    errors = {}
    # An undeclared parameter is refused, not ignored: `?contry=KZ` would answer every country.
    declared = {parameter["name"] for parameter in parameters}
    for name in request.query_params:
        if name not in declared:
            errors[name[:100]] = [_("This parameter is not known here.")]
    for parameter in parameters:
        name, schema = parameter["name"], parameter.get("schema", {})
        values = request.query_params.getlist(name)
        if not values:
            if parameter.get("required"):
                errors[name] = [_("This parameter is required.")]
            continue
        if len(values) > 1:
            errors[name] = [_("Give this parameter only once.")]
            continue
        problem = problem_with(values[0], schema)
        if problem:
            errors[name] = [problem]
    if errors:
        raise ValidationError(errors)


def declared_methods(path: str) -> set[str]:
    """The methods the schema declares for the operation at `path` (empty: none matches)."""
    return {method for regex, method, _parameters in operations() if regex.match(path)}
