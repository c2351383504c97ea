"""The conversation: one incoming update in, the replies out.

Every answer comes from the same code the website uses — the verification registry
(`portal.verification`), the vacancy search (`vacancies.selectors`), the corridor rules
(`portal.corridors`), complaint tracking and filing (`licensing`) — in the chat's language.
A conversation that needs several answers (filing a complaint, a search) keeps its step and
answers on the chat's row (`TelegramChat.state`/`answers`) until it ends.

The bot shows nothing a public page would not: a permit's holder only with its check code,
a complaint only by its tracking code, and never anything about the person chatting beyond
what they typed.
"""

import uuid
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _g
from telegram import Update

from licensing import ratelimit
from licensing import selectors as licensing_selectors
from licensing.models import Complaint
from licensing.services import complaint_file
from portal.corridors import needs_permit_answer, rules_in_force
from portal.models import Country
from portal.verification import NUMBER_RE, normalise_number, verify_number
from vacancies import selectors as vacancy_selectors
from vacancies.services.saved_searches import saved_search_create, saved_search_stop

from . import services
from . import texts as T
from .client import Outgoing
from .models import TelegramChat

#: Vacancies listed in one answer (the rest on the website).
VACANCIES_SHOWN = 5


def handle(update: Update) -> list[Outgoing]:
    """Handle one update once (a re-sent `update_id` gets no second answer); the replies to
    send after the transaction commits."""
    message = update.message
    with transaction.atomic():
        if not services.update_claim(update_id=update.update_id):
            return []
        if (
            message is None
            or message.chat is None
            or message.chat.type != "private"
            or not isinstance(message.chat.id, int)
            or not -(2**63) < message.chat.id < 2**63
        ):
            return []  # only private chats: nothing is said in groups
        # The library does not check types: a field may hold anything the sender put there.
        language = getattr(message.from_user, "language_code", "")
        chat = services.chat_open(
            chat_id=message.chat.id, language=language if isinstance(language, str) else ""
        )
        text = message.text.strip()[:4000] if isinstance(message.text, str) else ""
        with translation.override(chat.language):
            if not ratelimit.consume(None, action="telegram_chat", key=str(chat.chat_id)):
                return [Outgoing(chat.chat_id, str(ratelimit.ERROR_RATE_LIMITED))]
            if not text:
                return [Outgoing(chat.chat_id, str(T.ONLY_TEXT))]
            return [
                Outgoing(chat.chat_id, reply, keyboard) for reply, keyboard in respond(chat, text)
            ]


Reply = tuple[str, list[list[str]] | None]


def respond(chat: TelegramChat, text: str) -> list[Reply]:
    command, _sep, argument = text.partition(" ")
    command = command.split("@")[0].lower()  # "/start@karavan_bot" in some clients
    if command in COMMANDS:
        services.chat_step(chat=chat)
        return COMMANDS[command](chat, argument.strip())
    for label, start in MENU_ACTIONS:
        if text.casefold() == _g(label).casefold():
            services.chat_step(chat=chat)
            return start(chat, "")
    if text.casefold() == str(T.CANCEL).casefold():
        services.chat_step(chat=chat)
        return [(str(T.CANCELLED), menu())]
    if chat.state in STEPS:
        return STEPS[chat.state](chat, text)
    return [(str(T.NOT_UNDERSTOOD), menu())]


# --- keyboards --------------------------------------------------------------------------------


def rows(labels: list[str], width: int = 2, cancel: bool = True) -> list[list[str]]:
    labels = [str(label) for label in labels] + ([str(T.CANCEL)] if cancel else [])
    return [labels[i : i + width] for i in range(0, len(labels), width)]


def menu() -> list[list[str]]:
    return rows([_g(label) for label, _start in MENU_ACTIONS], cancel=False)


def _countries(queryset) -> list[Country]:
    return sorted(queryset, key=lambda country: country.local)


