"""What a migrant can do in the chat, each answer from the same code as the website, in the
chat's language."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from licensing.models import Complaint
from licensing.permits import services as permit_services
from portal.demo import corridor_rules_load
from portal.models import AuditEvent, Skill
from portal.reference import load_translations
from portal.telegram.models import TelegramChat, TelegramLinkCode
from portal.verification import check_code
from tests.conftest import requires_postgres
from tests.permits.conftest import under_review
from tests.vacancies.factories import (
    KOREAN_TEXTS,
    RUSSIAN_TEXTS,
    minimum_wage,
    published,
    scheme_create,
)

from .conftest import Chat, post, update

pytestmark = pytest.mark.django_db


def test_a_new_chat_speaks_its_app_language_and_can_switch_to_tajik(client, bot_api):
    chat = Chat(client, bot_api, language_code="ky")
    (welcome,) = chat.say("/start")
    assert "Karavan" in welcome and chat.say("/start@karavan_bot") == [welcome]
    assert TelegramChat.objects.get(chat_id=chat.chat_id).language == "ky"
    chat.say("/language")
    assert "Тоҷикӣ" in chat.buttons() and "Oʻzbekcha" in chat.buttons()
    (welcome_tg,) = chat.say("Тоҷикӣ")
    assert TelegramChat.objects.get(chat_id=chat.chat_id).language == "tg"
    assert welcome_tg != welcome
    assert "Санҷиши ҳуҷҷат" in chat.buttons()  # the menu in Tajik


def test_unknown_language_code_falls_back_to_russian(client, bot_api):
    chat = Chat(client, bot_api, chat_id=5, language_code="de")
    chat.say("/start")
    assert TelegramChat.objects.get(chat_id=5).language == "ru"


def test_a_picture_gets_a_polite_answer(client, bot_api):
    post(client, update(None, chat_id=6))
    assert "текст" in bot_api.texts(6)[0]


@pytest.fixture
def permit(pm):
    return permit_services.permit_application_approve(
        application=under_review(pm["worker"], pm["officer"]), by=pm["officer"]
    )


def test_a_permit_by_number_shows_its_status_and_the_holder_only_with_the_check_code(chat, permit):
    chat.say("/language")
    chat.say("English")
    chat.say("Check a document")
    (answer,) = chat.say(permit.number.lower())
    assert permit.number in answer and "Active" in answer
    assert "Holder" not in answer and "F. R." not in answer and "check code" in answer
    (answer,) = chat.say(f"/verify {permit.number} {check_code(permit.number)}")
    assert "Holder: F. R." in answer
    (answer,) = chat.say("/verify KZ-WP-2026-999999")
    assert "No document with the number" in answer


def test_complaint_filed_step_by_step_once_and_tracked(chat, bot_api, orgs):
    chat.say("Сообщить о проблеме")
    assert "Казахстан" in chat.buttons()
    chat.say("Казахстан")
    chat.say("ТОО «Быстрая работа», Иван")
    assert "Невыплата заработной платы" in chat.buttons() or len(chat.buttons()) == 8
    chat.say(chat.buttons()[3])  # unpaid wages
    chat.say("Не заплатили за два месяца.")
    send = update(chat.buttons()[0], chat_id=chat.chat_id)
    post(chat.client, send)
    post(chat.client, send)  # Telegram re-sends the same update
    complaint = Complaint.objects.get()
    assert complaint.category == "unpaid_wages" and complaint.is_anonymous
    assert complaint.recruiter_name == "ТОО «Быстрая работа», Иван"
    assert complaint.country_id == "KZ" and complaint.filed_by is None
    assert complaint.submission_key is not None
    filed = bot_api.texts(chat.chat_id)[-1]
    assert complaint.tracking_code in filed
    assert TelegramChat.objects.get(chat_id=chat.chat_id).answers == {}  # nothing kept
    (status,) = chat.say(f"/track {complaint.tracking_code.lower()}")
    assert complaint.tracking_code in status and "Получена" in status
    (status,) = chat.say("/track NOSUCHCODE")
    assert "Жалобы с таким кодом" in status


def test_the_complaint_key_files_once_even_if_the_conversation_is_replayed(chat):
    chat.say("/complain")
    key = TelegramChat.objects.get(chat_id=chat.chat_id).answers["key"]
    chat.say("Казахстан")
    chat.say("Someone")
    chat.say(chat.buttons()[0])
    chat.say("Took my passport.")
    row = TelegramChat.objects.get(chat_id=chat.chat_id)
    answers = dict(row.answers)
    chat.say(chat.buttons()[0])
    # The same answers again (e.g. a lost reply and a second "Send"): the same complaint.
    TelegramChat.objects.filter(pk=row.pk).update(state="complaint_confirm", answers=answers)
    chat.say("Отправить")
    assert Complaint.objects.count() == 1 and str(Complaint.objects.get().submission_key) == key


def test_do_i_need_a_permit_from_the_corridor_rules_in_kyrgyz(client, bot_api):
    corridor_rules_load()
    chat = Chat(client, bot_api, chat_id=42, language_code="ky")
    chat.say("/permit")
    kyrgyzstan = next(b for b in chat.buttons() if b.startswith("Кыргыз"))
    chat.say(kyrgyzstan)
    kazakhstan = next(b for b in chat.buttons() if b.startswith("Казак"))
    (answer,) = chat.say(kazakhstan)
    from portal.corridors import needs_permit_answer

    assert answer == needs_permit_answer("KG", "KZ", language="ky").as_text()
    assert not needs_permit_answer("KG", "KZ").needs_permit


@requires_postgres
def test_vacancies_by_a_word_in_tajik(client, bot_api, v):
    Skill.objects.get_or_create(label="operate welding equipment")
    load_translations()
    kr = scheme_create(
        origin="KG", destination="KR", vetting="KZ", sectors=["72"], name="KG→KR shipbuilding"
    )
    minimum_wage(region="KR-26", amount="2000000", currency="KRW", country="KR")
    from portal.models import Organisation
    from tests.vacancies.factories import employer_accredit

    kr_authority = Organisation.objects.create(
        name="KR Ministry",
        kind="authority",
        country_id="KR",
        competences=["employer_accreditation"],
    )
    employer_accredit(v["employer"], kr_authority, by=v["officer"])
    welder = published(
        {**v, "scheme": kr},
        title="Ship hull worker",
        occupation="7212",
        region="KR-26",
        city="Busan",
        currency="KRW",
        monthly_wage=2600000,
        languages=["ko", "ru"],
        description="Hull sections.",
        translations={"ru": {**RUSSIAN_TEXTS, "title": "Рабочий верфи"}, "ko": KOREAN_TEXTS},
    )
    published(v)  # apple pickers in Kazakhstan
    chat = Chat(client, bot_api, chat_id=43, language_code="ru")
    chat.say("/jobs")
    chat.say("кафшергар")
    assert "Любая страна" in chat.buttons()
    (answer,) = chat.say("Любая страна")
    assert "Рабочий верфи" in answer and f"/ru/vacancies/{welder.pk}/" in answer
    assert answer.startswith("Найдено открытых вакансий: 1.")  # not the apple pickers
    chat.say("/jobs")
    chat.say("кафшергар")
    (answer,) = chat.say("Казахстан")
    assert "Рабочий верфи" not in answer


def _link_code(client, user) -> str:
    client.force_login(user)
    response = client.post("/ru/dashboard/telegram/", {"action": "code"})
    assert response.status_code == 200
    return re.search(r"<strong>([2-9A-Z]{8})</strong>", response.content.decode()).group(1)


def test_link_the_chat_with_a_one_time_code_from_the_account_page(chat, people, client):
    worker = people["worker"]
    code = _link_code(client, worker)
    chat.say("Привязать мой аккаунт")
    (linked,) = chat.say(code.lower())
    assert "привязан" in linked
    assert TelegramChat.objects.get(chat_id=chat.chat_id).user == worker
    assert AuditEvent.objects.filter(action="telegram.link").exists()
    assert "привязан" in client.get("/ru/dashboard/telegram/").content.decode()
    other = Chat(client, chat.api, chat_id=99)
    (refused,) = other.say(f"/link {code}")  # single use
    assert TelegramChat.objects.get(chat_id=99).user is None and "код" in refused.lower()
    chat.say("/unlink")
    assert TelegramChat.objects.get(chat_id=chat.chat_id).user is None


def test_an_expired_code_links_nothing_and_a_new_code_voids_the_old(chat, people, client):
    worker = people["worker"]
    old = _link_code(client, worker)
    code = _link_code(client, worker)
    chat.say(f"/link {old}")
    assert TelegramChat.objects.get(chat_id=chat.chat_id).user is None
    TelegramLinkCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    chat.say(f"/start {code}")  # the deep link t.me/<bot>?start=<code>
    assert TelegramChat.objects.get(chat_id=chat.chat_id).user is None
