"""/api/v1/corridor-rules/: the corridor rules in force, so partner countries can compare
them. Read through `portal.corridors`, the same selectors the services and the guides use."""

from django.db.models import Max
from rest_framework import serializers

from portal.corridor_models import Authorisation, CorridorRule, WorkerCategory
from portal.corridors import corridor_rule_for, rule_answer, rules_in_force

from .views import PublicApiView, list_schema


class CorridorRuleQuerySerializer(serializers.Serializer):
    origin = serializers.RegexField(
        r"^[A-Za-z]{2}$", required=False, help_text="Nationality (ISO 3166-1 alpha-2)."
    )
    destination = serializers.RegexField(
        r"^[A-Za-z]{2}$", required=False, help_text="Destination country (ISO 3166-1 alpha-2)."
    )
    category = serializers.ChoiceField(
        choices=WorkerCategory.choices,
        required=False,
        help_text="With origin and destination: only the rule the services apply to a worker "
        "of this category (its own rule, else the rule for any worker).",
    )
    on = serializers.DateField(
        required=False, help_text="Rules in force on this day (YYYY-MM-DD); default today."
    )


class LegalSourceSerializer(serializers.Serializer):
    act = serializers.CharField(source="source_act")
    article = serializers.CharField(source="source_article")
    date = serializers.DateField(source="source_date", allow_null=True)
    url = serializers.CharField(source="source_url")


class CorridorRuleSerializer(serializers.ModelSerializer):
    """One version of a corridor rule; `id` is the version a decision records."""

    origin = serializers.CharField(source="origin_id")
    destination = serializers.CharField(source="destination_id")
    needs_permit = serializers.SerializerMethodField(
        help_text="True when the worker needs a work permit or a patent."
    )
    summary = serializers.SerializerMethodField(help_text="The rule in one sentence, in ?lang=.")
    fee = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    hotlines = serializers.SerializerMethodField()
    legal_source = LegalSourceSerializer(source="*")

    class Meta:
        model = CorridorRule
        fields = [
            "id",
            "origin",
            "destination",
            "category",
            "effective_from",
            "effective_to",
            "authorisation",
            "needs_permit",
            "summary",
            "visa_regime",
            "registration_days",
            "registration_day_kind",
            "stay_without_registration_days",
            "max_stay_days",
            "max_stay_window_days",
            "fee",
            "documents",
            "hotlines",
            "legal_source",
            "needs_confirmation",
        ]

    def get_needs_permit(self, rule) -> bool:
        return rule.authorisation in (Authorisation.WORK_PERMIT, Authorisation.PATENT)

    def get_summary(self, rule) -> str:
        return rule_answer(rule).headline

    def get_fee(self, rule) -> dict | None:
        if rule.fee_amount is None:
            return None
        return {
            "amount": str(rule.fee_amount),
            "currency": rule.fee_currency,
            "months": rule.fee_months,
        }

    def get_documents(self, rule) -> dict[str, list[str]]:
        return {
            track: rule.documents_for(track) for track in ("standard", "highly_skilled", "patent")
        }

    def get_hotlines(self, rule) -> list[str]:
        return rule.hotline_list()


class CorridorRuleList(PublicApiView):
    """Corridor rules in force (origin × destination × category), with their legal source."""

    serializer_class = CorridorRuleSerializer

    @list_schema(
        operation_id="corridor_rules_list",
        responses=CorridorRuleSerializer(many=True),
        parameters=[CorridorRuleQuerySerializer],
        tags=["public"],
    )
    def get(self, request):
        filters = self.checked_query(CorridorRuleQuerySerializer).validated_data
        origin = filters.get("origin", "").upper()
        destination = filters.get("destination", "").upper()
        on = filters.get("on")
        if origin and destination and filters.get("category"):
            found = corridor_rule_for(
                origin=origin, destination=destination, category=filters["category"], on=on
            )
            rules = CorridorRule.objects.filter(pk=found.pk if found else None)
        else:
            rules = rules_in_force(on=on)
            if origin:
                rules = rules.filter(origin_id=origin)
            if destination:
                rules = rules.filter(destination_id=destination)
            if filters.get("category"):
                rules = rules.filter(category=filters["category"])
        rules = rules.order_by("destination_id", "origin_id", "category", "pk")
        self.last_modified = rules.aggregate(latest=Max("decided_at"))["latest"]
        return self.page_response(rules)
