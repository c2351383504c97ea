"""Saved searches on the web, without JavaScript: save the search one is looking at (once,
however often the button is pressed), list and stop one's own, and the unsubscribe link of an
alert, which works without signing in and never breaks on a bad token."""

import json
import re

import pytest
from django.utils import translation

from vacancies.models import SavedSearch
from vacancies.selectors import VacancyFilters
from vacancies.services import saved_searches as alerts

pytestmark = pytest.mark.django_db


def save_form(html: str) -> dict:
    """The fields of the page's "save this search" form, as the browser would send them."""
    form = re.search(
        r'<form method="post" action="/en/vacancies/alerts/save/".*?</form>', html, re.S
    ).group(0)
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))


def test_a_worker_saves_the_search_once_however_often_they_press(client, v):
    client.force_login(v["worker"])
    page = client.get("/en/vacancies/", {"q": "apple", "country": "KZ"}).content.decode()
    data = save_form(page)
    assert data["q"] == "apple" and data["country"] == "KZ" and data["submission_key"]
    for _tap in range(2):
        response = client.post("/en/vacancies/alerts/save/", data)
        assert response.status_code == 302 and response["Location"] == "/en/profile/alerts/"
    search = SavedSearch.objects.get()
    assert (search.owner, search.q, search.country, search.language) == (
        v["worker"],
        "apple",
        "KZ",
        "en",
    )
    listing = client.get("/en/profile/alerts/").content.decode()
    assert "«apple», Kazakhstan" in listing
    assert "/en/vacancies/?q=apple&amp;country=KZ" in listing


def test_nothing_to_save_without_a_filter_and_a_sign_in_link_for_visitors(client, v):
    assert "alerts/save" not in client.get("/en/vacancies/").content.decode()
    page = client.get("/en/vacancies/", {"q": "apple"}).content.decode()
    assert "alerts/save" not in page
    assert "/en/accounts/login/?next=/en/vacancies/%3Fq%3Dapple" in page
    response = client.post("/en/vacancies/alerts/save/", {"q": "apple"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not SavedSearch.objects.exists()


def test_a_worker_stops_their_own_search_but_not_anothers(client, v, other_worker):
    mine = alerts.saved_search_create(
        filters=VacancyFilters(q="apple"), language="en", owner=v["worker"]
    )
    theirs = alerts.saved_search_create(
        filters=VacancyFilters(q="apple"), language="en", owner=other_worker
    )
    client.force_login(v["worker"])
    listing = client.get("/en/profile/alerts/").content.decode()
    assert f"/en/profile/alerts/{mine.pk}/stop/" in listing
    assert f"/alerts/{theirs.pk}/" not in listing
    assert client.post(f"/en/profile/alerts/{theirs.pk}/stop/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.active
    assert client.get(f"/en/profile/alerts/{mine.pk}/stop/").status_code == 405
    assert client.post(f"/en/profile/alerts/{mine.pk}/stop/").status_code == 302
    mine.refresh_from_db()
    assert not mine.active
    assert f"/alerts/{mine.pk}/" not in client.get("/en/profile/alerts/").content.decode()


def test_unsubscribe_by_link_without_signing_in(client, v):
    search = alerts.saved_search_create(
        filters=VacancyFilters(country="KZ"), language="tg", owner=v["worker"]
    )
    url = f"/tg/vacancies/alerts/stop/{search.token}/"
    page = client.get(url)
    assert page.status_code == 200 and page["Cache-Control"].startswith("max-age=0")
    search.refresh_from_db()
    assert search.active  # opening the link (a mail program checking it) stops nothing
    for _press in range(2):  # a second press is harmless
        response = client.post(url)
        assert response.status_code == 302 and response["Location"] == url
    search.refresh_from_db()
    assert not search.active
    with translation.override("tg"):
        done = translation.gettext(
            "These alerts are stopped. You will get no more messages for this search."
        )
    assert done in client.get(url).content.decode()


@pytest.mark.parametrize("token", ["nonsense", "x" * 300, "a%20b", "ʻ", "a.b"])
def test_a_bad_unsubscribe_token_is_a_clear_404(client, v, token):
    alerts.saved_search_create(
        filters=VacancyFilters(country="KZ"), language="ru", owner=v["worker"]
    )
    for method in (client.get, client.post):
        response = method(f"/ru/vacancies/alerts/stop/{token}/")
        assert response.status_code == 404
        assert "Эта ссылка не работает" in response.content.decode()
    assert SavedSearch.objects.get().active


def test_saved_searches_are_in_the_workers_data_download(client, v, worker_profile):
    alerts.saved_search_create(
        filters=VacancyFilters(q="apple", country="KZ"), language="ky", owner=v["worker"]
    )
    client.force_login(v["worker"])
    data = json.loads(client.get("/en/profile/my-data.json").content)
    (search,) = data["saved_searches"]
    assert (search["q"], search["country"], search["language"], search["active"]) == (
        "apple",
        "KZ",
        "ky",
        True,
    )
    assert search["last_alerted_at"] is None and search["created_at"]
