"""The agency's job-order form without JavaScript: the occupation and the skills are found by
a search step on the server (in any of the seven languages), chosen with radio buttons and
checkboxes, and nothing typed is lost on the way; errors are listed at the top and beside
each field; the agency's lists come 25 to a page."""

import uuid
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from portal.models import EscoOccupation, IscoGroup, Skill
from vacancies import services
from vacancies.models import JobOrder

from .factories import contract_pdf, draft_job_order, job_order_data, resolve

pytestmark = pytest.mark.django_db

NEW = "/{lang}/agency/job-orders/new/"


@pytest.fixture
def welding(v):
    """Welding is open under the scheme; ESCO's welder needs two skills of the list."""
    v["scheme"].sectors.add("7212")
    weld = Skill.objects.create(
        label="use welding equipment",
        names={
            "ru": "Использование сварочного оборудования",
            "tg": "Истифодаи таҷҳизоти кафшеркунӣ",
        },
    )
    read = Skill.objects.create(label="read blueprints")
    Skill.objects.create(label="harvest crops")
    EscoOccupation.objects.create(
        uri="http://data.europa.eu/esco/occupation/welder",
        label="welder",
        isco_id="7212",
        essential_skills=["use welding equipment", "read blueprints"],
    )
    return {"weld": weld, "read": read}


def typed(v, **extra):
    """What an agency has typed before it searches: the form as the browser sends it."""
    start = timezone.localdate() + timedelta(days=60)
    data = {
        "submission_key": str(uuid.uuid4()),
        "scheme": v["scheme"].pk,
        "employer": v["employer"].pk,
        "title": "Welder on the Almaty site",
        "description": "Welding steel frames.",
        "conditions": "Shared flat, 40 hours a week.",
        "content_language": "en",
        "languages": ["ru"],
        "region": "KZ-75",
        "city": "Almaty",
        "positions": "4",
        "monthly_wage": "250000",
        "currency": "kzt",
        "hours_per_week": "40",
        "housing": "free",
        "meals": "free",
        "travel_paid_by_employer": "on",
        "worker_fee_amount": "0",
        "contract_months": "6",
        "season_start": start.isoformat(),
        "season_end": (start + timedelta(days=150)).isoformat(),
        "application_deadline": (start - timedelta(days=14)).isoformat(),
        "contract_language": "ru",
        "title_ru": "Сварщик",
        "description_ru": "Сварка каркасов.",
        "conditions_ru": "Квартира, 40 часов в неделю.",
        "occupation_q": "",
        "essential_skills_q": "",
        "optional_skills_q": "",
    }
    data.update(extra)
    return data


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def options(page: BeautifulSoup, name: str) -> dict[str, bool]:
    """The radio buttons / checkboxes offered for `name`: value → checked."""
    return {box["value"]: box.has_attr("checked") for box in page.select(f"input[name={name}]")}


def label_of(page: BeautifulSoup, name: str, value: str) -> str:
    box = page.select_one(f"input[name={name}][value='{value}']")
    return box.find_parent("label").get_text(" ", strip=True)


def assert_kept(page: BeautifulSoup, data: dict):
    """Every field the agency typed comes back as typed, and no error is shown."""
    for name in (
        "title",
        "city",
        "positions",
        "monthly_wage",
        "currency",
        "season_start",
        "title_ru",
    ):
        assert page.select_one(f"input[name={name}]")["value"] == data[name], name
    assert page.select_one("textarea[name=description]").get_text().strip() == data["description"]
    assert (
        page.select_one("textarea[name=conditions_ru]").get_text().strip() == data["conditions_ru"]
    )
    for name in ("scheme", "employer", "region", "housing", "contract_language"):
        chosen = page.select_one(f"select[name={name}] option[selected]")
        assert chosen and chosen["value"] == str(data[name]), name
    assert options(page, "languages")["ru"] is True
    assert page.select_one("input[name=travel_paid_by_employer]").has_attr("checked")
    assert not page.select(".errorlist") and not page.select("#error-summary")


@pytest.mark.parametrize(
    ("lang", "word", "label"),
    [
        ("ru", "сварщик", "Сварщики и газорезчики"),
        ("tg", "кафшергар", "Кафшергарон ва газбуррандагон"),
        ("en", "welder", "Welders and flamecutters"),
    ],
)
def test_occupation_search_finds_welders_in_the_readers_language(
    client, v, welding, lang, word, label
):
    client.force_login(v["agency_admin"])
    data = typed(v, occupation_q=word, find="occupation")
    response = client.post(NEW.format(lang=lang), data)
    assert response.status_code == 200
    page = soup(response)
    assert "7212" in options(page, "occupation")
    assert label in label_of(page, "occupation", "7212")
    assert_kept(page, data)
    assert not JobOrder.objects.exists()


