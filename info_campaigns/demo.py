"""Demo campaigns, guides and help contacts for `make demo` (development only). Idempotent.

The texts are data, not code: YAML files in ``info_campaigns/content/``, one file per page and
language, as an editor or translator would review them (format in ``docs/campaigns.md``). This
module only maps them onto the page models and the StreamField blocks of ``blocks.py``.

The Russian page (the site's default language) is the source; every other language is made from
it with Wagtail's own "Translate" action (``CopyPageForTranslationAction``, what
``simple_translation`` runs for an editor), so each one is a real translation sharing the
source's translation key. Pages are written by the demo editor and published as the demo
reviewer would approve them; a campaign marked ``state: in_moderation`` is left waiting in the
reviewer's queue instead.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ValidationError
from django.db import transaction
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.fields import StreamField
from wagtail.models import Locale, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from .models import (
    CampaignPage,
    DestinationGuidePage,
    GuideHotline,
    GuideResourceCentre,
    HomePage,
    Hotline,
    ResourceCentre,
)
from .services import moderation_setup, site_tree_ensure

EDITOR = "editor@demo.karavan.kz"
REVIEWER = "reviewer@demo.karavan.kz"
CONTENT_DIR = Path(__file__).resolve().parent / "content"
#: Page kinds: folder under CONTENT_DIR → (page model, index of the tree it lives under).
KINDS = {"campaigns": (CampaignPage, "campaigns"), "guides": (DestinationGuidePage, "guides")}
IN_MODERATION = "in_moderation"

ERROR_NOT_ONE_BLOCK = "{where}: each block is a mapping with exactly one key, the block type"
ERROR_UNKNOWN_FIELD = "{where}: “{name}” is not a field of {model}"
ERROR_UNKNOWN_SNIPPET = "{where}: no {kind} “{key}” in {file}"
ERROR_INVALID_BLOCKS = "{where}: {error}"


class ContentError(ImproperlyConfigured):
    """A data file does not fit the page model; the message names the file and the field."""


@dataclass(frozen=True)
class PageData:
    """One page in every language it is written in: ``meta`` is ``page.yaml`` (what does not
    depend on the language), ``texts`` maps a language code to that language's file."""

    kind: str
    slug: str
    meta: dict
    texts: dict[str, dict]

    @property
    def model(self):
        return KINDS[self.kind][0]

    def where(self, code: str) -> str:
        return f"{self.kind}/{self.slug}/{code}.yaml"


