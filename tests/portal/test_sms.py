"""SMS length rules, the two gateways (SMPP and HTTPS), and the channels a notification takes."""

import pytest
from django.core import mail
from django.test import override_settings

from portal.models import NotificationDelivery, User
from portal.notifications import Address, notify, register_channel, user_channels
from portal.sms import LogSMSBackend, notice_compose, sms_length
from tests.conftest import make_user
from tests.sms import https_gateway, smsc  # noqa: F401

PHONE = "+992901234567"


@pytest.mark.parametrize(
    ("text", "encoding", "segments"),
    [
        ("Karavan code: 123456", "GSM-7", 1),
        ("a" * 160, "GSM-7", 1),
        ("a" * 161, "GSM-7", 2),  # 153 a segment once split
        ("a" * 306, "GSM-7", 2),
        ("a" * 307, "GSM-7", 3),
        ("€" * 80, "GSM-7", 1),  # the euro sign is an escape: two septets
        ("€" * 81, "GSM-7", 2),
        ("ж" * 70, "UCS-2", 1),  # Cyrillic: 70 a segment
        ("ж" * 71, "UCS-2", 2),  # 67 once split
        ("ж" * 134, "UCS-2", 2),
        ("ж" * 135, "UCS-2", 3),
        ("Oʻzbekcha", "UCS-2", 1),  # the Uzbek ʻ is outside GSM-7
    ],
)
def test_segments_follow_the_encoding(text, encoding, segments):
    length = sms_length(text)
    assert (length.encoding, length.segments) == (encoding, segments)


def test_a_notice_is_the_subject_and_the_link_within_two_segments(settings):
    settings.SITE_URL = "https://karavan.example"
    url = "https://karavan.example/tg/permits/application/123/"
    long_subject = "Karavan: ҳолати аризаи шумо (иҷозати кор) акнун «Тасдиқ шуд» " * 3
    body = f"Ҳуҷҷати шумо дода шуд.\n\nДар Karavan кушоед: {url}"
    text = notice_compose(long_subject, body)
    assert text.endswith("…\n" + url)  # the subject shortened, the link whole
    assert sms_length(text).segments == 2
    short = notice_compose("Karavan: approved", "Details. " + url)
    assert short == "Karavan: approved\n" + url and sms_length(short).segments == 1


@pytest.mark.django_db
def test_the_smpp_gateway_delivers_an_address_recipient_in_their_language(
    smsc, settings, django_capture_on_commit_callbacks
):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            event="licence_application.approve",
            recipients=[Address("sms", PHONE, "ky")],
            context={"number": "KG-LIC-7", "path": "/licensing/application/7/"},
        )
    [sms] = smsc.messages
    assert sms.destination == PHONE.lstrip("+") and sms.data_coding == 8
    assert sms.text.endswith("\n" + settings.SITE_URL + "/licensing/application/7/")
    assert sms.segments == 2  # 74 UCS-2 characters: two segments, joined again on the phone
    [delivery] = NotificationDelivery.objects.all()
    assert (delivery.user, delivery.channel, delivery.status) == (None, "sms", "sent")
    assert delivery.language == "ky" and delivery.answer == "smsc-1,smsc-2"
    assert PHONE not in delivery.address


@pytest.mark.django_db
def test_email_still_works_and_is_recorded(django_capture_on_commit_callbacks):
    worker = make_user("w@example.org", preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            event="licence_application.approve",
            recipients=[worker, "office@agency.example", Address("email", "W@example.org")],
            context={"number": "KZ-LIC-1"},
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["office@agency.example", "w@example.org"]
    records = {d.address: d for d in NotificationDelivery.objects.all()}
    assert set(records) == {"o…@agency.example", "w…@example.org"}
    mine = records["w…@example.org"]
    assert mine.user == worker and mine.status == "sent" and mine.answer.startswith("<")
    assert "KZ-LIC-1" in mine.body and records["o…@agency.example"].user is None


@pytest.mark.django_db
def test_a_person_hears_through_the_channels_they_chose(django_capture_on_commit_callbacks):
    LogSMSBackend.outbox.clear()
    both = make_user("both@example.org", phone=PHONE, phone_verified=True)
    assert user_channels(both) == ["email"]  # the default: e-mail when they gave one
    both.notification_channels = ["sms", "email"]
    both.save()
    phone_only = User.objects.create_user(phone="+996700000001", phone_verified=True)
    unverified = User.objects.create_user(phone="+996700000002")
    assert user_channels(phone_only) == ["sms"] and user_channels(unverified) == []
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            event="licence_application.approve",
            recipients=[both, phone_only, unverified],
            context={"number": "KZ-LIC-2"},
        )
    assert [m.to for m in mail.outbox] == [["both@example.org"]]
    assert sorted(phone for phone, _text in LogSMSBackend.outbox) == [PHONE, "+996700000001"]
    assert NotificationDelivery.objects.filter(user=unverified).count() == 0


class Pigeon:
    """A channel another app registers later (as Telegram does)."""

    sent: list = []

    def address_of(self, user):
        return f"loft-{user.pk}"

    def send(self, value, subject, body):
        Pigeon.sent.append((value, subject))
        return "coo"


@pytest.mark.django_db
def test_a_channel_registered_later_just_works(django_capture_on_commit_callbacks):
    register_channel("pigeon", Pigeon())
    try:
        worker = make_user("p@example.org", notification_channels=["pigeon"])
        with django_capture_on_commit_callbacks(execute=True):
            notify(
                event="licence_application.approve",
                recipients=[worker],
                context={"number": "KZ-LIC-3"},
            )
    finally:
        from portal.notifications import _CHANNELS

        _CHANNELS.pop("pigeon")
    assert Pigeon.sent == [(f"loft-{worker.pk}", Pigeon.sent[0][1])] and not mail.outbox
    assert NotificationDelivery.objects.get(user=worker).answer == "coo"


@pytest.mark.django_db
def test_the_https_gateway_sends_codes_and_notices_and_its_failures_are_retried(
    client, https_gateway, django_capture_on_commit_callbacks
):  # noqa: F811
    response = client.post(
        "/tg/accounts/signup/",
        {
            "phone": PHONE,
            "password1": "a-long-unusual-passphrase-42",
            "password2": "a-long-unusual-passphrase-42",
        },
    )
    headers, body = https_gateway.requests[-1]
    assert headers["Authorization"] == "Bearer gateway-token"
    assert body["to"] == PHONE and body["text"].startswith("Рамзи Karavan:")
    client.post(response["Location"], {"code": body["text"].rsplit(" ", 1)[-1]})
    user = User.objects.get(phone=PHONE)
    assert user.phone_verified and user.preferred_language == "tg"
    assert user.notification_channels == ["sms"]  # the channel they signed up with
    https_gateway.fail = 1
    with (
        override_settings(KARAVAN_NOTIFY_RETRY_DELAYS=[0]),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notify(
            event="licence_application.approve", recipients=[user], context={"number": "KZ-LIC-4"}
        )
    delivery = NotificationDelivery.objects.get(user=user)
    assert (delivery.status, delivery.attempts, delivery.answer) == ("sent", 2, "gw-3")
    assert https_gateway.requests[-1][1]["text"].startswith("Karavan")