def _country_from(text: str, countries: list[Country]) -> Country | None:
    wanted = text.strip().casefold()
    for country in countries:
        if wanted in (country.code.casefold(), country.local.casefold(), country.name.casefold()):
            return country
    return None


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


# --- start, language, linking -----------------------------------------------------------------


def start(chat: TelegramChat, argument: str) -> list[Reply]:
    if argument:  # a deep link t.me/<bot>?start=<code> from the account page
        return link_answer(chat, argument)
    return [(str(T.WELCOME), menu())]


def ask_language(chat: TelegramChat, argument: str) -> list[Reply]:
    services.chat_step(chat=chat, state="language")
    return [(str(T.CHOOSE_LANGUAGE), rows([name for _code, name in settings.LANGUAGES]))]


def language_chosen(chat: TelegramChat, text: str) -> list[Reply]:
    for code, name in settings.LANGUAGES:
        if text.casefold() in (code, name.casefold()):
            services.chat_language_set(chat=chat, language=code)
            services.chat_step(chat=chat)
            with translation.override(code):
                return [(str(T.WELCOME), menu())]
    return [(str(T.CHOOSE_FROM_BUTTONS), None)]


def ask_link_code(chat: TelegramChat, argument: str) -> list[Reply]:
    if argument:
        return link_answer(chat, argument)
    services.chat_step(chat=chat, state="link")
    return [(str(T.ASK_LINK_CODE), rows([]))]


def link_answer(chat: TelegramChat, code: str) -> list[Reply]:
    if not ratelimit.consume(None, action="telegram_lookup", key=str(chat.chat_id)):
        return [(str(ratelimit.ERROR_RATE_LIMITED), menu())]
    services.chat_step(chat=chat)
    if services.link_code_redeem(chat=chat, code=code) is None:
        return [(str(T.BAD_LINK_CODE), menu())]
    return [(str(T.LINKED), menu())]


def unlink(chat: TelegramChat, argument: str) -> list[Reply]:
    return [(str(T.UNLINKED) if services.chat_unlink(chat=chat) else str(T.NOT_LINKED), menu())]


def cancel(chat: TelegramChat, argument: str) -> list[Reply]:
    return [(str(T.CANCELLED), menu())]


# --- verification -----------------------------------------------------------------------------


def ask_number(chat: TelegramChat, argument: str) -> list[Reply]:
    if argument:
        return verify_answer(chat, argument)
    services.chat_step(chat=chat, state="verify")
    return [(str(T.ASK_NUMBER), rows([]))]


def _result_lines(result) -> list[str]:
    lines = [f"{result.kind_label} {result.number}", f"{_g('Status')}: {result.status_label}"]
    if not result.withheld:
        lines.append(f"{_g('Holder')}: {result.holder}")
    lines.append(f"{_g('Issued by')}: {result.issuer}")
    for label, value in (
        (_g("Valid from"), result.valid_from),
        (_g("Valid until"), result.valid_until),
    ):
        if value:
            lines.append(f"{label}: {formats.date_format(value, 'SHORT_DATE_FORMAT')}")
    lines += [f"{label}: {value}" for label, value in result.facts]
    return lines


def verify_answer(chat: TelegramChat, text: str) -> list[Reply]:
    if not ratelimit.consume(None, action="telegram_lookup", key=str(chat.chat_id)):
        return [(str(ratelimit.ERROR_RATE_LIMITED), menu())]
    services.chat_step(chat=chat)
    raw, _sep, code = text.strip().partition(" ")
    number = normalise_number(raw)
    result = verify_number(number, code.strip() or None) if NUMBER_RE.match(number) else None
    if result is None:
        return [(f"{str(T.NOT_A_NUMBER)}\n{str(T.NO_DOCUMENT) % {'number': number[:40]}}", menu())]
    lines = _result_lines(result)
    if result.withheld:
        lines.append(str(T.WRONG_CODE) if result.wrong_code else str(T.WITHHELD))
    for linked in result.linked:
        lines += ["", *_result_lines(linked)]
    lines += ["", _site(reverse("portal:verify_number", kwargs={"number": result.number}))]
    return [("\n".join(lines), menu())]


