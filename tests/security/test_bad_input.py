"""Input no page can use is refused with a page in the visitor's language (issue 17,
finding 4): a NUL character anywhere answers 400 before any view reads it, and a method a page
does not take answers 405 with an explanation instead of an empty body."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/ru/search/?q=%00",
        "/ru/verify/?number=a%00b",
        "/ru/verify/a%00b/",
        "/ru/complaints/new/?agency=%00",
        "/ru/vacancies/?q=%00&page=2",
    ],
)
def test_a_nul_character_is_refused_in_the_page_language(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert '<html lang="ru"' in response.content.decode()
    assert "Запрос не удалось понять" in response.content.decode()


@pytest.mark.django_db
def test_a_nul_character_in_a_form_is_refused(client, people):
    client.force_login(people["worker"])
    response = client.post(
        "/kk/profile/skills/", "add=a%00b", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "Сұрау түсініксіз" in response.content.decode()


@pytest.mark.django_db
def test_a_method_the_page_does_not_take_is_explained(client):
    response = client.post("/tg/search/")
    assert response.status_code == 405
    assert "GET" in response["Allow"]
    body = response.content.decode()
    assert '<html lang="tg"' in body and "Ин суроғаро ин тавр истифода бурдан мумкин нест" in body
