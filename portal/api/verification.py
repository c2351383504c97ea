"""/api/v1/verify/<number>/: the public check of any issued number (licence, permit, patent,
job order), serialising `portal.verification.verify_number`."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from portal.verification import verify_number

from .views import PublicApiView, list_schema


class FactSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField()


class VerificationBaseSerializer(serializers.Serializer):
    """What the public verification page shows; no personal data beyond what the holder
    shows anyway."""

    number = serializers.CharField()
    kind_label = serializers.CharField()
    status = serializers.CharField(help_text="active, suspended, revoked, expired, lapsed …")
    status_label = serializers.CharField()
    is_valid = serializers.BooleanField()
    holder = serializers.CharField()
    issuer = serializers.CharField()
    valid_from = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    facts = serializers.SerializerMethodField()
    details_withheld = serializers.BooleanField(
        source="withheld",
        help_text="A person's document asked without its check code: "
        "holder, dates, facts and links are left out.",
    )

    def get_facts(self, result) -> FactSerializer(many=True):
        return [{"label": str(label), "value": str(value)} for label, value in result.facts]


class VerificationSerializer(VerificationBaseSerializer):
    linked = VerificationBaseSerializer(
        many=True, help_text="Linked checks, e.g. a permit's job order and agency licence."
    )


ERROR_WRONG_CHECK_CODE = _("This check code does not belong to this number.")
CODE_PARAMETER = OpenApiParameter(
    "code",
    OpenApiTypes.STR,
    required=False,
    description="Check code printed on a work permit or patent (under its QR code); with it "
    "the holder's details are included. 400 when it does not match.",
)


class Verify(PublicApiView):
    """Check a number, e.g. KZ-WP-2026-000042. 404 when no such document exists. A work
    permit or patent shows its holder's details only with its check code (`?code=`)."""

    serializer_class = VerificationSerializer

    @list_schema(
        operation_id="verify_retrieve",
        responses=VerificationSerializer,
        tags=["public"],
        parameters=[CODE_PARAMETER],
    )
    def get(self, request, number: str):
        result = verify_number(number, request.query_params.get("code"))
        if result is None:
            raise Http404
        if result.wrong_code:
            raise ValidationError({"code": [ERROR_WRONG_CHECK_CODE]})
        return Response(VerificationSerializer(result).data)
