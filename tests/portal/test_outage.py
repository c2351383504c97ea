"""A database outage answers a plain, translated 503 page with Retry-After (docs/reliability.md)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A real unreachable database (nothing listens on port 1), in a separate process, like the
# /healthz test; DEBUG off as in production, so handler500 answers.
_CODE = """
import django, json
django.setup()
from django.test import Client
out = []
for url in {urls!r}:
    r = Client(raise_request_exception=False).get(url)
    out.append({{"status": r.status_code, "retry": r.headers.get("Retry-After"),
                "body": r.content.decode()}})
print(json.dumps(out))
"""


def _get_while_database_is_down(*urls):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
    }
    out = subprocess.run(
        [sys.executable, "-c", _CODE.format(urls=list(urls))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_pages_answer_a_translated_503_with_retry_after_while_the_database_is_down():
    english, russian = _get_while_database_is_down("/en/vacancies/", "/ru/registry/")
    for answer in (english, russian):
        assert answer["status"] == 503
        assert int(answer["retry"]) > 0
        assert "Traceback" not in answer["body"] and "OperationalError" not in answer["body"]
    assert '<html lang="en"' in english["body"]
    assert "Service temporarily unavailable" in english["body"]
    assert "Nothing you saved before is lost" in english["body"]
    assert '<html lang="ru"' in russian["body"]
    assert 'href="/ru/"' in russian["body"]


def test_the_api_answers_a_503_problem_while_the_database_is_down():
    (answer,) = _get_while_database_is_down("/api/v1/vacancies/")
    assert answer["status"] == 503 and int(answer["retry"]) > 0
    body = json.loads(answer["body"])
    assert (body["status"], body["code"]) == (503, "service_unavailable")
    assert "Traceback" not in answer["body"]


def test_other_server_errors_stay_500(rf, settings):
    """Only database outages become 503: a bug is still a plain 500, not "try again later"."""
    from portal.views import server_error

    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/en/"))
    assert response.status_code == 500
    assert "Retry-After" not in response.headers
