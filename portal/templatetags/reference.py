"""`{{ obj|ref }}`: a reference label (country, region, language, currency, ISCO-08 group,
ESCO occupation or skill) in the reader's language. When the label is missing in that language
and a fallback is shown (Russian, then English; see `portal.labels`), it is wrapped in
`<span lang="…">` so screen readers pronounce it right and the untranslated-text test knows it
is a marked fallback. A built-in (settings.TEMPLATES), so no `{% load %}` is needed."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


def marked(text: str, lang: str):
    """`text` as is when it is in the active language, else in a span with its `lang`."""
    if not text:
        return ""
    if lang == (get_language() or "en").split("-")[0]:
        return text
    return format_html('<span lang="{}">{}</span>', lang, text)


@register.filter
def ref(obj):
    """The label of a reference row in the active language, a fallback marked with its lang."""
    if obj is None or obj == "":
        return ""
    if not hasattr(obj, "label_for"):
        return obj
    return marked(*obj.label_for())


@register.filter
def job_text(obj, name: str):
    """One of a job order's texts ("title", "description", "conditions") in the reader's
    language, or its fallback marked with its lang (see `JobOrder.content_for`)."""
    content, lang = obj.content_for(fields=(name,))
    return marked(content.get(name, ""), lang)
