"""Changes for the information campaigns: the page tree, moderation set-up and leaflets.

Keyword-only functions named ``<entity>_<action>``; each is idempotent where it sets things up,
so the demo loader, a data migration and tests can call it again.
"""

import logging

import segno
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.models.workflows import GroupApprovalTask

from portal.models import Role
from portal.services import ROLE_GROUPS, role_groups_ensure

from .selectors import page_public_url

logger = logging.getLogger(__name__)

WORKFLOW_NAME = "Ministry review"
REVIEW_TASK_NAME = "Approval by a ministry reviewer"

#: Page titles of the fixed part of the tree, per language. Slugs stay the same in every
#: language so the language switcher (which keeps the path) lands on the same page.
HOME_TITLES = {
    "ru": "Караван: законная трудовая миграция",
    "en": "Karavan: legal labour migration",
    "kk": "Керуен: заңды еңбек көші-қоны",
    "ky": "Караван: мыйзамдуу эмгек миграциясы",
    "tg": "Корвон: муҳоҷирати меҳнатии қонунӣ",
    "tk": "Kerwen: kanuny zähmet migrasiýasy",
    "uz": "Karvon: qonuniy mehnat migratsiyasi",
}
INDEX_TITLES = {
    "campaigns": {
        "ru": "Информационные кампании",
        "en": "Information campaigns",
        "kk": "Ақпараттық науқандар",
        "ky": "Маалыматтык кампаниялар",
        "tg": "Маъракаҳои иттилоотӣ",
        "tk": "Maglumat kampaniýalary",
        "uz": "Axborot kampaniyalari",
    },
    "guides": {
        "ru": "Перед отъездом: справочники по странам",
        "en": "Before you leave: country guides",
        "kk": "Жолға шықпас бұрын: елдер бойынша анықтамалар",
        "ky": "Жолго чыгаардан мурун: өлкөлөр боюнча колдонмолор",
        "tg": "Пеш аз сафар: дастурҳо оид ба кишварҳо",
        "tk": "Ýola çykmazdan öň: ýurtlar boýunça gollanmalar",
        "uz": "Joʻnashdan oldin: mamlakatlar boʻyicha qoʻllanmalar",
    },
}


# --- Tree ----------------------------------------------------------------------------------


