"""The webhook is outside the language prefix, so the URL-conf fuzzer (tests/security/fuzz.py)
does not reach it; this fuzzes it instead. With the right secret, any JSON body, and any
sequence of messages in one chat (commands, menu buttons in every language, country names,
free text), never gives a server error."""

import json

import pytest
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.telegram import bot
from portal.telegram import texts as T

from .conftest import SECRET, URL, update

pytestmark = pytest.mark.django_db

LANGS = ["ru", "en", "kk", "ky", "tg", "tk", "uz"]


def _words() -> list[str]:
    words = list(bot.COMMANDS) + [
        "/start 23456789",
        "/verify KZ-LIC-2026-000001 ABCD2345",
        "KZ-WP-2026-000001",
        "Kazakhstan",
        "KZ",
        "Казахстан",
    ]
    for lang in LANGS:
        with translation.override(lang):
            words += [str(label) for label, _start in bot.MENU_ACTIONS]
            words += [str(T.CANCEL), str(T.SEND), str(T.ANY_COUNTRY)]
    return words


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
MESSAGE_TEXT = st.one_of(st.sampled_from(_words()), st.text(max_size=60))
FUZZ = settings(
    max_examples=200,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _post(client, body: str):
    with transaction.atomic():
        response = client.post(
            URL,
            body,
            content_type="application/json",
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
        )
        transaction.set_rollback(True)
    assert response.status_code < 500, body
    return response


@FUZZ
@given(
    body=st.one_of(
        JSON.map(json.dumps),
        st.fixed_dictionaries({"update_id": st.integers(), "message": JSON}).map(json.dumps),
        st.text(max_size=80),
    )
)
def test_any_json_body_is_no_server_error(client, bot_api, body):
    _post(client, body)


@settings(FUZZ, max_examples=100)  # 100 conversations, about 350 messages
@given(
    texts=st.lists(MESSAGE_TEXT, min_size=1, max_size=6),
    chat_id=st.integers(min_value=-(2**52), max_value=2**52),
    language=st.sampled_from(LANGS + ["", "de", "x" * 40]),
    update_id=st.integers(min_value=0, max_value=2**52),
)
def test_any_conversation_is_no_server_error(client, bot_api, texts, chat_id, language, update_id):
    with transaction.atomic():
        for offset, text in enumerate(texts):
            body = json.dumps(
                update(text, chat_id=chat_id, update_id=update_id + offset, language_code=language)
            )
            response = client.post(
                URL,
                body,
                content_type="application/json",
                headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
            )
            assert response.status_code == 200, (texts, response.content)
        transaction.set_rollback(True)


@FUZZ
@given(
    message=st.fixed_dictionaries(
        {
            "message_id": st.integers(),
            "date": st.integers(min_value=0, max_value=2**31),
            "chat": st.fixed_dictionaries(
                {
                    "id": st.one_of(st.integers(), st.text(max_size=5)),
                    "type": st.sampled_from(["private", "group", "x"]),
                }
            ),
            "text": JSON,
            "from": st.fixed_dictionaries(
                {"id": st.integers(), "is_bot": JSON, "first_name": JSON, "language_code": JSON}
            ),
        }
    ),
    update_id=st.integers(),
)
def test_a_well_formed_update_with_ill_typed_fields_is_no_server_error(
    client, bot_api, message, update_id
):
    _post(client, json.dumps({"update_id": update_id, "message": message}))
