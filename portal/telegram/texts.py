"""Everything the bot says, in the seven portal languages (gettext). Labels already used by the
website ("Follow a complaint", "Find vacancies", "Status" …) are the same msgids, so the bot
and the site say the same thing."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The menu (a reply keyboard: the button's text comes back as the message).
CHECK = _("Check a document")
JOBS = _("Find vacancies")
PERMIT = _("Do I need a permit?")
TRACK = _("Follow a complaint")
COMPLAIN = _("Report a problem")
LINK = _("Link my account")
LANGUAGE = _("Language")
CANCEL = pgettext_lazy("telegram button", "Cancel")
SEND = pgettext_lazy("telegram button", "Send")
ANY_COUNTRY = _("Any country")

WELCOME = _(
    "Karavan helps you work abroad legally: check a document, find a vetted job, learn "
    "which permit you need and report a dishonest recruiter. Choose below."
)
CHOOSE_LANGUAGE = _("Choose your language.")
NOT_UNDERSTOOD = _("I did not understand. Choose from the menu below.")
CANCELLED = _("Stopped. Choose from the menu below.")
ONLY_TEXT = _("Please write text; the bot cannot read pictures, voice or files.")

ASK_NUMBER = _(
    "Send the number of the licence, permit, patent or job order, for example "
    "KZ-WP-2026-000042. For a permit or a patent, add the check code printed under "
    "its QR code after a space to see the holder."
)
NOT_A_NUMBER = _("This number is not valid")
NO_DOCUMENT = _(
    "No document with the number “%(number)s” was issued through Karavan. Do not "
    "pay money or hand over your passport on the strength of it."
)
WITHHELD = _(
    "This document was issued to a person. Their details are shown only with the check "
    "code printed on the document under its QR code (scanning the QR code opens this "
    "page with it)."
)
WRONG_CODE = _(
    "This check code does not belong to this number. Compare both with the document. "
    "The holder's details are not shown."
)

ASK_OCCUPATION = _(
    "What work are you looking for? Write one word in your language, for example “welder”."
)
ASK_DESTINATION = _("In which country?")
NO_VACANCIES = _("No open vacancy matches. Try another word or any country.")
FOUND_VACANCIES = _("Open vacancies found: %(count)s. The newest:")
ALL_RESULTS = _("All results: %(url)s")
SAVE_SEARCH = _("Save this search and get alerts")
SEARCH_SAVED = _(
    "Saved. New vacancies for this search will come to this chat at most once a "
    "day. Send /stop to stop them."
)
ALERTS_STOPPED = _("Your vacancy alerts are stopped.")
NO_ALERTS = _("You have no vacancy alerts.")

ASK_CITIZENSHIP = _("Your citizenship")
ASK_WORK_COUNTRY = _("Where do you want to work?")
ASK_TRACKING_CODE = _("Send the tracking code you received when you filed the complaint.")
NO_COMPLAINT = _("No complaint has this tracking code. Check it and try again.")

ASK_COMPLAINT_COUNTRY = _("Country where you were recruited")
ASK_RECRUITER = _(
    "Who recruited you? Send the agency's licence number (for example "
    "KZ-LIC-2026-000012) or the name they used."
)
ASK_CATEGORY = _("What is the problem?")
ASK_DESCRIPTION = _(
    "What happened? Describe it in one message. Do not write your name or "
    "phone number: the complaint is anonymous."
)
CONFIRM_COMPLAINT = _(
    "Send this complaint to the authority? It is anonymous: nobody will know it came from you."
)
COMPLAINT_FILED = _(
    "Your complaint was filed. Its tracking code is %(code)s: keep it to follow "
    "the complaint here or on the website."
)
CHOOSE_FROM_BUTTONS = _("Choose one of the buttons below.")

ASK_LINK_CODE = _(
    "Send the code shown on your Karavan account page (My account → Telegram). "
    "Your notifications will then come to this chat."
)
LINKED = _(
    "This chat is linked to your Karavan account: your notifications will come here. "
    "Send /unlink to stop."
)
BAD_LINK_CODE = _("This code is wrong, used or expired. Get a new one on your account page.")
UNLINKED = _("This chat is no longer linked to a Karavan account.")
NOT_LINKED = _("This chat is not linked to a Karavan account.")