def _read(path: Path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def content_pages(kind: str) -> list[PageData]:
    """Every page of a kind ("campaigns" or "guides") in the data, in folder order."""
    pages = []
    for folder in sorted(p for p in (CONTENT_DIR / kind).iterdir() if p.is_dir()):
        texts = {
            code: _read(folder / f"{code}.yaml")
            for code, _name in settings.LANGUAGES
            if (folder / f"{code}.yaml").exists()
        }
        pages.append(
            PageData(kind=kind, slug=folder.name, meta=_read(folder / "page.yaml"), texts=texts)
        )
    return pages


def content_snippets(name: str) -> list[dict]:
    """Entries of ``hotlines.yaml`` or ``resource_centres.yaml``."""
    return _read(CONTENT_DIR / f"{name}.yaml")


def _raw_stream(field: StreamField, items: list, *, where: str, hotlines: dict) -> list[dict]:
    """Data items → the stream's raw JSON. A stream of one block type (emergency numbers,
    embassies) lists plain values; any other lists ``{block type: value}`` mappings."""
    names = list(field.stream_block.child_blocks)
    raw = []
    for item in items or []:
        if len(names) == 1:
            block_type, value = names[0], item
        elif isinstance(item, dict) and len(item) == 1:
            ((block_type, value),) = item.items()
        else:
            raise ContentError(ERROR_NOT_ONE_BLOCK.format(where=where))
        if block_type == "hotline":  # a snippet, named by its key in hotlines.yaml
            key = value["hotline"]
            if key not in hotlines:
                raise ContentError(
                    ERROR_UNKNOWN_SNIPPET.format(
                        where=where, kind="hotline", key=key, file="hotlines.yaml"
                    )
                )
            value = {**value, "hotline": hotlines[key].pk}
        raw.append({"type": block_type, "value": value or {}})
    return raw


def page_fields(data: PageData, code: str, *, hotlines: dict) -> dict:
    """The page's field values in language `code`, blocks validated as the editor's form
    would validate them. `hotlines` maps a snippet key to that language's Hotline."""
    where, model, fields = data.where(code), data.model, {}
    for name, value in data.texts[code].items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist as exc:
            raise ContentError(
                ERROR_UNKNOWN_FIELD.format(where=where, name=name, model=model.__name__)
            ) from exc
        if isinstance(field, StreamField):
            block = field.stream_block
            stream = block.to_python(_raw_stream(field, value, where=where, hotlines=hotlines))
            try:
                value = block.clean(stream)
            except ValidationError as exc:
                raise ContentError(ERROR_INVALID_BLOCKS.format(where=where, error=exc)) from exc
        fields[name] = "" if value is None else value
    return fields


def _date(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def _meta_fields(data: PageData) -> dict:
    meta = data.meta
    if data.kind == "campaigns":
        return {
            "audience": meta["audience"],
            "campaign_start": _date(meta.get("start")),
            "campaign_end": _date(meta.get("end")),
        }
    return {"destination_country_id": meta["country"]}


def _relations_set(page, data: PageData, code: str, *, hotlines: dict, centres: dict) -> None:
    """Countries of a campaign; hotlines and resource centres of a guide, in `code`."""
    if data.kind == "campaigns":
        page.origin_countries.set(data.meta.get("origins", []))
        page.destination_countries.set(data.meta.get("destinations", []))
        return
    for key in data.meta.get("hotlines", []) + data.meta.get("centres", []):
        if key not in hotlines and key not in centres:
            raise ContentError(
                ERROR_UNKNOWN_SNIPPET.format(
                    where=f"{data.kind}/{data.slug}/page.yaml",
                    kind="help contact",
                    key=key,
                    file="hotlines.yaml or resource_centres.yaml",
                )
            )
    page.hotlines = [GuideHotline(hotline=hotlines[k]) for k in data.meta.get("hotlines", [])]
    page.resource_centres = [
        GuideResourceCentre(centre=centres[k]) for k in data.meta.get("centres", [])
    ]


# --- Snippets ------------------------------------------------------------------------------


def _snippet_translations(
    model, entries: list[dict], *, locales: dict, shared: tuple[str, ...], find: tuple[str, ...]
) -> dict[str, dict]:
    """``{code: {key: object}}`` for snippets written in several languages. The default
    language's object is found by the `find` fields or created; the others are its
    translations (same translation key), created with Wagtail's copy for translation."""

    def columns(entry, names):  # "country" is a foreign key
        return {("country_id" if name == "country" else name): entry[name] for name in names}

    source_code = settings.LANGUAGE_CODE
    result: dict[str, dict] = {code: {} for code in locales}
    for entry in entries:
        source = model.objects.filter(locale=locales[source_code], **columns(entry, find)).first()
        if source is None:
            source = model.objects.create(
                locale=locales[source_code], **columns(entry, shared), **entry[source_code]
            )
        for code in locales:
            if code not in entry:
                continue
            obj = source if code == source_code else source.get_translation_or_none(locales[code])
            if obj is None:
                obj = source.copy_for_translation(locales[code])
                for name, value in entry[code].items():
                    setattr(obj, name, value)
                obj.full_clean()
                obj.save()
            result[code][entry["key"]] = obj
    return result


def _snippets(locales: dict) -> tuple[dict, dict]:
    hotlines = _snippet_translations(
        Hotline,
        content_snippets("hotlines"),
        locales=locales,
        shared=("number", "country", "cost"),
        find=("number", "country"),
    )
    centres = _snippet_translations(
        ResourceCentre,
        content_snippets("resource_centres"),
        locales=locales,
        shared=("country", "phones", "latitude", "longitude"),
        find=("phones",),
    )
    return hotlines, centres


# --- Pages ---------------------------------------------------------------------------------


def _publish(page, *, editor, reviewer):
    revision = page.save_revision(user=editor, log_action=True)
    revision.publish(user=reviewer)


def _source_create(data: PageData, index, locale, *, hotlines, centres, editor, reviewer):
    code = locale.language_code
    page = data.model(
        slug=data.slug,
        owner=editor,
        locale=locale,
        live=False,
        **_meta_fields(data),
        **page_fields(data, code, hotlines=hotlines[code]),
    )
    index.add_child(instance=page)
    _relations_set(page, data, code, hotlines=hotlines[code], centres=centres[code])
    page.save()
    if data.meta.get("state") == IN_MODERATION:
        page.save_revision(user=editor)
        page.get_workflow().start(page, editor)
    else:
        _publish(page, editor=editor, reviewer=reviewer)
    return page


def _translation_create(data: PageData, source, locale, *, hotlines, centres, editor, reviewer):
    """Translate `source` into `locale` as an editor would ("Translate"), then write the
    language's text into the copy and publish it."""
    code = locale.language_code
    action = CopyPageForTranslationAction(page=source, locale=locale, user=editor)
    page = action.execute(skip_permission_checks=True).specific
    for name, value in page_fields(data, code, hotlines=hotlines[code]).items():
        setattr(page, name, value)
    _relations_set(page, data, code, hotlines=hotlines[code], centres=centres[code])
    _publish(page, editor=editor, reviewer=reviewer)  # publishing saves the page
    return page


def _pages(kind, tree, locales, hotlines, centres, *, editor, reviewer) -> list:
    """Create what is missing of every page of `kind` in every language it is written in;
    returns the pages created."""
    model, index_key = KINDS[kind]
    source_code = settings.LANGUAGE_CODE
    created = []
    for data in content_pages(kind):
        index = tree[source_code][index_key]
        source = model.objects.child_of(index).filter(slug=data.slug).first()
        if source is None:
            source = _source_create(
                data,
                index,
                locales[source_code],
                hotlines=hotlines,
                centres=centres,
                editor=editor,
                reviewer=reviewer,
            )
            created.append(source)
        if data.meta.get("state") == IN_MODERATION:
            continue  # translated once the reviewer has approved it
        for code in data.texts:
            if code == source_code or source.get_translation_or_none(locales[code]):
                continue
            created.append(
                _translation_create(
                    data,
                    source,
                    locales[code],
                    hotlines=hotlines,
                    centres=centres,
                    editor=editor,
                    reviewer=reviewer,
                )
            )
    return created


def _home_pages(tree, *, reviewer):
    for code, fields in _read(CONTENT_DIR / "home.yaml").items():
        home = HomePage.objects.get(pk=tree[code]["home"].pk)
        changed = {name: value for name, value in fields.items() if getattr(home, name) != value}
        if changed:
            for name, value in changed.items():
                setattr(home, name, value)
            home.save_revision(user=reviewer).publish(user=reviewer)


@transaction.atomic
def load_demo(*, core: dict, stdout=None) -> dict:
    """Tree, moderation, help contacts, then every campaign and guide of the data in every
    language it is written in."""
    if not getattr(settings, "KARAVAN_DEMO_ALLOWED", False):
        raise ImproperlyConfigured("Demo data is refused under production settings.")
    tree = site_tree_ensure()
    moderation_setup()
    users = core.get("users", {})
    editor, reviewer = users.get(EDITOR), users.get(REVIEWER)
    locales = {code: Locale.objects.get(language_code=code) for code, _n in settings.LANGUAGES}
    _home_pages(tree, reviewer=reviewer)
    # Each page is saved several times on its way to publication; index its references
    # (which page uses which hotline) once, at the end, as `rebuild_references_index` would.
    with disable_reference_index_auto_update():
        hotlines, centres = _snippets(locales)
        created = {
            kind: _pages(kind, tree, locales, hotlines, centres, editor=editor, reviewer=reviewer)
            for kind in KINDS
        }
    for page in [page for pages in created.values() for page in pages]:
        ReferenceIndex.create_or_update_for_object(page)
    counts = {kind: len(pages) for kind, pages in created.items()}
    if stdout is not None:
        stdout.write(
            f"info_campaigns: {counts['campaigns']} campaign pages and "
            f"{counts['guides']} guide pages created"
        )
    return {"tree": tree, **counts}
