"""/api/v1/ endpoints for agency licensing: the public registry, and for partners the feed
of sanctions and revocations and the registry changes since a timestamp.

Views only translate HTTP to `licensing.selectors` reads; the shapes are documented in the
OpenAPI schema and in docs/api.md.
"""

from datetime import date, datetime

from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce, Greatest
from django.http import Http404
from django.utils import timezone
from rest_framework import serializers
from rest_framework.response import Response

from portal.api.models import ApiScope
from portal.api.views import MAX_ID, PartnerApiView, PublicApiView, list_schema, partner_list_schema
from portal.lifecycle import DocumentStatus
from portal.models import AuditEvent
from portal.request_input import parse_id

from . import selectors
from .models import Licence, Sanction

REGISTRY_STATUSES = [
    DocumentStatus.ACTIVE,
    DocumentStatus.SUSPENDED,
    DocumentStatus.REVOKED,
    DocumentStatus.EXPIRED,
]
ORDERINGS = {
    "name": ("name", "pk"),
    "-name": ("-name", "-pk"),
    "country": ("country_id", "name", "pk"),
    "-country": ("-country_id", "-name", "-pk"),
}


# --- serializers -----------------------------------------------------------------------------


class SinceField(serializers.DateTimeField):
    """A timestamp the schema allows is never refused: one whose time zone takes it before
    year 1 in UTC (`0001-01-01T00:00:00+00:01`) means "from the beginning"."""

    def enforce_timezone(self, value):
        try:
            return super().enforce_timezone(value)
        except serializers.ValidationError:
            return datetime.min.replace(tzinfo=timezone.get_fixed_timezone(0))


class RegistryQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text="Name, licence number or registration number.",
    )
    country = serializers.RegexField(
        r"^[A-Za-z]{2}$", required=False, help_text="ISO 3166-1 alpha-2 country of registration."
    )
    status = serializers.ChoiceField(choices=REGISTRY_STATUSES, required=False)
    ordering = serializers.ChoiceField(choices=list(ORDERINGS), required=False, default="name")


class RegistryAgencySerializer(serializers.Serializer):
    """One agency of the public registry with its latest licence."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    country = serializers.CharField(source="country_id")
    registration_number = serializers.CharField()
    licence_number = serializers.CharField(allow_null=True)
    licence_status = serializers.SerializerMethodField(
        help_text="active, suspended, revoked or expired (an overdue licence shows expired)."
    )
    licence_valid_until = serializers.DateField(allow_null=True)
    upheld_complaints = serializers.IntegerField()

    def get_licence_status(self, agency) -> str | None:
        if not agency.licence_status:
            return None
        return selectors.effective_status(
            Licence(status=agency.licence_status, valid_until=agency.licence_valid_until)
        )


class LicenceSerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.SerializerMethodField()
    valid_from = serializers.DateField()
    valid_until = serializers.DateField()
    authority = serializers.CharField(source="authority.name")
    previous = serializers.CharField(source="previous.number", allow_null=True, default=None)

    def get_status(self, licence) -> str:
        return selectors.effective_status(licence)


class SanctionPublicSerializer(serializers.Serializer):
    kind = serializers.CharField()
    imposed_on = serializers.DateField()
    reason = serializers.CharField()
    licence_number = serializers.CharField(source="licence.number", allow_null=True, default=None)


class ComplaintOutcomeSerializer(serializers.Serializer):
    category = serializers.CharField()
    outcome = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)


class RegistryAgencyDetailSerializer(RegistryAgencySerializer):
    """The registry page of one agency: licence history, sanctions, upheld complaints."""

    licences = LicenceSerializer(many=True, source="registry_licences")
    sanctions = SanctionPublicSerializer(many=True, source="registry_sanctions")
    complaint_outcomes = ComplaintOutcomeSerializer(many=True, source="registry_complaints")


class FeedQuerySerializer(serializers.Serializer):
    since = serializers.DateField(required=False, help_text="Only events on or after this day.")
    country = serializers.RegexField(
        r"^[A-Za-z]{2}$", required=False, help_text="Country of the agency's registration."
    )


class AgencyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    country = serializers.CharField()
    registration_number = serializers.CharField()


class FeedItemSerializer(serializers.Serializer):
    """A sanction (warning, fine, suspension, proposed revocation) or a confirmed revocation."""

    id = serializers.CharField(help_text="Stable id: sanction-<n> or revocation-<n>.")
    type = serializers.ChoiceField(choices=["sanction", "licence_revocation"])
    kind = serializers.CharField()
    date = serializers.DateField()
    agency = AgencyRefSerializer()
    licence_number = serializers.CharField(allow_null=True)
    authority = serializers.CharField(allow_null=True)
    reason = serializers.CharField()
    amount = serializers.CharField(allow_null=True, help_text="Fines only, national currency.")


class ChangesQuerySerializer(serializers.Serializer):
    since = SinceField(help_text="RFC 3339 timestamp; changes at or after it.")
    country = serializers.RegexField(r"^[A-Za-z]{2}$", required=False)


class LicenceChangeSerializer(serializers.Serializer):
    """A licence as it stands now, with the time it last changed (issue or status change)."""

    number = serializers.CharField()
    status = serializers.SerializerMethodField()
    valid_from = serializers.DateField()
    valid_until = serializers.DateField()
    agency = serializers.SerializerMethodField()
    authority = serializers.CharField(source="authority.name")
    changed_at = serializers.DateTimeField()

    def get_status(self, licence) -> str:
        return selectors.effective_status(licence)

    def get_agency(self, licence) -> AgencyRefSerializer:
        agency = licence.agency
        return {
            "id": agency.pk,
            "name": agency.name,
            "country": agency.country_id,
            "registration_number": agency.registration_number,
        }


# --- public ----------------------------------------------------------------------------------


class RegistryAgencyList(PublicApiView):
    """Licensed agencies (ever licensed) and the status of their latest licence."""

    serializer_class = RegistryAgencySerializer

    @list_schema(
        parameters=[RegistryQuerySerializer],
        operation_id="registry_agencies_list",
        responses=RegistryAgencySerializer(many=True),
        tags=["public"],
    )
    def get(self, request):
        q = self.checked_query(RegistryQuerySerializer).validated_data
        agencies = selectors.registry_agencies(
            query=q.get("q", ""), country=q.get("country", ""), status=q.get("status", "")
        )
        return self.page_response(agencies.order_by(*ORDERINGS[q["ordering"]]))


class RegistryAgencyDetail(PublicApiView):
    """One agency's registry record."""

    serializer_class = RegistryAgencyDetailSerializer

    @list_schema(
        operation_id="registry_agencies_retrieve",
        responses=RegistryAgencyDetailSerializer,
        tags=["public"],
    )
    def get(self, request, pk: int):
        agency = selectors.registry_agency(pk=pk) if pk <= MAX_ID else None
        if agency is None:
            raise Http404
        record = selectors.agency_record(agency=agency)
        agency.registry_licences = record["licences"]
        agency.registry_sanctions = record["sanctions"]
        agency.registry_complaints = record["complaints_upheld_list"]
        data = RegistryAgencyDetailSerializer(agency).data
        return Response(data)


