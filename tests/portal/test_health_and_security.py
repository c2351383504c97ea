"""/healthz, check --deploy under production settings, CSP, demo data refused in production."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "DJANGO_SECRET_KEY": "x" * 20 + "a-real-long-random-secret-for-the-deploy-check-" + "y" * 20,
    "DJANGO_ALLOWED_HOSTS": "karavan.example.org",
    "KARAVAN_FIELD_KEY": "nK3bq3mmTiq2wY5pZ8fCqYk0x7Lw9mXz3gGsq9v2h4E=",
    "DATABASE_URL": "sqlite:////tmp/karavan-deploy-check.sqlite3",
}


def _manage(*args, env_extra):
    env = {**os.environ, **env_extra}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.django_db
def test_healthz_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up", "cache": "up"}


def test_healthz_down_when_the_database_does_not_answer():
    """A real unreachable database (nothing listens on port 1), in a separate process."""
    code = (
        "import django;django.setup();from django.test import Client;"
        "r=Client().get('/healthz');print(r.status_code, r.content.decode())"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    status, body = out.stdout.strip().split(" ", 1)
    assert status == "503"
    assert json.loads(body)["database"] == "down"


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env_extra=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = _manage("check", env_extra={**env, "DJANGO_SECRET_KEY": ""})
    assert result.returncode != 0


def test_demo_data_is_refused_under_production_settings():
    result = _manage("load_demo_data", env_extra=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "refused under production settings" in result.stderr


@pytest.mark.django_db
def test_public_pages_carry_a_strict_csp(client):
    csp = client.get("/ru/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp


@pytest.mark.django_db
def test_public_shell_is_light(client):
    css = (ROOT / "static/css/site.css").read_bytes()
    assert len(css) <= 15 * 1024
    assert b"<script" not in client.get("/ru/").content


@pytest.mark.django_db
def test_data_licence_page_gives_the_attributions(client):
    html = client.get("/en/data-licence/").content.decode()
    assert "This service uses the ESCO classification of the European Commission" in html
    assert "ISCO-08, International Labour Organization" in html
