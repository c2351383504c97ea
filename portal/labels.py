"""Reference labels in the reader's language, stored with the data.

Countries, regions, languages, currencies, ISCO-08 groups, ESCO occupations and skills keep
their English label in their own field (`name` or `label`) and the other languages in a
`names` JSON field (`{"ru": "Сварщики…", "tg": …}`), loaded from `portal/fixtures/i18n/`.
`review` lists the languages a native speaker should still check (`manage.py
reference_review`).

A label missing in a language falls back to Russian for the national languages of the region
(Russian is their second language), then to English. `label_for` says which language it gave,
so a template can mark a fallback with its real `lang` attribute (`{{ obj|ref }}`).
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

#: Languages whose readers get Russian before English when a label is missing.
RUSSIAN_FALLBACK = {"kk", "ky", "tg", "tk", "uz"}


def fallback_chain(lang: str | None) -> list[str]:
    """The languages to try for a reader of `lang`, best first."""
    lang = (lang or "en").split("-")[0].lower()
    chain = [lang]
    if lang in RUSSIAN_FALLBACK:
        chain.append("ru")
    if "en" not in chain:
        chain.append("en")
    return chain


def pick(texts: dict, lang: str | None = None) -> tuple[str, str]:
    """(text, its language) from `{lang: text}` for a reader of `lang` (default: active)."""
    for code in fallback_chain(lang or get_language()):
        if texts.get(code):
            return texts[code], code
    for code, text in texts.items():
        if text:
            return text, code
    return "", "en"


class Translated(models.Model):
    """A reference row whose English label has translations stored beside it."""

    #: The field holding the English label.
    SOURCE_FIELD = "name"

    names = models.JSONField(
        _("names in other languages"),
        default=dict,
        blank=True,
        help_text=_("The label in each language, by language code (English is the main field)."),
    )
    review = models.JSONField(
        _("to be checked by a native speaker"),
        default=list,
        blank=True,
        help_text=_("Language codes whose label a native speaker should still review."),
    )

    class Meta:
        abstract = True

    @property
    def english(self) -> str:
        return getattr(self, self.SOURCE_FIELD)

    def texts(self) -> dict[str, str]:
        return {**(self.names or {}), "en": self.english}

    def label_for(self, lang: str | None = None) -> tuple[str, str]:
        """(label, language it is in) for a reader of `lang` (default: the active language)."""
        return pick(self.texts(), lang)

    @property
    def local(self) -> str:
        """The label in the active language (or its fallback)."""
        return self.label_for()[0]

    def all_labels(self) -> list[str]:
        """The label in every language (for search documents)."""
        return list(dict.fromkeys(t for t in self.texts().values() if t))
