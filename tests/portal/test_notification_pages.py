"""A person reads what Karavan told them and chooses how; staff see the deliveries that failed."""

import pytest

from portal.models import AuditEvent, NotificationDelivery, User
from tests.conftest import give_totp, make_user

pytestmark = pytest.mark.django_db


def delivery(user, **fields):
    values = {
        "user": user,
        "channel": "sms",
        "address": "+992…67",
        "event": "x.y",
        "language": "tg",
        "subject": "Karavan: ҳолати аризаи шумо",
        "body": "Тасдиқ шуд",
        "status": "sent",
    }
    return NotificationDelivery.objects.create(**{**values, **fields})


def test_a_person_sees_their_own_notifications_in_their_account(client):
    worker = User.objects.create_user(
        phone="+992901234567", phone_verified=True, preferred_language="tg"
    )
    other = make_user("other@example.org")
    delivery(worker, url="http://testserver/tg/permits/application/5/")
    delivery(other, subject="Someone else's news", channel="email", language="en")
    client.force_login(worker)
    dashboard = client.get("/tg/dashboard/").content.decode()
    assert 'href="/tg/dashboard/notifications/"' in dashboard
    page = client.get("/tg/dashboard/notifications/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Karavan: ҳолати аризаи шумо" in html and "Тасдиқ шуд" in html
    assert "Someone else" not in html
    assert "SMS" in html and 'href="http://testserver/tg/permits/application/5/"' in html
    assert client.get("/tg/dashboard/notifications/", {"page": "²"}).status_code == 200


def test_a_person_chooses_among_the_channels_they_have_an_address_for(client):
    person = make_user("both@example.org", phone="+992901234567", phone_verified=True)
    client.force_login(person)
    form = client.get("/en/dashboard/").content.decode()
    assert 'value="email"' in form and 'value="sms"' in form and "checked" in form
    client.post("/en/dashboard/channels/", {"channels": ["sms"]})
    person.refresh_from_db()
    assert person.notification_channels == ["sms"]
    assert AuditEvent.objects.filter(action="user.notification_channels_set").count() == 1
    # A channel they have no address for (or none at all) is refused, the choice kept.
    for refused in ({"channels": ["telegram"]}, {}):
        response = client.post("/en/dashboard/channels/", refused, follow=True)
        assert "Choose at least one way to reach you" in response.content.decode()
    person.refresh_from_db()
    assert person.notification_channels == ["sms"]


def test_staff_see_failed_deliveries_filtered_by_status_and_channel(client, people):
    worker = people["worker"]
    delivery(
        worker, status="failed", answer="PDUError: (20) Message queue full", subject="Failed one"
    )
    delivery(worker, status="sent", channel="email", subject="Delivered one")
    admin = people["authority_admin"]
    give_totp(admin)
    client.force_login(admin)
    listing = client.get("/admin/notification_deliveries/", {"status": "failed", "channel": "sms"})
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "Failed one" in html and "Message queue full" in html and "Delivered one" not in html
    for who in ("officer", "worker"):
        user = people[who]
        give_totp(user)
        client.force_login(user)
        assert client.get("/admin/notification_deliveries/").status_code in (302, 403)
