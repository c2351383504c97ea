"""Fuzzing every input of every public and account page, generated from the URL conf.

Every route under the language prefix is fuzzed unless EXCLUDED names it with a reason
(`test_fuzz_coverage.py` fails on a route that is neither). For each route:

- the URL: the route's own regex generates path values (so `<int:pk>` gets huge numbers and
  `<str:number>` any text); routes with an object of the security world (tests/security/
  conftest.py) use that object's URL three times in four, to reach the code behind the lookup;
- the inputs: the names of every field of the forms the page renders for its user (parsed from
  the HTML), of every query parameter its own links carry, of every field of the form classes
  the view's module uses, and every `request.GET/POST["…"]` key its module reads;
- the users: anonymous, and each of worker, agency staff and officer who gets the page
  (not a redirect or a refusal); a page everyone gets is fuzzed as anonymous and as a worker;
- each example (200 per route): one of those users, one language of the seven, GET or
  POST, any subset of the inputs with arbitrary text (NUL, unicode digits, huge numbers, slashes, markup), in a savepoint that is
  rolled back, with the cache (rate limits) emptied.

An answer must not be a server error; a 4xx answer must carry its message in the page's
language (docs/security.md, "Fuzzing: every input of every view").
"""

import inspect
import re
from functools import cache
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from bs4 import BeautifulSoup
from django import forms
from django.conf import settings as django_settings
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

#: Examples per route (fixed, derandomized: the same inputs on every run); each example is
#: sent as one of the route's users (anonymous and those who get the page).
EXAMPLES = 200
SHARDS = 4

FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=list(HealthCheck),
)

#: Routes not fuzzed, and why.
EXCLUDED = {
    "account_logout": "signs the user out (later examples would run anonymous); reads only "
    "the CSRF token and allauth's `next`",
    "permits:payment_webhook": "the payment gateway's signed JSON endpoint, no page "
    "(tests/permits/ test its signature checks)",
    "wagtail_serve": "Wagtail's page tree: pages read no parameters (campaign search is "
    "info_campaigns:search, fuzzed)",
}

USERS = ("worker", "agency_a", "officer_kz")
CYRILLIC = {"ru", "kk", "ky", "tg"}
LANGS = [code for code, _name in django_settings.LANGUAGES]


# --- the routes ------------------------------------------------------------------------------


def _walk(patterns, prefix="", namespace="", i18n=False):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace + (f"{p.namespace}:" if p.namespace else "")
            if type(p.pattern).__name__ == "LocalePrefixPattern":
                yield from _walk(p.url_patterns, prefix, ns, True)
            else:
                yield from _walk(p.url_patterns, prefix + _regex_text(p.pattern), ns, i18n)
        elif isinstance(p, URLPattern) and i18n:
            yield namespace + (p.name or ""), prefix + _regex_text(p.pattern), p


def _regex_text(pattern) -> str:
    """The pattern's regex without its anchors."""
    text = pattern.regex.pattern
    text = text.removeprefix("^")
    for end in (r"\Z", "$"):
        text = text.removesuffix(end)
    return text


@cache
def routes() -> dict:
    """name -> (path regex below the language prefix, URLPattern) of every i18n route."""
    found = {}
    for name, regex, pattern in _walk(get_resolver().url_patterns):
        found.setdefault(name, (regex, pattern))
    return found


def fuzzed_names() -> list[str]:
    return sorted(name for name in routes() if name not in EXCLUDED)


def shard(index: int) -> list[str]:
    """Routes of one test file (files run in parallel under xdist --dist loadfile)."""
    return [name for i, name in enumerate(fuzzed_names()) if i % SHARDS == index]


def world_kwargs(name: str, world) -> dict | None:
    """URL kwargs naming an object of the world for routes that take one (see test_matrix)."""
    from .test_matrix import OBJECT_CASES

    extra = {
        "vacancies:vacancy_detail": lambda w: {"pk": w["job_order"].pk},
        "vacancies:vacancy_apply": lambda w: {"pk": w["job_order"].pk},
        "vacancies:vacancy_contract": lambda w: {"pk": w["job_order"].pk},
        "licensing:registry_agency": lambda w: {"pk": w["job_order"].agency.pk},
        "permits:apply": lambda w: {"kind_slug": "patent"},
        "portal:verify_number": lambda w: {"number": w["licence"].number},
        "licensing:application_step": lambda w: {
            "pk": w["licence_application"].pk,
            "step": "scope",
        },
    }
    if name in extra:
        return extra[name](world)
    for case in OBJECT_CASES:
        if case.name == name:
            return case.kwargs(world)
    return None


