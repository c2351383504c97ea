"""StreamField blocks editors combine into campaign and guide pages.

Every block renders plain, semantic HTML that works without JavaScript and prints well on the
leaflet. Templates live in ``templates/blocks/``.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

#: Rich-text features offered to editors: enough for plain-language guidance, nothing that
#: breaks the page on a small phone (no embeds, no tables, no inline images).
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class TextBlock(blocks.RichTextBlock):
    """Ordinary paragraphs, lists and links: the default block for any explanation."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "blocks/text_block.html"


#: Label and help text of every "to be checked" field, so the editor meets the same words in
#: a step, an embassy and the stand-alone block.
TO_CHECK_LABEL = _("To be checked by the editor")
TO_CHECK_HELP = _(
    "What is not yet verified against the official source. Readers see it as a "
    "notice; empty it (or delete the block) once checked."
)


class ToCheckBlock(blocks.TextBlock):
    """A statement not yet verified against the official source (a deadline, an address, a
    new rule). Migrants act on these pages, so the reader sees a visible notice instead of an
    unmarked guess, and ``manage.py content_review`` and the "Content to check" report list it
    until the editor has checked it and removed the block."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", TO_CHECK_LABEL)
        kwargs.setdefault("help_text", TO_CHECK_HELP)
        super().__init__(**kwargs)

    class Meta:
        icon = "warning"
        template = "blocks/to_check_block.html"


class StepBlock(blocks.StructBlock):
    """One step of a procedure, with what it costs and where to go, if that applies."""

    title = blocks.CharBlock(
        label=_("Step"), help_text=_("What to do, as an instruction: “Register your address”.")
    )
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, required=False, label=_("Details"))
    deadline = blocks.CharBlock(
        required=False,
        label=_("Deadline"),
        help_text=_("For example “within 3 working days of arrival”."),
    )
    cost = blocks.CharBlock(
        required=False,
        label=_("Cost"),
        help_text=_("Official fee, with currency. Mark figures that are examples as illustrative."),
    )
    where = blocks.CharBlock(
        required=False, label=_("Where to go"), help_text=_("Office, website or service centre.")
    )
    to_check = blocks.CharBlock(required=False, label=TO_CHECK_LABEL, help_text=TO_CHECK_HELP)


class NumberedStepsBlock(blocks.StructBlock):
    """A numbered procedure (how to get a patent, how to register): the reader ticks off
    one step after another, so the order is visible."""

    heading = blocks.CharBlock(required=False, label=_("Heading"))
    steps = blocks.ListBlock(StepBlock(), min_num=1, label=_("Steps"))

    class Meta:
        icon = "list-ol"
        label = _("Numbered steps")
        template = "blocks/numbered_steps_block.html"


class ChecklistBlock(blocks.StructBlock):
    """Things to take or to check (documents before departure): a list with tick marks."""

    heading = blocks.CharBlock(required=False, label=_("Heading"))
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item")), min_num=1, label=_("Items"))

    class Meta:
        icon = "tick"
        label = _("Checklist")
        template = "blocks/checklist_block.html"


class QuestionBlock(blocks.StructBlock):
    """One question migrants really ask, with a short answer."""

    question = blocks.CharBlock(label=_("Question"))
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Answer"))


class QuestionsBlock(blocks.StructBlock):
    """Questions and answers, folded with the native ``<details>`` element (no JavaScript)
    so a long page stays short on a phone."""

    heading = blocks.CharBlock(required=False, label=_("Heading"))
    questions = blocks.ListBlock(QuestionBlock(), min_num=1, label=_("Questions"))

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        template = "blocks/questions_block.html"


class HotlineCalloutBlock(blocks.StructBlock):
    """A prominent box with a hotline number (a tap calls it), for the moment a reader needs
    help. The hotline itself is a shared snippet, so a changed number changes everywhere."""

    hotline = SnippetChooserBlock("info_campaigns.Hotline", label=_("Hotline"))
    message = blocks.CharBlock(
        required=False,
        label=_("Message"),
        help_text=_("For example “Were you asked to pay for a job? Call”."),
    )

    class Meta:
        icon = "mobile-alt"
        label = _("Hotline callout")
        template = "blocks/hotline_callout_block.html"


class CheckAgencyBlock(blocks.StructBlock):
    """A box that sends the reader to the public agency registry and the verification page,
    with a number field that works without JavaScript. Use it wherever a campaign warns
    about fake agencies or job offers."""

    heading = blocks.CharBlock(
        required=False,
        label=_("Heading"),
        help_text=_("Leave empty for “Check your agency before you pay or sign”."),
    )
    text = blocks.TextBlock(required=False, label=_("Text"))

    class Meta:
        icon = "success"
        label = _("Check your agency")
        template = "blocks/check_agency_block.html"


class ImageBlock(blocks.StructBlock):
    """A photo or an illustration. Alternative text is required: many readers use screen
    readers or switch images off to save data."""

    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for someone who cannot see it. Required."),
    )
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("alt") or "").strip():
            raise StructBlockValidationError(
                block_errors={"alt": ValidationError(_("Alternative text is required."))}
            )
        return value

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class DocumentBlock(blocks.StructBlock):
    """A downloadable file (a contract template, an official form), shown with its type and
    size so the reader knows what the download costs in data."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False, label=_("Link text"), help_text=_("Leave empty to use the document title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document_block.html"


class ContentStreamBlock(blocks.StreamBlock):
    """The body of campaigns and guide sections."""

    text = TextBlock()
    steps = NumberedStepsBlock()
    checklist = ChecklistBlock()
    questions = QuestionsBlock()
    hotline = HotlineCalloutBlock()
    check_agency = CheckAgencyBlock()
    image = ImageBlock()
    document = DocumentBlock()
    to_check = ToCheckBlock()


class EmergencyNumberBlock(blocks.StructBlock):
    """A short emergency number at the destination (police, ambulance, 112)."""

    label = blocks.CharBlock(label=_("Service"), help_text=_("For example “Police”."))
    number = blocks.CharBlock(label=_("Number"), max_length=32)

    class Meta:
        icon = "warning"
        label = _("Emergency number")


class EmbassyBlock(blocks.StructBlock):
    """An embassy or consulate of a country of origin at the destination."""

    name = blocks.CharBlock(label=_("Name"))
    address = blocks.TextBlock(required=False, label=_("Address"))
    phone = blocks.CharBlock(required=False, label=_("Phone"), max_length=40)
    website = blocks.URLBlock(required=False, label=_("Website"))
    to_check = blocks.CharBlock(required=False, label=TO_CHECK_LABEL, help_text=TO_CHECK_HELP)

    class Meta:
        icon = "site"
        label = _("Embassy or consulate")
