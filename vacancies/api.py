"""/api/v1/vacancies/: published vacancies with the same filters as the public search
(`vacancies.selectors.vacancy_search`). Only what the public result page shows."""

from decimal import Decimal

from django.db.models import Max
from django.http import Http404
from rest_framework import serializers
from rest_framework.response import Response

from portal.api.pagination import ApiPagination
from portal.api.views import MAX_ID, PublicApiView, list_schema

from . import selectors
from .models import JobOrder

ORDERINGS = {
    "-published_at": ("-published_at", "-pk"),
    "published_at": ("published_at", "pk"),
    "-monthly_wage": ("-monthly_wage", "-pk"),
    "application_deadline": ("application_deadline", "pk"),
}


class VacancyQuerySerializer(serializers.Serializer):
    """The public search form's fields; unlike the form, an invalid value is an error."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=100)
    country = serializers.RegexField(
        r"^[A-Za-z]{2}$", required=False, help_text="Destination country (ISO 3166-1 alpha-2)."
    )
    region = serializers.CharField(required=False, max_length=10, help_text="ISO 3166-2 code.")
    occupation = serializers.RegexField(
        r"^\d{1,4}$", required=False, help_text="ISCO-08 code prefix, 1 to 4 digits."
    )
    month = serializers.IntegerField(
        required=False, min_value=1, max_value=12, help_text="Working in this calendar month."
    )
    language = serializers.CharField(required=False, max_length=3)
    # Whole units, 0 or more: the schema states exactly what is accepted (no "-." or "1e3").
    wage_min = serializers.RegexField(
        r"^\d{1,12}$", required=False, help_text="Lowest monthly wage, whole units of `currency`."
    )
    currency = serializers.RegexField(r"^[A-Za-z]{3}$", required=False)
    ordering = serializers.ChoiceField(
        choices=list(ORDERINGS), required=False, default="-published_at"
    )

    def filters(self) -> selectors.VacancyFilters:
        d = self.validated_data
        return selectors.VacancyFilters(
            q=d.get("q", ""),
            country=d.get("country", ""),
            region=d.get("region", ""),
            occupation=d.get("occupation", ""),
            month=d.get("month"),
            language=d.get("language", ""),
            wage_min=Decimal(d["wage_min"]) if "wage_min" in d else None,
            currency=d.get("currency", "").upper(),
        )


class VacancySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    scheme = serializers.CharField(source="scheme.name")
    agency = serializers.CharField(source="agency.name")
    employer = serializers.CharField(source="employer.name")
    occupation = serializers.CharField(source="occupation_id")
    destination_country = serializers.CharField(source="destination_country_id")
    region = serializers.CharField(source="region_id")
    city = serializers.CharField()
    positions = serializers.IntegerField()
    monthly_wage = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()
    hours_per_week = serializers.IntegerField()
    housing = serializers.CharField()
    meals = serializers.CharField()
    travel_paid_by_employer = serializers.BooleanField()
    worker_fee_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    contract_months = serializers.IntegerField()
    season_start = serializers.DateField()
    season_end = serializers.DateField()
    application_deadline = serializers.DateField()
    languages = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField(allow_null=True)

    def get_languages(self, job_order) -> list[str]:
        return sorted(language.code for language in job_order.languages.all())


class VacancyDetailSerializer(VacancySerializer):
    description = serializers.CharField()
    contract_language = serializers.CharField(source="contract_language_id")
    essential_skills = serializers.SerializerMethodField()
    optional_skills = serializers.SerializerMethodField()

    def get_essential_skills(self, job_order) -> list[str]:
        return sorted(s.label for s in job_order.essential_skills.all())

    def get_optional_skills(self, job_order) -> list[str]:
        return sorted(s.label for s in job_order.optional_skills.all())


class VacancyPagination(ApiPagination):
    """Like every list, but counting stops at `selectors.SEARCH_COUNT_CAP` matches (as in the
    HTML search): `count` is then the cap and `X-Total-Count-Capped: true` says there are
    more; narrow the filters to reach them."""

    django_paginator_class = selectors.BoundedPaginator

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        if self.page.paginator.more:
            response["X-Total-Count-Capped"] = "true"
        return response


class VacancyList(PublicApiView):
    """Published vacancies: approved, open for applications, agency licensed today."""

    serializer_class = VacancySerializer
    pagination_class = VacancyPagination

    @list_schema(
        parameters=[VacancyQuerySerializer],
        operation_id="vacancies_list",
        responses=VacancySerializer(many=True),
        tags=["public"],
    )
    def get(self, request):
        query = self.checked_query(VacancyQuerySerializer)
        results = selectors.vacancy_search(filters=query.filters())
        results = results.order_by(*ORDERINGS[query.validated_data["ordering"]])
        # The latest change to any job order (an index probe, not a scan of every match).
        self.last_modified = JobOrder.objects.aggregate(latest=Max("updated_at"))["latest"]
        return self.page_response(results)


class VacancyDetail(PublicApiView):
    """One published vacancy with all its terms."""

    serializer_class = VacancyDetailSerializer

    @list_schema(
        operation_id="vacancies_retrieve", responses=VacancyDetailSerializer, tags=["public"]
    )
    def get(self, request, pk: int):
        job_order = selectors.vacancy_public(pk=pk) if pk <= MAX_ID else None
        if job_order is None:
            raise Http404
        self.last_modified = job_order.updated_at
        return Response(VacancyDetailSerializer(job_order).data)