# --- the inputs ------------------------------------------------------------------------------

_READS = re.compile(r"\b(GET|POST)(?:\.get|\.getlist|\.pop)?\s*[(\[]\s*[\"']([\w\-\[\]]+)[\"']")


@cache
def source_inputs(pattern) -> tuple[frozenset, frozenset]:
    """GET and POST names the view's code reads, and the fields of the forms it names."""
    callback = pattern.callback
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback
    view = inspect.unwrap(view)
    module = inspect.getmodule(view)
    try:
        source = inspect.getsource(view)
    except (OSError, TypeError):
        source = ""
    get, post = set(), set()
    for method, key in _READS.findall(source):
        (get if method == "GET" else post).add(key)
    classes = [getattr(view, "form_class", None)]
    classes += [
        value
        for key, value in vars(module).items()
        if isinstance(value, type) and re.search(rf"\b{key}\b", source)
    ]
    for owner, attribute in re.findall(r"\b(\w+)\.([A-Z]\w*)", source):  # forms.SomeForm
        classes.append(getattr(vars(module).get(owner), attribute, None))
    for cls in classes:
        if isinstance(cls, type) and issubclass(cls, forms.BaseForm):
            fields = getattr(cls, "base_fields", {})
            post.update(fields)
            get.update(fields)
    return frozenset(get), frozenset(post)


def page_inputs(path: str, html: bytes) -> tuple[set, set]:
    """GET and POST names of the page's own forms (action: this page) and links."""
    get, post = set(), set()
    soup = BeautifulSoup(html, "html.parser")
    for form in soup.find_all("form"):
        action = urlsplit(form.get("action") or path).path or path
        if action != path:
            continue
        names = {
            field.get("name") for field in form.find_all(["input", "select", "textarea", "button"])
        }
        names.discard(None)
        names.discard("csrfmiddlewaretoken")
        (post if (form.get("method") or "get").lower() == "post" else get).update(names)
    for link in soup.find_all("a", href=True):
        parts = urlsplit(link["href"])
        if parts.query and (parts.path or path) == path:
            get.update(key for key, _value in parse_qsl(parts.query, keep_blank_values=True))
    return get, post


# --- the values ------------------------------------------------------------------------------

TRICKY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "²",
    "٣",
    "１２",
    "-",
    ".",
    "-.",
    "+",
    "1e309",
    "NaN",
    "inf",
    "-0",
    "0x1F",
    "9" * 40,
    "-" + "9" * 40,
    "a/b",
    "/",
    "../../etc/passwd",
    "%00",
    "%2F",
    "\\",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "{{ 7|add:7 }}",
    "2026-02-30",
    "31.12.9999",
    "null",
    "true",
    "[]",
    "{}",
    "\u202e",
    "\ufeff",
    "ﬀ",
    "İ",
    "ß" * 300,
    "x" * 5000,
    "https://evil.example/",
    "//evil.example",
    "javascript:alert(1)",
    "1;2",
    "1,5",
    "0",
    "-1",
    "2147483648",
    "9223372036854775808",
]

#: Strings of digits that Python's str.isdigit() accepts and int() may not (superscripts,
#: circled digits) mixed with ASCII, Arabic-Indic and full-width ones.
DIGITS = st.text(st.sampled_from("0123456789²³¹①٣١２۵"), min_size=1, max_size=6)

VALUES = st.one_of(
    st.sampled_from(TRICKY),
    DIGITS,
    st.text(max_size=60),
    st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=12),
    st.integers(-(10**40), 10**40).map(str),
    st.lists(st.sampled_from(["a", "/", "..", "²", "\x00", "1", "-", "."]), max_size=8).map(
        "".join
    ),
)


def params(names) -> st.SearchStrategy:
    names = sorted(names)
    if not names:
        return st.just({})
    return st.dictionaries(
        st.sampled_from(names),
        st.lists(VALUES, min_size=1, max_size=2),
        min_size=1,
        max_size=len(names),
    )


# --- the checks ------------------------------------------------------------------------------


@cache
def translated_strings(lang: str) -> tuple[str, ...]:
    """Strings of the language's catalogue that differ from their English source."""
    catalog = translation.trans_real.translation(lang)._catalog
    return tuple(
        sorted(
            {
                str(text)
                for key, text in catalog.items()
                if isinstance(key, str)
                and isinstance(text, str)
                and len(text) >= 6
                and text != key
                and "%" not in text
                and "{" not in text
            }
        )
    )