# --- vacancies --------------------------------------------------------------------------------


def ask_occupation(chat: TelegramChat, argument: str) -> list[Reply]:
    services.chat_step(chat=chat, state="jobs_word")
    return [(str(T.ASK_OCCUPATION), rows([]))]


def _destinations() -> list[Country]:
    return _countries(Country.objects.filter(is_destination=True))


def occupation_given(chat: TelegramChat, text: str) -> list[Reply]:
    services.chat_step(chat=chat, state="jobs_country", q=text[:100])
    return [
        (str(T.ASK_DESTINATION), rows([str(T.ANY_COUNTRY), *(c.local for c in _destinations())]))
    ]


def destination_given(chat: TelegramChat, text: str) -> list[Reply]:
    country = _country_from(text, _destinations())
    if country is None and text.casefold() != str(T.ANY_COUNTRY).casefold():
        return [(str(T.CHOOSE_FROM_BUTTONS), None)]
    query = {"q": chat.answers.get("q", ""), "country": country.code if country else ""}
    services.chat_step(chat=chat, state="jobs_result", **query)
    return [(vacancy_text(**query), rows([str(T.SAVE_SEARCH)], cancel=False) + menu())]


def search_saved(chat: TelegramChat, text: str) -> list[Reply]:
    """ "Save this search" under the results: alerts of new vacancies to this chat, at most once
    a day, until /stop (vacancies.services.saved_searches)."""
    if text.casefold() != str(T.SAVE_SEARCH).casefold():
        services.chat_step(chat=chat)
        return [(str(T.NOT_UNDERSTOOD), menu())]
    filters = vacancy_selectors.VacancyFilters(
        q=chat.answers.get("q", ""), country=chat.answers.get("country", "")
    )
    services.chat_step(chat=chat)
    try:
        saved_search_create(filters=filters, language=chat.language, telegram_chat_id=chat.chat_id)
    except ValidationError as error:
        return [(" ".join(error.messages), menu())]
    return [(str(T.SEARCH_SAVED), menu())]


def alerts_stop(chat: TelegramChat, argument: str) -> list[Reply]:
    stopped = saved_search_stop(telegram_chat_id=chat.chat_id)
    return [(str(T.ALERTS_STOPPED) if stopped else str(T.NO_ALERTS), menu())]


def vacancy_text(*, q: str, country: str) -> str:
    """The newest matching vacancies in words, with links (the active language)."""
    results = vacancy_selectors.vacancy_search(
        filters=vacancy_selectors.VacancyFilters(q=q, country=country)
    )
    count, more = vacancy_selectors.vacancy_count(results, cap=vacancy_selectors.SEARCH_COUNT_CAP)
    if not count:
        return str(T.NO_VACANCIES)
    lines = [str(T.FOUND_VACANCIES) % {"count": f"{count}+" if more else count}]
    for job in vacancy_selectors.vacancy_page(results, offset=0, limit=VACANCIES_SHOWN):
        content, _lang = job.content_for(fields=("title",))
        wage = formats.number_format(
            Decimal(job.monthly_wage), decimal_pos=0, use_l10n=True, force_grouping=True
        )
        lines += [
            "",
            content.get("title", ""),
            f"{job.employer.name} — {job.city}, {job.destination_country.local}",
            f"{wage} {job.currency} {_g('per month, gross')} · {_g('Apply by')} "
            f"{formats.date_format(job.application_deadline, 'SHORT_DATE_FORMAT')}",
            _site(reverse("vacancies:vacancy_detail", kwargs={"pk": job.pk})),
        ]
    search = {key: value for key, value in (("q", q), ("country", country)) if value}
    lines += [
        "",
        str(T.ALL_RESULTS)
        % {"url": _site(reverse("vacancies:vacancy_list")) + "?" + urlencode(search)},
    ]
    return "\n".join(lines)


