"""Request bodies over the limit are refused from their headers, before any of it is read."""

import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from licensing.models import Complaint

pytestmark = pytest.mark.django_db

FORTY_MB = 40 * 1024 * 1024


def test_a_40_mb_anonymous_upload_is_refused_in_the_page_language(client, private_storage_in_tmp):
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * FORTY_MB)
    response = client.post(
        "/ru/complaints/new/",
        {
            "country": "KZ",
            "category": "fees",
            "description": "x",
            "agency_name": "y",
            "is_anonymous": "on",
            "evidence": [big],
        },
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "25 МБ" in html and 'lang="ru"' in html
    assert not Complaint.objects.exists()
    stored = Path(private_storage_in_tmp.location)
    assert not (stored.exists() and [p for p in stored.rglob("*") if p.is_file()])


def test_the_server_answers_before_the_body_is_sent(live_server):
    """A client announcing 40 MB gets its 413 after sending 64 KB: nothing waits for (or
    reads, or stores) the rest."""
    url = urlsplit(live_server.url)
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall(
            b"POST /en/complaints/new/ HTTP/1.1\r\nHost: localhost\r\n"
            b"Content-Type: multipart/form-data; boundary=xyz\r\n"
            b"Content-Length: %d\r\n\r\n" % FORTY_MB + b"--xyz\r\n" + b"0" * 65536
        )
        started = time.monotonic()
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert time.monotonic() - started < 5


def test_a_streamed_body_without_length_is_refused(client):
    response = client.post(
        "/en/complaints/new/",
        data=b"x" * 10,
        content_type="application/octet-stream",
        HTTP_TRANSFER_ENCODING="chunked",
    )
    assert response.status_code == 411
    assert "Content-Length" in response.content.decode()


def test_the_api_refuses_with_problem_json(client):
    response = client.post(
        "/api/v1/registry/agencies/",
        data=b"{}",
        content_type="application/json",
        CONTENT_LENGTH=str(FORTY_MB),
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "body_too_large"


def test_bodies_under_the_limit_still_reach_the_form(client):
    response = client.post("/en/complaints/new/", {"country": "KZ"})
    assert response.status_code == 400  # the form's own answer: fields missing
