"""Campaigns and guides per language: only live pages of the requested language."""

from tests.info_campaigns.factories import campaign_create, guide_create, tree_build


def test_campaigns_and_guides_in_the_requested_language(api, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # leaflets are written on publish
    tree = tree_build()
    ru = campaign_create(tree["ru"]["campaigns"], audience="women")
    campaign_create(
        tree["en"]["campaigns"],
        translation_key=ru.translation_key,
        locale=tree["en"]["campaigns"].locale,
        title="Fees are the employer's",
        audience="women",
    )
    campaign_create(tree["ru"]["campaigns"], slug="draft", title="Draft", live=False)
    guide = guide_create(tree["ru"]["guides"])

    ru_list = api.get("/api/v1/campaigns/?lang=ru").json()["results"]
    assert [c["id"] for c in ru_list] == [ru.pk]
    assert ru_list[0]["language"] == "ru" and ru_list[0]["url"].startswith("http")
    en_list = api.get("/api/v1/campaigns/", HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    assert [c["title"] for c in en_list] == ["Fees are the employer's"]
    assert api.get("/api/v1/campaigns/?lang=ru&audience=returnees").json()["count"] == 0
    detail = api.get(f"/api/v1/campaigns/{ru.pk}/?lang=ru").json()
    assert detail["body"] and {"type", "value"} <= set(detail["body"][0])
    assert api.get(f"/api/v1/campaigns/{ru.pk}/?lang=en").status_code == 404

    guides = api.get("/api/v1/guides/?lang=ru&destination_country=kz").json()["results"]
    assert [g["destination_country"] for g in guides] == ["KZ"]
    sections = api.get(f"/api/v1/guides/{guide.pk}/?lang=ru").json()["sections"]
    assert sections["emergency_numbers"][0]["value"]["number"] == "112"
    response = api.get("/api/v1/guides/?lang=ru")
    assert response["Last-Modified"] and response["ETag"]
