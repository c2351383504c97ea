"""The analyst's back office: dashboard with chart and table, exports (suppressed when
external), imports and match-run pages; the worker's and the agency's pages."""

import io

import openpyxl
import pandas as pd
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from matching import services
from matching.models import MatchRun
from portal.models import Role
from tests.conftest import give_totp, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst_client(client, world):
    give_totp(world["analyst"])
    client.force_login(world["analyst"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the admin is in Russian by default
    return client


@pytest.fixture
def completed_run(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.match_run_start(by=world["analyst"], country="KZ")


def test_dashboard_shows_chart_table_summary_and_attribution(analyst_client, world, completed_run):
    year = world["picker"].season_start.year
    response = analyst_client.get("/admin/analytics/", {"country": "KZ", "year": year})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="readable-chart" role="img"' in html
    assert "<title id=" in html and "<table>" in html
    assert "Matchable workers: Female" in html  # split by sex by default
    assert "the largest unmet demand is" in html
    assert "ESCO classification of the European Commission" in html
    assert "ISCO-08, International Labour Organization" in html
    assert "<script" not in html.split("readable-chart", 1)[1].split("</svg>", 1)[0]
    assert "KZ-75 /" not in html  # names, not codes, in the summary
    assert 'class="map"' in html  # the region map of the gap
    assert "Apple picker" not in html  # figures, never people or vacancies
    totals = analyst_client.get(
        "/admin/analytics/", {"country": "KZ", "sex": "total", "year": year}
    )
    assert "Matchable workers: Female" not in totals.content.decode()


def test_dashboard_refuses_other_countries_and_other_roles(client, world, analyst_client):
    assert analyst_client.get("/admin/analytics/", {"country": "KG"}).status_code == 200
    # KG is not among the analyst's choices: the form falls back to no data
    assert (
        "No country" in analyst_client.get("/admin/analytics/", {"country": "KG"}).content.decode()
    )
    give_totp(world["officer"])
    client.force_login(world["officer"])
    assert client.get("/admin/analytics/").status_code in (302, 403)


def _export(client, audience, fmt="csv", **params):
    response = client.get(
        "/admin/analytics/",
        {"country": "KZ", "export": fmt, "year": YEAR, "audience": audience, **params},
    )
    assert response.status_code == 200
    if fmt == "csv":
        return pd.read_csv(io.BytesIO(response.content), dtype=str, keep_default_na=False)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    return pd.DataFrame(rows[4:], columns=rows[3])


def test_external_export_suppresses_small_cells(analyst_client, world, completed_run):
    global YEAR
    YEAR = world["picker"].season_start.year
    external = _export(analyst_client, "external", geography="none")
    assert "gap" not in external.columns
    for column in ("supply", "matchable", "demand", "supply_female"):
        for value in external[column]:
            assert value == "" or int(value) == 0 or int(value) >= 5
    assert (external["supply_suppressed"] == "True").any()
    internal = _export(analyst_client, "internal", geography="none")
    assert "gap" in internal.columns and "supply_suppressed" not in internal.columns
    xlsx = _export(analyst_client, "external", fmt="xlsx", geography="none")
    for value in xlsx["supply"]:
        assert value is None or value == 0 or value >= 5


def test_upload_lists_row_errors_then_imports(analyst_client, django_capture_on_commit_callbacks):
    bad = SimpleUploadedFile(
        "a.csv", b"region,isco_code,period,demand,source\nKZ-75,9211,2026-04,many,survey\n"
    )
    response = analyst_client.post(
        "/admin/analytics/assessments/", {"country": "KZ", "file": bad}, follow=True
    )
    html = response.content.decode()
    assert "nothing was saved" in html and "not a whole number" in html
    good = SimpleUploadedFile(
        "b.csv", b"region,isco_code,period,demand,source\nKZ-75,9211,2026-04,40,survey\n"
    )
    response = analyst_client.post("/admin/analytics/assessments/", {"country": "KZ", "file": good})
    detail = response["Location"]
    assert "Import these rows" in analyst_client.get(detail).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        analyst_client.post(detail)
    assert "1 rows imported" in analyst_client.get(detail).content.decode()


def test_match_run_page_shows_progress_and_refreshes_until_done(analyst_client, world):
    run = services.match_run_start(by=world["analyst"], country="KZ", enqueue=False)
    page = analyst_client.get(f"/admin/analytics/runs/{run.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="5">' in page
    assert '<progress id="run-progress"' in page and 'value="0"' in page
    for chunk in run.chunks.all():
        services.match_run_chunk_process(chunk_id=chunk.pk)
    page = analyst_client.get(f"/admin/analytics/runs/{run.pk}/").content.decode()
    assert 'http-equiv="refresh"' not in page and 'value="100"' in page


def test_starting_a_run_from_the_page(analyst_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = analyst_client.post(
            "/admin/analytics/runs/", {"country": "KZ", "k": 5, "chunk_size": 100}
        )
    assert response.status_code == 302
    assert MatchRun.objects.get().status == "completed"
    assert "#" in analyst_client.get("/admin/analytics/runs/").content.decode()


def test_worker_sees_vacancies_for_them_in_plain_words(client, world):
    client.force_login(world["worker"])
    response = client.get("/en/vacancies-for-you/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Apple picker" in html and "harvest crops" in html
    assert "ESCO classification of the European Commission" in html
    assert "<script" not in html and "style=" not in html


def test_worker_without_profile_is_told_to_make_one(client, world):
    client.force_login(make_user("new.worker@example.org"))
    assert "skills profile" in client.get("/en/vacancies-for-you/").content.decode()


def test_agency_sees_ranked_consenting_candidates_for_its_own_job_order(
    client, world, completed_run
):
    client.force_login(world["agency_staff"])
    url = f"/en/agency/matches/{world['picker'].pk}/"
    html = client.get(url).content.decode()
    assert f"#{world['worker_profile'].pk}" in html
    assert f"#{world['private_profile'].pk}" not in html
    assert "passport" not in html.lower()
    client.force_login(
        make_user("tj.staff@example.org", role=Role.AGENCY_STAFF, organisation=world["tj_agency"])
    )
    assert client.get(url).status_code == 404  # another agency's job order


def test_every_export_is_recorded_in_the_audit_log(analyst_client, world, completed_run):
    """Internal exports carry unsuppressed counts: who took which figures must be on record."""
    from portal.models import AuditEvent

    year = world["picker"].season_start.year
    _export(analyst_client, "internal", fmt="xlsx", year=year, geography="none")
    _export(analyst_client, "external", year=year)
    events = list(AuditEvent.objects.filter(action="matching.analytics.export").order_by("pk"))
    assert [(e.changes["audience"], e.changes["format"]) for e in events] == [
        ("internal", "xlsx"),
        ("external", "csv"),
    ]
    assert {e.actor for e in events} == {world["analyst"]}
    assert events[0].country == "KZ" and events[0].changes["filters"]["year"] == year
