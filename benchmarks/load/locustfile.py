"""Locust scenario for `make load` and `make faults` (run by run_load.py / run_faults.py, which
pass what to request in LOAD_TARGETS, JSON).

- AnonymousVisitor: the public site in Russian and one national language — home, a guide,
  vacancy search with filters, a vacancy, the agency registry, verification by number,
  campaign search.
- Worker, AgencyStaff: sign in through the real login form (CSRF), then their own pages.
- BareCeiling: the bare view only, no wait (the ceiling); CachedPages: the cached public pages
  only, no wait (compared with the ceiling).
- Complainant (faults only): files anonymous complaints and records every tracking code it was
  answered with, in LOAD_SUBMISSIONS_FILE.
"""

from __future__ import annotations

import json
import os
import random
import re

from locust import FastHttpUser, between, constant, events, task

TARGETS = json.loads(os.environ.get("LOAD_TARGETS", "{}"))
PASSWORD = "karavan-demo-2026"  # noqa: S105 — the demo accounts' published password
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
TRACKING = re.compile(rb'class="tracking-code">([^<]+)<')
LANGUAGES = ["ru", "ru", "tg", "ky", "uz", "en"]
REQUEST_LOG = os.environ.get("LOAD_REQUEST_LOG")


if REQUEST_LOG:
    _request_log = open(REQUEST_LOG, "a", buffering=1)  # noqa: SIM115 — open for the run

    @events.request.add_listener
    def _log_request(
        request_type, name, response_time, response=None, exception=None, start_time=None, **_kwargs
    ):
        """One line per request (start time, status, type) for the fault timeline."""
        status = getattr(response, "status_code", 0) or 0
        _request_log.write(f"{start_time or 0:.3f}\t{status}\t{name}\n")


#: Share of each public page type in a visit.
PAGE_MIX = [
    ("home", 0.15),
    ("guide", 0.15),
    ("vacancy search (filters)", 0.20),
    ("vacancy page", 0.15),
    ("registry", 0.13),
    ("verify by number", 0.12),
    ("campaign search", 0.10),
]


def _public(user, lang: str) -> None:
    """One public page, picked like a visitor would; TARGETS["public"][type][lang] lists the
    addresses (run_load.py builds them and warms the cache with each one)."""
    name = random.choices([n for n, _s in PAGE_MIX], weights=[s for _n, s in PAGE_MIX])[0]
    user.client.get(random.choice(TARGETS["public"][name][lang]), name=name)


class AnonymousVisitor(FastHttpUser):
    weight = 6
    wait_time = between(1, 3)

    def on_start(self):
        self.lang = random.choice(LANGUAGES)

    @task
    def browse(self):
        _public(self, self.lang)


class _SignedIn(FastHttpUser):
    abstract = True
    email = ""
    wait_time = between(1, 3)

    def on_start(self):
        page = self.client.get("/ru/accounts/login/", name="sign in (form)")
        token = CSRF.search(page.content or b"")
        with self.client.post(
            "/ru/accounts/login/",
            name="sign in (post)",
            catch_response=True,
            data={
                "csrfmiddlewaretoken": token.group(1).decode() if token else "",
                "login": self.email,
                "password": PASSWORD,
            },
            headers={"Referer": f"{self.host}/ru/accounts/login/"},
            allow_redirects=False,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in answered {response.status_code}")


class Worker(_SignedIn):
    weight = 2
    email = "worker@demo.karavan.kz"

    @task(3)
    def profile(self):
        self.client.get("/ru/profile/", name="worker: profile")

    @task(2)
    def vacancies_for_you(self):
        self.client.get("/ru/vacancies-for-you/", name="worker: vacancies for you")

    @task(2)
    def my_applications(self):
        self.client.get("/ru/profile/applications/", name="worker: my applications")


class AgencyStaff(_SignedIn):
    weight = 2

    def on_start(self):
        self.email = random.choice(["agency.staff@demo.karavan.kz", "agency.admin@demo.karavan.kz"])
        super().on_start()

    @task(1)
    def agency_home(self):
        self.client.get("/ru/agency/", name="agency: home")

    @task(2)
    def job_orders(self):
        self.client.get("/ru/agency/job-orders/", name="agency: job orders")


class BareCeiling(FastHttpUser):
    wait_time = constant(0)

    @task
    def bare(self):
        self.client.get("/loadtest/bare", name="bare view (ceiling)")


class CachedPages(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.lang = random.choice(LANGUAGES)

    @task
    def page(self):
        _public(self, self.lang)


class Complainant(FastHttpUser):
    """Files an anonymous complaint about every 2 s; records every code it was answered with."""

    wait_time = between(1, 3)

    @task
    def complain(self):
        form = self.client.get("/en/complaints/new/", name="complaint (form)")
        token = CSRF.search(form.content or b"") if form.status_code == 200 else None
        if not token:
            return
        response = self.client.post(
            "/en/complaints/new/",
            name="complaint (post)",
            headers={"Referer": f"{self.host}/en/complaints/new/"},
            data={
                "csrfmiddlewaretoken": token.group(1).decode(),
                "country": "KZ",
                "category": "fees",
                "is_anonymous": "on",
                "agency_name": "Load test recruiter",
                "currency": "USD",
                "description": "Load test: asked for a fee before departure.",
            },
        )
        if response.status_code == 200 and "/complaints/filed/" in (response.url or ""):
            code = TRACKING.search(response.content or b"")
            if code:
                with open(os.environ["LOAD_SUBMISSIONS_FILE"], "a") as out:
                    out.write(code.group(1).decode() + "\n")
