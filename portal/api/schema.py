"""OpenAPI post-processing: the Problem component and the error answers of every operation."""


def only_own_paths(endpoints):
    """drf-spectacular preprocessing hook: keep /api/v1/ only (Wagtail's admin API also uses
    DRF and would otherwise appear in `manage.py spectacular`)."""
    return [e for e in endpoints if e[0].startswith("/api/v1/")]


PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details. title and detail follow ?lang= / Accept-Language.",
    "required": ["type", "title", "status", "detail", "instance", "code"],
    "properties": {
        "type": {"type": "string", "example": "urn:karavan:problem:not-found"},
        "title": {"type": "string", "example": "Not found"},
        "status": {"type": "integer", "example": 404},
        "detail": {"type": "string"},
        "instance": {"type": "string", "example": "/api/v1/registry/agencies/9/"},
        "code": {"type": "string", "example": "not_found"},
        "errors": {
            "type": "object",
            "description": "Validation problems: field → messages.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
}

PUBLIC_ERRORS = {
    "400": "Invalid parameters (a value the parameter's schema does not allow, "
    "a parameter given twice, a missing required one)",
    "404": "Not found",
    "405": "Method not allowed",
    "406": "Not acceptable",
    "429": "Too many requests",
}

#: Answers of the HTTP server in front (gunicorn) before the request reaches the API: plain
#: HTML, not problem+json (docs/api.md).
SERVER_ERRORS = {
    "400": "From the HTTP server: a malformed request line or header, or a header over 8190 "
    "bytes or more than 100 headers (gunicorn's limits).",
    "414": "From the HTTP server: a request line (the URL) over 4094 bytes (gunicorn's "
    "limit). Use fewer or shorter parameters.",
}
SERVER_ERROR_CONTENT = {"text/html": {"schema": {"type": "string"}}}
#: No parameter value may carry a NUL character (text fields cannot store it).
NO_NUL = "^[^\x00]*$"
PARTNER_ERRORS = {
    **PUBLIC_ERRORS,
    "401": "Missing, invalid, expired or revoked token",
    "403": "The token lacks the scope",
}


def add_problem_responses(result, generator, request, public):
    """drf-spectacular hook: add the Problem schema and reference it from each operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    ref = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for item in result.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            errors = (
                PARTNER_ERRORS
                if operation.get("security")
                and any("partnerToken" in s for s in operation["security"])
                else PUBLIC_ERRORS
            )
            for answer in operation["responses"].values():
                if "text/csv" in answer.get("content", {}):
                    answer["content"]["text/csv"] = {
                        "schema": {
                            "type": "string",
                            "description": "CSV: one line per result, header "
                            "first; nested fields as dotted columns. Paging in the Link header.",
                        }
                    }
            for status, description in errors.items():
                operation["responses"].setdefault(
                    status, {"description": description, "content": ref}
                )
            for status, description in SERVER_ERRORS.items():
                answer = operation["responses"].setdefault(
                    status, {"description": description, "content": {}}
                )
                if answer["description"] != description:
                    answer["description"] += ". " + description
                answer.setdefault("content", {}).update(SERVER_ERROR_CONTENT)
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if schema.get("type") == "string" and not {"pattern", "enum", "format"} & set(
                    schema
                ):
                    schema["pattern"] = NO_NUL
    return result