def test_occupation_search_by_code_and_nothing_found(client, v, welding):
    client.force_login(v["agency_admin"])
    page = soup(client.post(NEW.format(lang="en"), typed(v, occupation_q="721", find="occupation")))
    assert set(options(page, "occupation")) == {
        c
        for c in IscoGroup.objects.filter(level=4, code__startswith="721").values_list(
            "code", flat=True
        )
    }
    page = soup(
        client.post(NEW.format(lang="en"), typed(v, occupation_q="zzzqqq", find="occupation"))
    )
    assert options(page, "occupation") == {}
    assert "Found for “zzzqqq”: 0. Try another word." in page.get_text(" ")


def test_choosing_the_occupation_offers_its_essential_skills(client, v, welding):
    client.force_login(v["agency_admin"])
    page = soup(client.post(NEW.format(lang="ru"), typed(v, occupation="7212", find="occupation")))
    assert options(page, "occupation") == {"7212": True}
    offered = options(page, "essential_skills")
    assert offered == {str(welding["weld"].pk): False, str(welding["read"].pk): False}
    # The label in the reader's language, the ESCO (English) label beside it.
    label = label_of(page, "essential_skills", str(welding["weld"].pk))
    assert label == "Использование сварочного оборудования — use welding equipment"


def test_skill_search_keeps_selected_skills_and_everything_typed(client, v, welding):
    client.force_login(v["agency_admin"])
    url = NEW.format(lang="ru")
    # Search in Russian; tick what was found; search again for something else.
    data = typed(v, occupation="7212", essential_skills_q="сварочн", find="essential_skills")
    page = soup(client.post(url, data))
    assert options(page, "essential_skills") == {str(welding["weld"].pk): False}
    data = typed(
        v,
        occupation="7212",
        essential_skills=[welding["weld"].pk],
        essential_skills_q="blueprint",
        find="essential_skills",
    )
    page = soup(client.post(url, data))
    assert options(page, "essential_skills") == {
        str(welding["weld"].pk): True,
        str(welding["read"].pk): False,
    }
    assert options(page, "occupation") == {"7212": True}
    assert_kept(page, data)
    # The optional skills have their own search; the chosen essentials stay chosen.
    data = typed(
        v,
        occupation="7212",
        essential_skills=[welding["weld"].pk],
        optional_skills_q="harvest",
        find="optional_skills",
    )
    page = soup(client.post(url, data))
    assert options(page, "essential_skills")[str(welding["weld"].pk)] is True
    harvest = Skill.objects.get(label="harvest crops")
    assert options(page, "optional_skills") == {str(harvest.pk): False}
    assert_kept(page, data)


