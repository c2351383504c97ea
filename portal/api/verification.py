"""/api/v1/verify/<number>/: the public check of any issued number (licence, permit, patent,
job order), serialising `portal.verification.verify_number`."""

from django.http import Http404
from rest_framework import serializers
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

    def get_facts(self, result) -> FactSerializer(many=True):
        return [{"label": str(label), "value": str(value)} for label, value in result.facts]


class VerificationSerializer(VerificationBaseSerializer):
    linked = VerificationBaseSerializer(many=True, help_text="Linked checks, e.g. a permit's "
                                                           "job order and agency licence.")


class Verify(PublicApiView):
    """Check a number, e.g. KZ-WP-2026-000042. 404 when no such document exists."""

    serializer_class = VerificationSerializer

    @list_schema(operation_id="verify_retrieve", responses=VerificationSerializer, tags=["public"])
    def get(self, request, number: str):
        result = verify_number(number)
        if result is None:
            raise Http404
        return Response(VerificationSerializer(result).data)