# --- partner ---------------------------------------------------------------------------------


def sanctions_feed(*, since: date | None = None, country: str = "") -> list[dict]:
    """Sanctions and confirmed revocations, newest first (the revocation date and reason come
    from the audit event of the `licence.revoke` transition)."""
    sanctions = Sanction.objects.select_related("agency", "authority", "licence")
    revocations = AuditEvent.objects.filter(
        action="licence.revoke", object_type=Licence._meta.label_lower
    )
    if since:
        sanctions = sanctions.filter(imposed_on__gte=since)
        revocations = revocations.filter(time__date__gte=since)
    if country:
        sanctions = sanctions.filter(agency__country_id=country.upper())
    licences = {
        str(lic.pk): lic
        for lic in Licence.objects.filter(
            pk__in=[
                pk
                for pk in map(parse_id, revocations.values_list("object_id", flat=True))
                if pk is not None
            ]
        ).select_related("agency", "authority")
    }

    def agency_ref(agency):
        return {
            "id": agency.pk,
            "name": agency.name,
            "country": agency.country_id,
            "registration_number": agency.registration_number,
        }

    items = [
        {
            "id": f"sanction-{s.pk}",
            "type": "sanction",
            "kind": s.kind,
            "date": s.imposed_on,
            "agency": agency_ref(s.agency),
            "licence_number": s.licence.number if s.licence else None,
            "authority": s.authority.name if s.authority else None,
            "reason": s.reason,
            "amount": str(s.amount) if s.amount is not None else None,
            "_order": (s.imposed_on, 0, s.pk),
        }
        for s in sanctions
    ]
    for event in revocations:
        licence = licences.get(event.object_id)
        if licence is None or (country and licence.agency.country_id != country.upper()):
            continue
        day = timezone.localdate(event.time)
        items.append(
            {
                "id": f"revocation-{event.pk}",
                "type": "licence_revocation",
                "kind": "revocation",
                "date": day,
                "agency": agency_ref(licence.agency),
                "licence_number": licence.number,
                "authority": licence.authority.name,
                "reason": event.reason,
                "amount": None,
                "_order": (day, 1, event.pk),
            }
        )
    items.sort(key=lambda i: i["_order"], reverse=True)
    for item in items:
        del item["_order"]
    return items


class SanctionsFeed(PartnerApiView):
    """Feed of sanctions and licence revocations, for cross-border sharing."""

    required_scope = ApiScope.SANCTIONS_READ
    serializer_class = FeedItemSerializer

    @partner_list_schema(FeedQuerySerializer, FeedItemSerializer, "partner_sanctions_list")
    def get(self, request):
        q = self.checked_query(FeedQuerySerializer).validated_data
        return self.page_response(
            sanctions_feed(since=q.get("since"), country=q.get("country", ""))
        )


def licences_changed_since(*, since: datetime, country: str = ""):
    """Licences issued or moved (suspended, reinstated, revoked, expired …) at or after
    `since`, oldest change first. The last change is the newest audit event of the licence."""
    last_event = (
        AuditEvent.objects.filter(
            object_type=Licence._meta.label_lower, object_id=Cast(OuterRef("pk"), CharField())
        )
        .order_by("-time")
        .values("time")[:1]
    )
    qs = (
        Licence.objects.select_related("agency", "authority")
        .annotate(
            changed_at=Greatest(F("issued_at"), Coalesce(Subquery(last_event), F("issued_at")))
        )
        .filter(changed_at__gte=since)
    )
    if country:
        qs = qs.filter(agency__country_id=country.upper())
    return qs.order_by("changed_at", "pk")


class RegistryChanges(PartnerApiView):
    """Licences that changed since a timestamp, to keep a partner's copy of the registry in
    step. Store the largest `changed_at` you received and pass it as `since` next time."""

    required_scope = ApiScope.REGISTRY_READ
    serializer_class = LicenceChangeSerializer

    @partner_list_schema(
        ChangesQuerySerializer, LicenceChangeSerializer, "partner_registry_changes_list"
    )
    def get(self, request):
        q = self.checked_query(ChangesQuerySerializer).validated_data
        return self.page_response(
            licences_changed_since(since=q["since"], country=q.get("country", ""))
        )
