"""Every page a demo account reaches speaks the officer's language (issue 13).

As each demo account of the `small` preset, walk from the dashboard breadth-first through
every link, htmx GET and GET form a page offers, and read each page as its user does
(`tests.page_words`). A page fails on an award kind or rating code, a snake_case
identifier, a note about our research, an English word, a date in ISO form, any 500, and
a link that leads to a 404. The walk keeps a few addresses of each URL name (different
arguments), so it takes seconds per account and still sees every kind of page.
"""

import re
import time
from collections import Counter, deque
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

from tests.page_words import check, read
from thidua.catalog.models import AwardKind
from thidua.demo.accounts import USERNAMES
from thidua.demo.generator import seed
from thidua.people.models import Rating
from thidua.printing import merge_fields

PAGES_PER_ACCOUNT = 600
ADDRESSES_PER_NAME = 3  # distinct addresses kept per URL name (another record, another filter)
# Addresses never visited, each for its reason.
NOT_VISITED = {
    "logout",  # signs the account out: the walk would continue as nobody
}
# Pages where codes may be shown inside <code>: the catalog's own administration, whose
# code column is the stable key the administrator edits and the importer files name.
CODES_SHOWN = {"catalog:list", "catalog:detail"}
# The names an officer writes into a certificate layout ({name}) or a Word template
# ({{ signer_name }}, a loop's `name, position_unit`, a filter such as ngay_thang_nam): the
# printer fills them by these names, and the page lists each beside its Vietnamese meaning.
MERGE_FIELDS = re.compile(r"\{\{?[^{}]*\}\}?|" + r"\b(?:" + "|".join(sorted(
    {word for kind in merge_fields.BY_KIND for key, help in merge_fields.fields_for(kind)
     for word in [key, *re.findall(r"[a-z][a-z_]*", str(help))]}
    | {"vnd", "ngay", "ngay_thang_nam", "bang_chu", "hai_so"}, key=len, reverse=True)) + r")\b")
STRIPPED = {"printing:layout": (MERGE_FIELDS,), "printing:template_upload": (MERGE_FIELDS,)}
# “CSTT” is also how officers abbreviate Chiến sĩ tiên tiến: the registration sheet counts
# each title under its usual abbreviation (LĐTT, CSTT, CSTĐCS), which this one shares with its code.
ABBREVIATIONS = {("registrations:sheet", "CSTT"), ("registrations:summary", "CSTT")}

# Links that lead to our 404 page, as (page, page it is linked from): none is allowed.
BROKEN_LINKS: set[tuple[str | None, str | None]] = set()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The small demo province, seeded once for this module and rolled back after it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            seed("small")
            codes = frozenset(AwardKind.objects.values_list("code", flat=True)) | frozenset(Rating.values)
            usernames = frozenset(get_user_model().objects.values_list("username", flat=True))
            yield {"codes": codes, "usernames": usernames}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def _next(base: str, href: str) -> str | None:
    """The same-site address HREF on page BASE points to, or None."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    parts = urlsplit(urljoin("http://testserver" + base, href))
    if parts.netloc != "testserver" or parts.path.startswith(("/static/", "/media/")):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _exempt(name: str | None, offending: str) -> bool:
    return (name, offending) in ABBREVIATIONS


@dataclass(frozen=True)
class Problem:
    name: str | None  # the URL name of the page
    address: str
    referrer: str
    what: str
    offending: str = ""
    context: str = ""


def crawl(client: Client, *, codes, usernames) -> tuple[list[Problem], int]:
    """Walk from the dashboard; return the problems found and the number of pages read."""
    problems: list[Problem] = []
    seen: set[str] = set()
    kept: Counter = Counter()
    queue = deque([("/", "/", False)])  # (address, page it was found on, asked by htmx)
    pages = 0
    while queue and pages < PAGES_PER_ACCOUNT:
        address, referrer, htmx = queue.popleft()
        name, referrer_name = _name(urlsplit(address).path), _name(urlsplit(referrer).path)
        if address in seen or name in NOT_VISITED:
            continue
        seen.add(address)
        if kept[name] >= ADDRESSES_PER_NAME:
            continue
        kept[name] += 1
        pages += 1
        response = client.get(address, headers={"HX-Request": "true"} if htmx else {})
        if response.status_code >= 500 or (response.status_code == 404 and (name, referrer_name) not in BROKEN_LINKS):
            error = getattr(response, "exc_info", None)
            problems.append(Problem(name, address, referrer, f"HTTP {response.status_code}",
                                    context=repr(error[1]) if error else "a link to nowhere"))
            continue
        if response.status_code in (301, 302, 303):
            target = _next(address, response["Location"])
            if target:
                queue.append((target, address, False))
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue  # a refusal is our 403 page (test_error_pages); a download is not read
        page = read(response.content.decode())
        for found in check(page, codes=codes, allowed=usernames, codes_in_code_elements=name in CODES_SHOWN,
                           also_stripped=STRIPPED.get(name, ())):
            if not _exempt(name, found.offending):
                problems.append(Problem(name, address, referrer, found.what, found.offending, found.context))
        for href in page.links:
            target = _next(address, href)
            if target and target not in seen:
                queue.append((target, address, href in page.htmx))
    return problems, pages


def report(username: str, problems: list[Problem]) -> str:
    """One line per (page name, rule, text), with the first place it was seen and its context."""
    first: dict[tuple, Problem] = {}
    count: Counter = Counter()
    for p in problems:
        key = (p.name, p.what, p.offending)
        first.setdefault(key, p)
        count[key] += 1
    lines = [f"{username}: {len(first)} distinct problems"]
    for key, p in first.items():
        lines.append(f"  [{p.name}] {p.what} “{p.offending}” ×{count[key]} at {p.address} (from {p.referrer}): "
                     f"…{p.context}…")
    return "\n".join(lines)


@pytest.mark.django_db
@pytest.mark.parametrize("username", USERNAMES)
def test_every_page_a_demo_account_reaches_speaks_vietnamese(demo, username):
    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username=username))
    started = time.monotonic()
    problems, pages = crawl(client, codes=demo["codes"], usernames=demo["usernames"])
    seconds = time.monotonic() - started
    print(f"{username}: {pages} pages in {seconds:.1f} s")
    assert pages > 20, f"{username} reached only {pages} pages"
    assert not problems, report(username, problems)
