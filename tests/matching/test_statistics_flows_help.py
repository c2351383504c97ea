"""Issues 21/22 on the public statistics page: help requests and migration flows are
registered indicators, so they reach the page, the CSV download and SDMX through the shared
disclosure control — a help request filed by a woman counts in the women's column, a stay of a
man in the men's, once there are enough of them to pass the suppression threshold."""

import csv
import io
from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from licensing.protection import services as protection_services
from matching import indicators, sdmx
from tests.conftest import make_user
from vacancies.cycle.models import Stay

N = indicators.THRESHOLD  # just enough to be published


@pytest.fixture
def filed(orgs):
    year = timezone.localdate().year
    for _ in range(N):
        protection_services.help_request_file(
            by=AnonymousUser(),
            category="unpaid_wages",
            description="Three months without pay.",
            origin_country_id="TJ",
            current_country_id="RU",
            sex="F",
            answers=["wages_withheld"],
            consent_to_refer=True,
            language="tg",
        )
    for i in range(N):
        Stay.objects.create(
            worker=make_user(f"man{i}@example.org"),
            origin_country_id="TJ",
            destination_country_id="KZ",
            sex="M",
            departed_on=date(year, 1, 5),
        )
    return year


def _csv(client, slug, year):
    response = client.get(f"/en/statistics/{slug}.csv", {"table": "summary", "year": year})
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_both_indicators_are_registered_and_on_the_page(client, filed):
    slugs = [i.slug for i in indicators.indicators()]
    assert {"help-requests", "flows"} <= set(slugs)
    body = client.get("/en/statistics/", {"year": filed}).content.decode()
    assert 'id="help-requests"' in body and 'id="flows"' in body


@pytest.mark.django_db
def test_a_womans_help_request_and_a_mans_stay_land_in_their_sex_columns(client, filed):
    (wages,) = _csv(client, "help-requests", filed)
    assert wages["category"] == "unpaid_wages"
    assert (wages["help_requests_female"], wages["help_requests_male"], wages["help_requests"]) == (
        str(N),
        "0",
        str(N),
    )
    assert wages["help_requests_female_suppressed"] == "false"
    (tajikistan,) = _csv(client, "flows", filed)
    assert tajikistan["origin"] == "TJ"
    assert (
        tajikistan["departures_male"],
        tajikistan["departures_female"],
        tajikistan["departures"],
    ) == (str(N), "0", str(N))
    assert tajikistan["departures_male_suppressed"] == "false"

    flows = indicators.get("flows")
    observations = sdmx.observations(
        flows, flows.read(year=filed, country=None), year=filed, country=None
    )
    departed = {o.key[4]: o.value for o in observations if o.key[0] == "FLOWS_DEPARTURES"}
    assert departed == {"F": 0, "M": N, "_U": 0, "_T": N}
    assert {o.key[1:4] for o in observations} == {("TJ", "KZ", "_U")}


@pytest.mark.django_db
def test_below_the_threshold_the_cells_are_suppressed(client, filed):
    Stay.objects.filter(pk__in=Stay.objects.values("pk")[:1]).delete()
    (tajikistan,) = _csv(client, "flows", filed)
    assert (
        tajikistan["departures_male"] == "" and tajikistan["departures_male_suppressed"] == "true"
    )
    assert tajikistan["departures"] == ""