def locales_ensure() -> dict[str, Locale]:
    """One Wagtail locale per portal language."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
    }


def _translation(source: Page, locale, *, title: str, slug: str | None = None) -> Page:
    """`source` in `locale`: the existing translation, or a copy published under `title`."""
    page = source.get_translation_or_none(locale)
    if page is None:
        page = source.copy_for_translation(locale)
        page.title = page.draft_title = title
        if slug:
            page.slug = slug
        page.save_revision().publish()
    return page.specific


@transaction.atomic
def site_tree_ensure() -> dict[str, dict[str, Page]]:
    """Home page, campaign index and guide index in every language, and the Site rooted at the
    home page of the default language. Returns ``{code: {"home", "campaigns", "guides"}}``.

    The data migration creates the home pages on a fresh database; this also repairs a tree
    after a test flushed it and adds the indexes.
    """
    from wagtail.models import Site

    from .models import CampaignIndexPage, GuideIndexPage, HomePage

    locales = locales_ensure()
    default = settings.LANGUAGE_CODE
    source_home = HomePage.objects.filter(locale=locales[default]).first()
    if source_home is None:
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=locales[default])
        )
        # Wagtail's placeholder "Welcome" page holds the slug we want.
        for placeholder in root.get_children().filter(
            slug="home", content_type=ContentType.objects.get_for_model(Page)
        ):
            if placeholder.numchild == 0:
                placeholder.delete()
                root.refresh_from_db()
        source_home = root.add_child(
            instance=HomePage(
                title=HOME_TITLES[default],
                slug="home",
                locale=locales[default],
            )
        )
        source_home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=source_home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != source_home.pk:
        site.root_page = source_home
        site.save(update_fields=["root_page"])

    tree: dict[str, dict[str, Page]] = {default: {"home": source_home}}
    for code, locale in locales.items():
        if code == default:
            continue
        tree[code] = {"home": _translation(source_home, locale, title=HOME_TITLES[code])}

    for slug, model in (("campaigns", CampaignIndexPage), ("guides", GuideIndexPage)):
        source_index = model.objects.child_of(source_home).filter(slug=slug).first()
        if source_index is None:
            source_index = source_home.add_child(
                instance=model(
                    title=INDEX_TITLES[slug][default],
                    slug=slug,
                    locale=locales[default],
                )
            )
            source_index.save_revision().publish()
        tree[default][slug] = source_index
        for code, locale in locales.items():
            if code == default:
                continue
            tree[code][slug] = _translation(
                source_index, locale, title=INDEX_TITLES[slug][code], slug=slug
            )
    return tree


# --- Moderation ----------------------------------------------------------------------------

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
REVIEWER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
SNIPPET_PERMISSIONS = ["add", "change", "delete"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def moderation_setup() -> Workflow:
    """Give editors and reviewers their page, snippet and media permissions and put every page
    under the "Ministry review" workflow: an editor submits, a member of "Moderators" (the
    reviewer role) approves, and approval publishes (or schedules, if a go-live date is set).

    Editors never get ``publish_page``, so nothing an editor writes goes live unreviewed.
    Idempotent.
    """
    from .models import Hotline, ResourceCentre

    role_groups_ensure()
    editors = Group.objects.get(name=ROLE_GROUPS[Role.EDITOR])
    reviewers = Group.objects.get(name=ROLE_GROUPS[Role.REVIEWER])
    root = Page.get_first_root_node()

    for group, codenames in (
        (editors, EDITOR_PAGE_PERMISSIONS),
        (reviewers, REVIEWER_PAGE_PERMISSIONS),
    ):
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=_permission("wagtailcore", codename)
            )
    GroupPagePermission.objects.filter(group=editors, permission__codename="publish_page").delete()

    translate = _permission("simple_translation", "submit_translation")
    for model in (ResourceCentre, Hotline):
        content_type = ContentType.objects.get_for_model(model)
        for action in SNIPPET_PERMISSIONS:
            perm = Permission.objects.get(
                content_type=content_type, codename=f"{action}_{model._meta.model_name}"
            )
            editors.permissions.add(perm)
            reviewers.permissions.add(perm)
    editors.permissions.add(translate)
    reviewers.permissions.add(translate)

    root_collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for app_label, codenames in COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            for group in (editors, reviewers):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(app_label, codename),
                )

    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
    task.groups.set([reviewers])
    workflow, _created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow


# --- Leaflets ------------------------------------------------------------------------------

#: Parameters of the leaflet's QR code; tests regenerate the code with them to check it.
QR_OPTIONS = {"error": "m", "micro": False, "boost_error": False}
QR_SCALE = 4
QR_BORDER = 4


def leaflet_qr(*, url: str) -> segno.QRCode:
    """The QR code printed on a leaflet: it encodes the page's public address."""
    return segno.make(url, **QR_OPTIONS)


def _leaflet_extra_context(*, page) -> dict:
    from .selectors import guide_help

    return guide_help(guide=page) if hasattr(page, "resource_centres") else {}


def _leaflet_pdf(*, page, url: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    qr = leaflet_qr(url=url)
    with translation.override(page.locale.language_code):
        html = render_to_string(
            "info_campaigns/leaflet.html",
            {
                "page": page,
                "url": url,
                "leaflet": True,
                "qr_data_uri": qr.png_data_uri(scale=QR_SCALE, border=QR_BORDER),
                "LANGUAGE_CODE": page.locale.language_code,
                "site_url": settings.SITE_URL,
                **_leaflet_extra_context(page=page),
            },
        )
    # Only inline data is fetched: a leaflet never reaches the network or the file system.
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetcher).write_pdf()


def leaflet_build(*, page_id: int):
    """Build the A4 leaflet of a live campaign or guide and keep it in storage.

    Returns the Leaflet, or None when the page is gone, not live or has no leaflet.
    """
    from .models import Leaflet, LeafletPageMixin

    page = Page.objects.filter(pk=page_id).first()
    if page is None or not page.live:
        return None
    page = page.specific
    if not isinstance(page, LeafletPageMixin):
        return None
    url = page_public_url(page=page)
    pdf = _leaflet_pdf(page=page, url=url)
    name = f"{page.translation_key}/{page.locale.language_code}-{page.live_revision_id}.pdf"
    with transaction.atomic():
        leaflet, _created = Leaflet.objects.select_for_update().get_or_create(
            page=page, defaults={"url": url}
        )
        old_name = leaflet.file.name
        leaflet.file.save(name, ContentFile(pdf), save=False)
        leaflet.revision_id = page.live_revision_id
        leaflet.url = url
        leaflet.full_clean()
        leaflet.save()
    if old_name and old_name != leaflet.file.name:
        transaction.on_commit(lambda: default_storage.delete(old_name))
    return leaflet


def leaflet_schedule(*, page) -> None:
    """Queue the leaflet build of `page` once the publishing transaction has committed."""
    from .tasks import leaflet_build_task

    page_id = page.pk
    transaction.on_commit(lambda: leaflet_build_task.enqueue(page_id=page_id))