def test_job_order_saved_with_the_chosen_occupation_and_skills(client, v, welding):
    client.force_login(v["agency_admin"])
    harvest = Skill.objects.get(label="harvest crops")
    data = typed(
        v,
        occupation="7212",
        essential_skills=[welding["weld"].pk, welding["read"].pk],
        optional_skills=[harvest.pk],
        contract_template=contract_pdf(),
    )
    response = client.post(NEW.format(lang="en"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    job_order = JobOrder.objects.get()
    assert job_order.occupation_id == "7212" and job_order.currency == "KZT"
    assert set(job_order.essential_skills.values_list("label", flat=True)) == {
        "use welding equipment",
        "read blueprints",
    }
    assert list(job_order.optional_skills.values_list("label", flat=True)) == ["harvest crops"]
    assert job_order.translations["ru"]["title"] == "Сварщик"
    # Editing offers what was chosen, checked.
    page = soup(client.get(f"/en/agency/job-orders/{job_order.pk}/edit/"))
    assert options(page, "occupation") == {"7212": True}
    assert options(page, "optional_skills") == {str(harvest.pk): True}


def test_errors_listed_at_the_top_and_beside_each_field(client, v, welding):
    client.force_login(v["agency_admin"])
    data = typed(v, title="", positions="0", currency="K1", essential_skills=["999999999"])
    response = client.post(NEW.format(lang="ru"), data)
    assert response.status_code == 400
    page = soup(response)
    summary = page.select_one("#error-summary")
    links = {a["href"]: a.get_text(" ", strip=True) for a in summary.select("a")}
    # In the reader's language, each linking to its field (the occupation, with nothing
    # offered yet, to its search box).
    assert links["#id_title"] == "Должность"
    assert set(links) >= {
        "#id_title",
        "#id_positions",
        "#id_currency",
        "#id_occupation_q",
        "#id_essential_skills_q",
    }
    text = summary.get_text(" ")
    assert "Требуется заполнить это поле." in text
    assert "Выберите профессию" in text
    for anchor in links:
        assert page.select_one(anchor), anchor
    # And inline, beside the field.
    assert page.select_one("#id_title").find_parent("p").select(".errorlist")
    assert page.select_one("#occupation-chooser .errorlist")
    assert not JobOrder.objects.exists()


def test_browser_rules_match_the_servers(client, v):
    """The HTML5 attributes say what the server checks, so both refuse the same input."""
    client.force_login(v["agency_admin"])
    page = soup(client.get(NEW.format(lang="en")))
    currency = page.select_one("input[name=currency]")
    assert (currency["pattern"], currency["minlength"], currency["maxlength"]) == (
        "[A-Za-z]{3}",
        "3",
        "3",
    )
    positions = page.select_one("input[name=positions]")
    assert (positions["min"], positions["max"]) == ("1", "10000")
    assert page.select_one("input[name=title]").has_attr("required")
    assert page.select_one("input[name=title]")["maxlength"] == "200"
    # Search buttons never trigger the browser's checks (a search is not a save).
    for button in page.select("button[name=find]"):
        assert button.has_attr("formnovalidate")
    assert not page.select_one("form[data-job-order-form]").has_attr("novalidate")
    response = client.post(NEW.format(lang="en"), typed(v, currency="K1"))
    assert "Enter the three-letter ISO code of the currency, e.g. KZT." in response.content.decode()


def test_bad_skill_ids_are_an_error_not_a_crash(client, v, welding):
    client.force_login(v["agency_admin"])
    for bad in ("abc", "-1", "9" * 30):
        response = client.post(
            NEW.format(lang="en"), typed(v, occupation="7212", essential_skills=[bad])
        )
        assert response.status_code == 400
        response = client.post(
            NEW.format(lang="en"),
            typed(
                v,
                occupation=bad,
                essential_skills=[bad],
                optional_skills_q="x" * 500,
                find="optional_skills",
            ),
        )
        assert response.status_code == 200


# --- the agency's lists, 25 to a page ------------------------------------------------------


def test_job_orders_list_is_paginated(client, v):
    data = resolve(job_order_data(v["scheme"], v["employer"]))
    for n in range(26):
        services.job_order_create(
            agency=v["agency"],
            by=v["agency_admin"],
            data={**data, "title": f"Job {n:02d}"},
            submission_key=uuid.uuid4(),
        )
    client.force_login(v["agency_admin"])
    first = soup(client.get("/en/agency/job-orders/"))
    assert len(first.select("tbody tr")) == 25
    nav = first.select_one("nav[aria-label]:has(.pager)")
    assert nav.select_one("[aria-current=page]").get_text(strip=True) == "Page 1 of 2"
    # Newest first: the 26th row is the first job order made.
    assert nav.select_one("a[rel=next]")["href"] == "?page=2"
    second = soup(client.get("/en/agency/job-orders/?page=2"))
    assert [a.get_text() for a in second.select("tbody tr td a")] == ["Job 00"]
    for bad, shown in (
        ("abc", "Page 1 of 2"),
        ("0", "Page 2 of 2"),
        ("-3", "Page 2 of 2"),
        ("999999", "Page 2 of 2"),
        ("9" * 5000, "Page 1 of 2"),
        ("", "Page 1 of 2"),
    ):
        response = client.get("/en/agency/job-orders/", {"page": bad})
        assert response.status_code == 200
        assert soup(response).select_one(".pager [aria-current=page]").get_text(strip=True) == shown


def test_applicants_on_a_job_order_are_paginated(client, v):
    job_order = draft_job_order(v)
    client.force_login(v["agency_admin"])
    response = client.get(f"/en/agency/job-orders/{job_order.pk}/", {"page": "x"})
    assert response.status_code == 200
    assert "No applicants yet." in response.content.decode()
