"""The production stack (`make stack`, deploy/) smoke-tested through nginx.

nginx with TLS in front of two gunicorn instances, two task workers and the scheduler, on
PostgreSQL and Redis, with production settings: pages, static files, a sign-in, an upload, a
background job finishing, and the client address as the app records it behind
KARAVAN_TRUSTED_PROXIES=1. Needs PostgreSQL (DATABASE_URL) and Debian's nginx.
"""

import io
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
import requests
from bs4 import BeautifulSoup
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")

pytestmark = [
    pytest.mark.stack,
    pytest.mark.skipif(
        not DATABASE_URL.startswith("postgres"),
        reason="the production stack needs PostgreSQL (DATABASE_URL)",
    ),
    pytest.mark.skipif(
        shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists(),
        reason="needs Debian's nginx (apt-get install nginx-light)",
    ),
]


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/") + "_stack"
    with psycopg.connect(DATABASE_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    database = parts._replace(path="/" + name).geturl()
    env = dict(
        os.environ,
        DATABASE_URL=database,
        REDIS_URL="redis://127.0.0.1:6379/14",
        STACK_DIR=str(tmp_path_factory.mktemp("stack")),
        STACK_PORT="8443",
    )
    env.pop("DJANGO_SETTINGS_MODULE", None)
    script = [sys.executable, str(ROOT / "deploy" / "stack.py")]
    started = subprocess.run(
        [*script, "start"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800
    )
    try:
        assert started.returncode == 0, started.stdout[-3000:] + started.stderr[-3000:]
        yield {
            "url": started.stdout.strip().splitlines()[-1],
            "env": env,
            "database": database,
            "certificate": str(Path(env["STACK_DIR"]) / "tls.crt"),
        }
    finally:
        subprocess.run([*script, "stop"], cwd=ROOT, env=env, timeout=60)


def _session(stack) -> requests.Session:
    """A client that trusts the stack's own certificate (and no CA bundle from the environment)."""
    session = requests.Session()
    session.trust_env = False
    session.verify = stack["certificate"]
    return session


def _form(session, url) -> tuple[BeautifulSoup, dict]:
    page = session.get(url, timeout=30)
    assert page.status_code == 200, page.status_code
    soup = BeautifulSoup(page.text, "html.parser")
    hidden = {
        field["name"]: field.get("value", "")
        for field in soup.select("form input[type=hidden]")
        if field.get("name")
    }
    return soup, hidden


def test_pages_static_files_and_health_through_nginx(stack):
    session = _session(stack)
    health = session.get(stack["url"] + "/healthz", timeout=30)
    assert health.status_code == 200 and health.json()["status"] == "ok"
    for path in ("/ru/", "/tg/vacancies/", "/ru/registry/", "/kk/verify/"):
        page = session.get(stack["url"] + path, timeout=30)
        assert page.status_code == 200, path
    home = session.get(stack["url"] + "/ru/", timeout=30).text
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home).group(1)
    asset = session.get(stack["url"] + stylesheet, timeout=30)
    assert asset.status_code == 200 and "immutable" in asset.headers["Cache-Control"]
    # Plain HTTP is not served: nginx refuses it on the TLS port.
    plain = session.get(stack["url"].replace("https://", "http://") + "/healthz", timeout=5)
    assert plain.status_code == 400 and "status" not in plain.text


def test_sign_in_through_nginx_and_the_client_address_the_app_records(stack):
    session = _session(stack)
    login = stack["url"] + "/ru/accounts/login/"
    _soup, hidden = _form(session, login)
    answer = session.post(
        login,
        data={**hidden, "login": "worker@demo.karavan.kz", "password": "karavan-demo-2026"},
        # What a client claims about itself is not trusted: nginx appends
        # the address it sees, and the app reads that one.
        headers={"Referer": login, "X-Forwarded-For": "203.0.113.77"},
        timeout=30,
    )
    assert answer.status_code == 200 and "/accounts/login/" not in answer.url
    assert session.cookies.get("sessionid") and any(c.secure for c in session.cookies)
    dashboard = session.get(stack["url"] + "/ru/dashboard/", timeout=30)
    assert dashboard.status_code == 200 and "/accounts/login/" not in dashboard.url
    with psycopg.connect(stack["database"]) as db:
        addresses = {
            row[0]
            for row in db.execute(
                "SELECT s.ip::text FROM usersessions_usersession s JOIN portal_user u"
                " ON u.id = s.user_id WHERE u.email = 'worker@demo.karavan.kz'"
            )
        }
    assert {address.split("/")[0] for address in addresses} == {"127.0.0.1"}


def test_an_upload_through_nginx(stack):
    session = _session(stack)
    url = stack["url"] + "/ru/complaints/new/"
    soup, hidden = _form(session, url)
    category = soup.select_one("input[name=category]")["value"]
    country = next(o["value"] for o in soup.select("select[name=country] option") if o.get("value"))
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(picture, format="PNG")
    answer = session.post(
        url,
        data={
            **hidden,
            "agency_name": "Stack smoke test recruiter",
            "country": country,
            "category": category,
            "description": "Took a fee and disappeared.",
            "is_anonymous": "on",
        },
        files={"evidence": ("receipt.png", picture.getvalue(), "image/png")},
        headers={"Referer": url},
        timeout=60,
    )
    assert answer.status_code == 200 and "/complaints/filed/" in answer.url
    with psycopg.connect(stack["database"]) as db:
        (evidence,) = db.execute(
            "SELECT count(*) FROM licensing_complaintevidence e JOIN licensing_complaint c"
            " ON e.complaint_id = c.id WHERE c.description = 'Took a fee and disappeared.'"
        ).fetchone()
    assert evidence == 1


def test_a_background_job_finishes_on_the_stack_workers(stack):
    def manage(*args):
        return subprocess.run(
            [sys.executable, "deploy/stack.py", "manage", *args],
            cwd=ROOT,
            env=stack["env"],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout

    task_id = re.search(r"enqueued: (\S+)", manage("licensing_daily")).group(1)
    check = (
        "from licensing.tasks import licensing_daily_task as t; "
        f"print(t.get_result('{task_id}').status)"
    )
    deadline = time.monotonic() + 120
    status = ""
    while time.monotonic() < deadline:
        status = manage("shell", "--no-imports", "-c", check).strip()
        if status in ("SUCCESSFUL", "FAILED"):
            break
        time.sleep(2)
    assert status == "SUCCESSFUL"
