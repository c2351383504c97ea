"""Every field a person fills or reads says what it means (`help_text`), and the forms show it.

The walk covers every concrete model of the project's apps, so a field added without a help
text fails here instead of reaching an officer or a worker as a bare label.
"""

import re

import pytest
from django.apps import apps
from django.utils import translation

from licensing.models import Complaint

PROJECT_APPS = {
    "portal",
    "licensing",
    "permits",
    "protection",
    "vacancies",
    "matching",
    "info_campaigns",
    "telegram",
    "cycle",
}

# Fields nobody fills or reads as such: internal bookkeeping the code keeps for itself.
# Each entry says why; anything not listed here needs a help text.
INTERNAL_FIELDS = {
    # Django's sign-in bookkeeping: a password hash and dates Django sets itself.
    ("portal", "User", "password"),
    ("portal", "User", "last_login"),
    ("portal", "User", "date_joined"),
    # Gapless number counters, locked and incremented by portal.numbering only.
    ("portal", "NumberSequence", "country"),
    ("portal", "NumberSequence", "kind"),
    ("portal", "NumberSequence", "year"),
    ("portal", "NumberSequence", "last"),
    # Daily reminder task: remembers it already sent the 60- and 30-day reminders.
    ("licensing", "Licence", "reminder_60_sent_on"),
    ("licensing", "Licence", "reminder_30_sent_on"),
    # The MIME type checked on upload; people see the file name and the preview.
    ("licensing", "ComplaintEvidence", "content_type"),
    # The payment gateway's webhook log: replay protection, read by no one.
    ("permits", "PaymentWebhookEvent", "event_id"),
    ("permits", "PaymentWebhookEvent", "reference"),
    ("permits", "PaymentWebhookEvent", "outcome"),
    # How a match run splits its work; people read the run's progress instead.
    ("matching", "MatchRun", "chunk_count"),
    ("matching", "MatchRun", "chunks_done"),
    ("matching", "MatchRunChunk", "run"),
    ("matching", "MatchRunChunk", "index"),
    ("matching", "MatchRunChunk", "first_profile_id"),
    ("matching", "MatchRunChunk", "last_profile_id"),
    ("matching", "MatchRunChunk", "status"),
    ("matching", "MatchRunChunk", "result_count"),
    # The Telegram bot's replay protection and the stored hash of a link code: read by no one.
    ("telegram", "TelegramUpdate", "update_id"),
    ("telegram", "TelegramLinkCode", "code_hash"),
    # The stored hash of a contract's one-time confirmation code: read by no one.
    ("vacancies", "ContractConfirmationCode", "code_hash"),
    # Wagtail's link from an inline row to its page; never shown in a form.
    ("info_campaigns", "GuideResourceCentre", "page"),
    ("info_campaigns", "GuideHotline", "page"),
}


def fields_people_use():
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in PROJECT_APPS or meta.proxy:
            continue
        for field in meta.get_fields():
            if not (field.concrete or field.many_to_many) or field.auto_created:
                continue
            if not field.editable or field.model._meta.app_label not in PROJECT_APPS:
                continue  # set by code (auto_now, search vectors), or Wagtail's own page fields
            yield (meta.app_label, model.__name__, field.name), field


def test_every_field_people_fill_or_read_has_a_help_text():
    missing = sorted(
        key
        for key, field in fields_people_use()
        if key not in INTERNAL_FIELDS and not str(field.help_text).strip()
    )
    assert missing == [], f"fields without help_text: {missing}"


def test_help_texts_are_translatable_sentences_not_code_names():
    """A help text is marked for translation (lazy) and reads as words, not an identifier."""
    for key, field in fields_people_use():
        if key in INTERNAL_FIELDS or not field.help_text:
            continue
        assert not isinstance(field.help_text, str), f"{key}: help_text not wrapped in _()"
        assert not re.fullmatch(r"[a-z_.]+", str(field.help_text)), f"{key}: reads like code"


def test_exclusions_name_real_fields():
    """An exclusion for a field that no longer exists would hide nothing and mislead."""
    known = {key for key, _field in fields_people_use()}
    assert INTERNAL_FIELDS <= known, INTERNAL_FIELDS - known


@pytest.mark.django_db
def test_public_complaint_form_links_the_model_help_text_to_its_field(client):
    html = client.get("/ru/complaints/new/").content.decode()
    with translation.override("ru"):
        help_text = str(Complaint._meta.get_field("description").help_text)
    assert help_text != "Tell us what happened, when and where, in your own words."  # in Russian
    textarea = re.search(r'<textarea[^>]*name="description"[^>]*>', html).group(0)
    described_by = re.search(r'aria-describedby="([^"]+)"', textarea).group(1)
    ids = described_by.split()
    helps = [re.search(rf'id="{re.escape(i)}"[^>]*>(.*?)</', html, re.S) for i in ids]
    assert any(m and m.group(1).strip() == help_text for m in helps), (described_by, help_text)
