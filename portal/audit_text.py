"""The audit log in words: "Dana Seitkali (officer, KZ) requested information on licence
application 9: …", with a link to the case, for the audit log and every case's history."""

from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .models import Role

#: What an audit action did, by the part after the dot (licence_application.approve → approve).
VERBS = {
    "create": _("created"),
    "update": _("changed"),
    "submit": _("submitted"),
    "withdraw": _("withdrew"),
    "review_start": _("started reviewing"),
    "request_info": _("requested information on"),
    "approve": _("approved"),
    "refuse": _("refused"),
    "close": _("closed"),
    "contract_attach": _("attached a contract to"),
    "add": _("added"),
    "remove": _("removed"),
    "consent": _("consented to"),
    "passport_view": _("read the passport number of"),
    "suspend": _("suspended"),
    "reinstate": _("reinstated"),
    "revoke": _("revoked"),
    "revocation_propose": _("proposed to revoke"),
    "revocation_cancel": _("declined to revoke"),
    "expire": _("recorded the expiry of"),
    "reminder_60": _("sent a renewal reminder for"),
    "reminder_30": _("sent a renewal reminder for"),
    "file": _("filed"),
    "investigate": _("took up"),
    "assign": _("reassigned"),
    "uphold": _("upheld"),
    "dismiss": _("dismissed"),
    "plan": _("planned"),
    "complete": _("recorded the findings of"),
    "cancel": _("cancelled"),
    "impose": _("imposed"),
    "register": _("registered"),
    "shortlist": _("shortlisted"),
    "reject": _("rejected"),
    "offer": _("offered the job in"),
    "accept": _("accepted"),
    "decline": _("declined"),
    "departure_record": _("recorded the departure in"),
    "return_record": _("recorded the return in"),
    "permit_link": _("linked a permit to"),
    "season_add": _("added a season to"),
    "delete": _("deleted"),
    "stop": _("stopped the alerts of"),
    "alert": _("sent new vacancies for"),
    "consent_give": _("shared with agencies"),
    "consent_withdraw": _("stopped sharing"),
    "confirm": _("confirmed"),
    "change": _("changed"),
    "set": _("set"),
    "grant": _("granted"),
}
ACTOR_ROLES = {
    **dict(Role.choices),
    "worker": _("worker"),
    "system": _("Karavan"),
    "superuser": _("administrator"),
    "gateway": _("payment gateway"),
    "holder": _("holder"),
}

_INSPECT_URLS: dict[str, str] = {}


def inspect_url_register(model, url_name: str) -> None:
    """Case viewsets say where a case's page is, so the log can link to it."""
    _INSPECT_URLS[model._meta.label_lower] = url_name


@dataclass
class AuditSentence:
    event: object
    actor: str
    role: str
    verb: str
    subject: str
    url: str
    reason: str

    def _parts(self, subject):
        who = f"{self.actor} ({self.role})" if self.role else self.actor
        # Translators reorder: "%(actor)s: %(subject)s — %(verb)s" for verb-final languages.
        return _("%(actor)s %(verb)s %(subject)s"), {
            "actor": who,
            "verb": self.verb,
            "subject": subject,
        }

    def __str__(self):
        text, parts = self._parts(self.subject)
        text = str(text) % parts
        return f"{text}: {self.reason}" if self.reason else text

    def html(self, *, reason_chars: int = 160):
        """The sentence with the case as a link."""
        subject = (
            format_html('<a href="{}">{}</a>', self.url, self.subject)
            if self.url
            else conditional_escape(self.subject)
        )
        text, parts = self._parts(subject)
        sentence = format_html(
            str(text)
            .replace("%(actor)s", "{actor}")
            .replace("%(verb)s", "{verb}")
            .replace("%(subject)s", "{subject}"),
            **parts,
        )
        if self.reason:
            sentence = format_html("{}: {}", sentence, Truncator(self.reason).chars(reason_chars))
        return sentence


def verb(action: str) -> str:
    return str(VERBS.get(action.rpartition(".")[2], _("acted on")))


def subject(event) -> str:
    """ "licence application 9", "work permit KZ-WP-2026-000001"."""
    try:
        model = apps.get_model(event.object_type)
    except (LookupError, ValueError):
        return event.object_repr or event.object_id
    label = str(model._meta.verbose_name)
    fields = {f.name for f in model._meta.concrete_fields}
    if "original_name" in fields and event.object_repr:  # an uploaded file: its kind and name
        # in the reader's language while the file is there (object_repr is the uploader's)
        document = model._default_manager.filter(pk=event.object_id).first()
        return str(document) if document is not None else event.object_repr
    # A numbered document by its number (KZ-LIC-2026-000001), anything else by its id.
    number = event.object_repr if "number" in fields and event.object_repr else event.object_id
    return f"{label} {number}"


def audit_sentence(event, *, link: bool = True) -> AuditSentence:
    role = str(ACTOR_ROLES.get(event.role, "")) if event.role else ""
    if event.country and role:
        role = f"{role}, {event.country}"
    url = ""
    if link and event.object_type in _INSPECT_URLS:
        try:
            url = reverse(_INSPECT_URLS[event.object_type], args=[event.object_id])
        except NoReverseMatch:
            url = ""
    actor = (
        event.actor_label
        if event.actor_label and event.actor_label != "anonymous"
        else str(_("Someone (anonymous)"))
    )
    if event.role == "system":
        actor, role = str(_("Karavan")), ""
    return AuditSentence(event, actor, role, verb(event.action), subject(event), url, event.reason)


def audit_sentences(events, *, link_objects: bool = True) -> list[AuditSentence]:
    return [audit_sentence(event, link=link_objects) for event in events]


def case_kind_choices() -> list[tuple[str, str]]:
    """Kinds of case the log can be filtered by (those with a case page)."""
    choices = []
    for label in sorted(_INSPECT_URLS):
        model = apps.get_model(label)
        choices.append((label, str(model._meta.verbose_name).capitalize()))
    return sorted(choices, key=lambda c: c[1])


def action_choices() -> list[tuple[str, str]]:
    """What can be done, in words (the same word for every kind of case)."""
    words = {}
    for key, word in VERBS.items():
        words.setdefault(str(word), key)
    return sorted(((key, word) for word, key in words.items()), key=lambda c: c[1])