# --- do I need a permit? -----------------------------------------------------------------------


def _origins() -> list[Country]:
    return _countries({rule.origin for rule in rules_in_force()})


def ask_citizenship(chat: TelegramChat, argument: str) -> list[Reply]:
    services.chat_step(chat=chat, state="permit_origin")
    return [(str(T.ASK_CITIZENSHIP), rows([c.local for c in _origins()]))]


def _rule_destinations(origin: str) -> list[Country]:
    return _countries({rule.destination for rule in rules_in_force().filter(origin_id=origin)})


def citizenship_given(chat: TelegramChat, text: str) -> list[Reply]:
    origin = _country_from(text, _origins())
    if origin is None:
        return [(str(T.CHOOSE_FROM_BUTTONS), None)]
    services.chat_step(chat=chat, state="permit_destination", origin=origin.code)
    return [(str(T.ASK_WORK_COUNTRY), rows([c.local for c in _rule_destinations(origin.code)]))]


def work_country_given(chat: TelegramChat, text: str) -> list[Reply]:
    origin = chat.answers.get("origin", "")
    destination = _country_from(text, _rule_destinations(origin))
    if destination is None:
        return [(str(T.CHOOSE_FROM_BUTTONS), None)]
    services.chat_step(chat=chat)
    answer = needs_permit_answer(origin, destination.code, language=chat.language)
    return [(answer.as_text(), menu())]


# --- complaints -------------------------------------------------------------------------------


def ask_tracking_code(chat: TelegramChat, argument: str) -> list[Reply]:
    if argument:
        return track_answer(chat, argument)
    services.chat_step(chat=chat, state="track")
    return [(str(T.ASK_TRACKING_CODE), rows([]))]


def track_answer(chat: TelegramChat, text: str) -> list[Reply]:
    if not ratelimit.consume(None, action="telegram_lookup", key=str(chat.chat_id)):
        return [(str(ratelimit.ERROR_RATE_LIMITED), menu())]
    services.chat_step(chat=chat)
    complaint = licensing_selectors.complaint_by_tracking_code(code=text[:40])
    if complaint is None:
        return [(str(T.NO_COMPLAINT), menu())]
    date = lambda value: formats.date_format(value, "SHORT_DATE_FORMAT")  # noqa: E731
    lines = [
        _g("Complaint %(code)s") % {"code": complaint.tracking_code},
        f"{_g('Problem')}: {complaint.get_category_display()}",
        f"{_g('Filed on')}: {date(complaint.created_at)}",
        f"{_g('Status')}: {complaint.get_status_display()}",
    ]
    if complaint.deadline and not complaint.decided_at:
        lines.append(f"{_g('The authority answers by')}: {date(complaint.deadline)}")
    if complaint.outcome:
        lines.append(f"{_g('Outcome')}: {complaint.outcome}")
    return [("\n".join(lines), menu())]


def _complaint_countries() -> list[Country]:
    return _countries(Country.objects.filter(is_origin=True))


def ask_complaint_country(chat: TelegramChat, argument: str) -> list[Reply]:
    # The one-time key of this complaint: a re-sent "Send" files it once (portal.submissions).
    services.chat_step(chat=chat, state="complaint_country", key=str(uuid.uuid4()))
    return [(str(T.ASK_COMPLAINT_COUNTRY), rows([c.local for c in _complaint_countries()]))]


def complaint_country_given(chat: TelegramChat, text: str) -> list[Reply]:
    country = _country_from(text, _complaint_countries())
    if country is None:
        return [(str(T.CHOOSE_FROM_BUTTONS), None)]
    services.chat_step(chat=chat, state="complaint_recruiter", country=country.code)
    return [(str(T.ASK_RECRUITER), rows([]))]