_LANG = re.compile(rb'<html[^>]*\blang="([^"]*)"')
_MAIN = re.compile(rb"<main\b[^>]*>(.*)</main>", re.S)
_TAGS = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]+>", re.S)
_CYRILLIC_WORD = re.compile("[А-Яа-яЁёҚқҒғҢңӨөҮүҰұҺһІіҶҷӮӯ]{3}")


def message_problem(response, lang: str) -> str | None:
    """Why a 4xx answer does not carry a message in the page's language (None: it does)."""
    import html
    import json

    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "json" in content_type:
        detail = str(json.loads(body or b"{}").get("detail") or "")
        return None if detail else "a JSON error without a detail"
    if "html" not in content_type:
        return f"a {content_type or 'bodiless'} answer, not a page"
    found = _LANG.search(body)
    if not found or found.group(1).decode() != lang:
        return f"the page's language is {found and found.group(1)!r}"
    main = _MAIN.search(body)
    text = html.unescape(_TAGS.sub(" ", main.group(1).decode())) if main else ""
    text = " ".join(text.split())
    if not text:
        return "no message"
    if lang in CYRILLIC and not _CYRILLIC_WORD.search(text):
        return f"no {lang} text in the message: {text[:200]!r}"
    if lang != "en" and not any(s in text for s in translated_strings(lang)):
        return f"no {lang} text in the message: {text[:200]!r}"
    return None


# --- the run ---------------------------------------------------------------------------------


def _client(user):
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def fuzz_route(name: str, world) -> None:
    """Fuzz one route as anonymous and as each user who gets the page."""
    regex, pattern = routes()[name]
    kwargs = world_kwargs(name, world)
    real = None
    if kwargs is not None or (not pattern.pattern.converters and "(?P" not in regex):
        with translation.override("en"):
            real = reverse(name, kwargs=kwargs or {}).split("/", 2)[2]  # below /<lang>/
    users = world["users"]
    clients = {role: _client(users.get(role)) for role in ("anonymous", *USERS)}
    get_names, post_names = set(), set()
    relevant = ["anonymous"]
    downloads = False
    if real is not None:
        url = "/en/" + real
        public = False
        for role, client in clients.items():
            response = client.get(url)
            ok = response.status_code in (200, 405)
            if role == "anonymous":
                public = ok
            elif ok and (not public or role == "worker"):
                relevant.append(role)
            if ok and response.status_code == 200 and "html" not in response["Content-Type"]:
                downloads = True
            if ok and "html" in response.get("Content-Type", ""):
                found_get, found_post = page_inputs(url, response.content)
                get_names |= found_get
                post_names |= found_post
    if len(relevant) == 1:
        relevant.append("worker")  # nobody of ours gets it: still try a signed-in user
    found_get, found_post = source_inputs(pattern)
    get_names |= found_get
    post_names |= found_post
    all_names = get_names | post_names

    path_values = st.from_regex(regex, fullmatch=True).map(lambda s: quote(s, safe="/"))
    # The object's own URL three times in four: deeper code runs behind the lookup. Downloads
    # (PDF certificates, CSV, JSON) are slow to build and read no input but the path: one in ten.
    share = 1 if downloads else 3
    paths = (
        path_values
        if real is None
        else st.integers(0, 3 if share == 3 else 9).flatmap(
            lambda i: st.just(real) if i < share else path_values
        )
    )
    example = st.fixed_dictionaries(
        {
            "lang": st.sampled_from(LANGS),
            "path": paths,
            "method": st.sampled_from(["get", "post"]),
            "query": params(get_names or all_names),
            "body": params(all_names),
        }
    )

    _fuzz(name, {role: clients[role] for role in relevant}, example)


def _fuzz(name, clients, example) -> None:
    from django.core.cache import cache as django_cache

    @FUZZ_SETTINGS
    @given(st.sampled_from(sorted(clients)), example)
    def run(role, ex):
        django_cache.clear()  # rate limits would answer 429 before the view reads anything
        client = clients[role]
        query = urlencode(ex["query"], doseq=True)
        url = f"/{ex['lang']}/{ex['path']}" + (f"?{query}" if query else "")
        with transaction.atomic():
            if ex["method"] == "get":
                response = client.get(url)
            else:
                response = client.post(url, data=ex["body"])
            transaction.set_rollback(True)
        status = response.status_code
        where = f"{name}: {role} {ex['method'].upper()} {url} body={ex['body']!r}"
        assert status < 500, f"{status} for {where}"
        if 400 <= status < 500:
            problem = message_problem(response, ex["lang"])
            assert problem is None, f"{status} for {where}: {problem}"

    run()
