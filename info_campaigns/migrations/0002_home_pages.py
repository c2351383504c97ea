"""A home page per language, so `/<lang>/` is served by Wagtail on a fresh database.

Replaces Wagtail's placeholder "Welcome" page (when it is untouched) with the Russian home page
and adds its translations in the other six languages, all sharing one translation key, then
points the default Site at the Russian one. Indexes and content come from the demo loader
(`info_campaigns.services.site_tree_ensure`).
"""

import uuid

from django.conf import settings
from django.db import migrations
from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4

HOME_TITLES = {
    "ru": "Караван: законная трудовая миграция",
    "en": "Karavan: legal labour migration",
    "kk": "Керуен: заңды еңбек көші-қоны",
    "ky": "Караван: мыйзамдуу эмгек миграциясы",
    "tg": "Корвон: муҳоҷирати меҳнатии қонунӣ",
    "tk": "Kerwen: kanuny zähmet migrasiýasy",
    "uz": "Karvon: qonuniy mehnat migratsiyasi",
}


def _next_child_path(parent, Page):
    last = (Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            .order_by("-path").values_list("path", flat=True).first())
    if last is None:
        return parent.path + "0001"
    step = last[-STEPLEN:]
    number = 0
    for ch in step:
        number = number * 36 + ALPHABET.index(ch)
    number += 1
    digits = ""
    for _ in range(STEPLEN):
        number, rem = divmod(number, 36)
        digits = ALPHABET[rem] + digits
    return parent.path + digits


def create_home_pages(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    Site = apps.get_model("wagtailcore", "Site")
    ContentType = apps.get_model("contenttypes", "ContentType")
    HomePage = apps.get_model("info_campaigns", "HomePage")

    if HomePage.objects.exists():
        return
    root = Page.objects.filter(depth=1).first()
    if root is None:  # no Wagtail tree at all (should not happen after wagtailcore's migrations)
        return
    page_type = ContentType.objects.get_for_model(Page)
    placeholder = Page.objects.filter(depth=2, slug="home", content_type=page_type,
                                      numchild=0).first()
    if placeholder is not None:
        Site.objects.filter(root_page=placeholder).update(root_page=root)
        placeholder.delete()
    home_type, _ = ContentType.objects.get_or_create(app_label="info_campaigns",
                                                     model="homepage")
    translation_key = uuid.uuid4()
    now = timezone.now()
    default = settings.LANGUAGE_CODE
    codes = [default] + [c for c, _n in settings.LANGUAGES if c != default]
    source = None
    for code in codes:
        locale, _ = Locale.objects.get_or_create(language_code=code)
        slug = "home" if code == default else f"home-{code}"
        while Page.objects.filter(depth=2, slug=slug).exists():
            slug += "-1"
        home = HomePage.objects.create(
            title=HOME_TITLES.get(code, HOME_TITLES["en"]),
            draft_title=HOME_TITLES.get(code, HOME_TITLES["en"]),
            slug=slug, content_type=home_type, path=_next_child_path(root, Page), depth=2,
            numchild=0, url_path=f"/{slug}/", locale=locale, translation_key=translation_key,
            live=True, has_unpublished_changes=False, first_published_at=now,
            last_published_at=now, intro="",
        )
        source = source or home
    Page.objects.filter(pk=root.pk).update(
        numchild=Page.objects.filter(path__startswith=root.path, depth=2).count())
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page_id=source.pk,
                            is_default_site=True, site_name="Karavan")
    else:
        site.root_page_id = source.pk
        site.save(update_fields=["root_page"])


class Migration(migrations.Migration):
    dependencies = [
        ("info_campaigns", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_home_pages, migrations.RunPython.noop)]