def recruiter_given(chat: TelegramChat, text: str) -> list[Reply]:
    services.chat_step(chat=chat, state="complaint_category", recruiter=text[:255])
    return [
        (
            str(T.ASK_CATEGORY),
            rows([label for _value, label in Complaint.Category.choices], width=1),
        )
    ]


def category_given(chat: TelegramChat, text: str) -> list[Reply]:
    chosen = [
        value
        for value, label in Complaint.Category.choices
        if text.casefold() == str(label).casefold()
    ]
    if not chosen:
        return [(str(T.CHOOSE_FROM_BUTTONS), None)]
    services.chat_step(chat=chat, state="complaint_description", category=chosen[0])
    return [(str(T.ASK_DESCRIPTION), rows([]))]


def description_given(chat: TelegramChat, text: str) -> list[Reply]:
    services.chat_step(chat=chat, state="complaint_confirm", description=text)
    return [(str(T.CONFIRM_COMPLAINT), rows([str(T.SEND)]))]


def complaint_confirmed(chat: TelegramChat, text: str) -> list[Reply]:
    if text.casefold() != str(T.SEND).casefold():
        return [(str(T.CHOOSE_FROM_BUTTONS), None)]
    if not ratelimit.consume(None, action="telegram_complaint", key=str(chat.chat_id)):
        return [(str(ratelimit.ERROR_RATE_LIMITED), menu())]
    answers = chat.answers
    recruiter = answers.get("recruiter", "")
    number = normalise_number(recruiter)
    agency = (
        licensing_selectors.agency_by_licence_number(number=number)
        if NUMBER_RE.match(number)
        else None
    )
    try:
        complaint = complaint_file(
            by=None,
            country_id=answers.get("country", ""),
            category=answers.get("category", ""),
            description=answers.get("description", ""),
            agency=agency,
            recruiter_name="" if agency else recruiter,
            subject_number=number if NUMBER_RE.match(number) else "",
            is_anonymous=True,
            submission_key=uuid.UUID(answers["key"]),
        )
    except (ValidationError, KeyError, ValueError) as error:
        services.chat_step(chat=chat)
        messages = getattr(error, "messages", None) or [str(T.NOT_UNDERSTOOD)]
        return [(" ".join(str(m) for m in messages), menu())]
    services.chat_step(chat=chat)
    return [(str(T.COMPLAINT_FILED) % {"code": complaint.tracking_code}, menu())]


# --- the tables -------------------------------------------------------------------------------

Handler = Callable[[TelegramChat, str], list[Reply]]

#: Menu buttons, in the order shown (label, what it starts).
MENU_ACTIONS: list[tuple[object, Handler]] = [
    (T.CHECK, ask_number),
    (T.JOBS, ask_occupation),
    (T.PERMIT, ask_citizenship),
    (T.TRACK, ask_tracking_code),
    (T.COMPLAIN, ask_complaint_country),
    (T.LINK, ask_link_code),
    (T.LANGUAGE, ask_language),
]

COMMANDS: dict[str, Handler] = {
    "/start": start,
    "/help": start,
    "/menu": start,
    "/cancel": cancel,
    "/language": ask_language,
    "/verify": ask_number,
    "/jobs": ask_occupation,
    "/permit": ask_citizenship,
    "/track": ask_tracking_code,
    "/complain": ask_complaint_country,
    "/link": ask_link_code,
    "/unlink": unlink,
    "/stop": alerts_stop,
}

#: What a message means in each step of a conversation.
STEPS: dict[str, Handler] = {
    "language": language_chosen,
    "link": link_answer,
    "verify": verify_answer,
    "jobs_word": occupation_given,
    "jobs_country": destination_given,
    "jobs_result": search_saved,
    "permit_origin": citizenship_given,
    "permit_destination": work_country_given,
    "track": track_answer,
    "complaint_country": complaint_country_given,
    "complaint_recruiter": recruiter_given,
    "complaint_category": category_given,
    "complaint_description": description_given,
    "complaint_confirm": complaint_confirmed,
}
