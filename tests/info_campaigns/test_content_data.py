"""The demo content data (``info_campaigns/content/``) as a translator leaves it: every page in
every language, each translation with the same blocks, steps, numbers and marks as the English
text, national-language texts flagged for a native speaker, no word typed in two alphabets.

No database: these read the YAML files only (the demo tests load them into pages)."""

import re
import unicodedata
from html.parser import HTMLParser

import pytest
from django.conf import settings

from info_campaigns.demo import (
    ERROR_INVALID_BLOCKS,
    ERROR_NOT_ONE_BLOCK,
    ERROR_UNKNOWN_FIELD,
    IN_MODERATION,
    ContentError,
    PageData,
    content_pages,
    content_snippets,
    page_fields,
)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
#: Languages whose texts were not written by a native speaker (see each file's review_notes).
NATIONAL = ["kk", "ky", "tg", "tk", "uz"]
PAGES = [data for kind in ("campaigns", "guides") for data in content_pages(kind)]
PUBLISHED = [data for data in PAGES if data.meta.get("state") != IN_MODERATION]
STEP_FIELDS = ("text", "deadline", "cost", "where", "to_check")


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.broken = False

    def handle_starttag(self, tag, attrs):
        if tag != "br":
            self.open.append(tag)

    def handle_endtag(self, tag):
        self.broken |= not self.open or self.open.pop() != tag


def _balanced(html: str) -> bool:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return not parser.broken and not parser.open


def _block_shape(item: dict, where: str):
    ((block_type, value),) = item.items()
    html = (
        [value]
        if block_type == "text"
        else [s.get("text", "") for s in value.get("steps", [])]
        if block_type == "steps"
        else [q["answer"] for q in value.get("questions", [])]
        if block_type == "questions"
        else []
    )
    assert all(_balanced(h) for h in html), f"{where}: unbalanced HTML in a {block_type} block"
    if block_type == "steps":
        return (
            block_type,
            bool(value.get("heading")),
            [tuple(bool(step.get(f)) for f in STEP_FIELDS) for step in value["steps"]],
        )
    if block_type in ("checklist", "questions"):
        return (
            block_type,
            bool(value.get("heading")),
            len(value.get("items") or value.get("questions")),
        )
    if block_type == "hotline":
        return (block_type, value["hotline"], bool(value.get("message")))
    return (block_type,)


def _shape(text: dict, where: str) -> dict:
    """What a translation must keep from the source: blocks, steps, numbers, marks."""
    shape = {}
    for name, value in text.items():
        if name in ("title", "summary", "review_notes"):
            continue
        if name == "emergency_numbers":
            shape[name] = [entry["number"] for entry in value]
        elif name == "embassies":
            shape[name] = [
                (e.get("website"), e.get("phone"), bool(e.get("to_check"))) for e in value
            ]
        else:
            shape[name] = [_block_shape(item, where) for item in value]
    return shape


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.parametrize("data", PUBLISHED, ids=lambda d: f"{d.kind}/{d.slug}")
def test_every_published_page_is_written_in_all_seven_languages(data):
    assert sorted(data.texts) == sorted(LANGUAGES)
    for code, text in data.texts.items():
        assert text.get("title") and text.get("summary"), data.where(code)


@pytest.mark.parametrize("data", PAGES, ids=lambda d: f"{d.kind}/{d.slug}")
def test_translations_keep_the_blocks_numbers_and_marks_of_the_source(data):
    reference_code = "en" if "en" in data.texts else settings.LANGUAGE_CODE
    reference = _shape(data.texts[reference_code], data.where(reference_code))
    for code, text in data.texts.items():
        assert _shape(text, data.where(code)) == reference, data.where(code)


@pytest.mark.parametrize("data", PAGES, ids=lambda d: f"{d.kind}/{d.slug}")
def test_national_language_texts_are_flagged_for_a_native_speaker(data):
    for code in NATIONAL:
        if code in data.texts:
            assert data.texts[code].get("review_notes", "").strip(), data.where(code)


def test_help_contacts_exist_in_every_language_and_guides_name_only_known_ones():
    hotlines = content_snippets("hotlines")
    centres = content_snippets("resource_centres")
    for entry in hotlines + centres:
        assert all(code in entry for code in LANGUAGES), entry["key"]
    known = {entry["key"] for entry in hotlines + centres}
    for data in PAGES:
        named = set(data.meta.get("hotlines", [])) | set(data.meta.get("centres", []))
        named |= {
            item["hotline"]["hotline"]
            for text in data.texts.values()
            for item in text.get("body", [])
            if "hotline" in item
        }
        assert named <= known, data.slug


def test_no_word_mixes_latin_and_cyrillic_letters():
    """A Cyrillic letter in a Turkmen or Uzbek word (or the reverse) looks right and breaks
    search and screen readers; it is the typo a translator cannot see."""
    mixed = []
    sources = [(data.where(code), text) for data in PAGES for code, text in data.texts.items()]
    sources += [
        (f"{name}.yaml", content_snippets(name)) for name in ("hotlines", "resource_centres")
    ]
    for where, value in sources:
        for string in _strings(value):
            for word in re.findall(r"\w+", re.sub(r"<[^>]+>", " ", string)):
                scripts = {unicodedata.name(ch).split()[0] for ch in word if ch.isalpha()}
                if {"LATIN", "CYRILLIC"} <= scripts:
                    mixed.append((where, word))
    assert not mixed


def _guide(**text):
    return PageData(
        kind="guides",
        slug="atlantis",
        meta={"country": "KZ"},
        texts={"en": {"title": "Atlantis", "summary": "A guide.", **text}},
    )


WHERE = "guides/atlantis/en.yaml"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            {"entry_and_registrations": []},
            ERROR_UNKNOWN_FIELD.format(
                where=WHERE, name="entry_and_registrations", model="DestinationGuidePage"
            ),
        ),
        (
            {"work_permits": [{"text": "<p>a</p>", "steps": {}}]},
            ERROR_NOT_ONE_BLOCK.format(where=WHERE),
        ),
        (
            {
                "work_permits": [{"steps": {"steps": [{"deadline": "7 days"}]}}]
            },  # a step needs a title
            ERROR_INVALID_BLOCKS.format(where=WHERE, error=""),
        ),
    ],
)
def test_a_file_that_does_not_fit_the_page_is_refused_with_its_name(text, expected):
    with pytest.raises(ContentError) as refused:
        page_fields(_guide(**text), "en", hotlines={})
    assert str(refused.value).startswith(expected)
