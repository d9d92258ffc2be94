"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server."""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def _chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.exists(candidate):
            return candidate
    pytest.fail("Debian's chromium is not installed; `make test` installs it.")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def is_csp_violation(text: str) -> bool:
    """Chromium's console words for a Content-Security-Policy refusal."""
    return "Content Security Policy" in text or text.startswith("Refused to")


def watch_console(context, *, every_error: bool = False) -> list[str]:
    """What went wrong in the pages of CONTEXT, as it happens: CSP refusals and uncaught
    script errors (with EVERY_ERROR, any console error, failed loads included)."""
    problems: list[str] = []

    def watch(page):
        page.on("console", lambda msg: problems.append(f"{page.url}: {msg.text}")
                if msg.type == "error" and (every_error or is_csp_violation(msg.text)) else None)
        page.on("pageerror", lambda exc: problems.append(f"{page.url}: {exc}"))

    for existing in context.pages:
        watch(existing)
    context.on("page", watch)
    return problems


def close_checked(*watched) -> None:
    """Close each (context, problems) pair, then fail on any problem seen in them."""
    for context, _problems in watched:
        context.close()
    problems = [p for _context, found in watched for p in found]
    assert not problems, "the browser refused or failed:\n" + "\n".join(problems)


@pytest.fixture
def page(browser, live_server):
    """A page of its own; the test fails on any CSP refusal or script error in it."""
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    problems = watch_console(context)
    page = context.new_page()
    yield page
    close_checked((context, problems))


def sign_in(page, username, password):
    """Sign in as a person does: the password, then the code from the authenticator (set
    up on the spot when the account must have one and has none). Codes come from
    tests/signin.py, read from the database this process shares with the live server."""
    from django.contrib.auth import get_user_model

    from tests.signin import code_for

    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    if "/tai-khoan/dang-nhap/ma-xac-thuc/" in page.url or "/tai-khoan/xac-thuc-hai-lop/" in page.url:
        user = get_user_model().objects.get(username=username)
        page.get_by_label("Mã xác thực").fill(code_for(user))
        page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_url("**/")


@pytest.fixture
def catalog_and_media(db, settings, tmp_path):
    """The award catalog loaded and uploads kept in a temporary folder."""
    from thidua.catalog import services as catalog_services

    settings.MEDIA_ROOT = tmp_path / "media"
    catalog_services.catalog_load()


@pytest.fixture
def open_as(browser, live_server):
    """A signed-in page per user, each in its own browser context (its own session)."""
    from tests.conftest import PASSWORD

    contexts = []

    def _open(username):
        context = browser.new_context(base_url=live_server.url, locale="vi-VN",
                                      viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        contexts.append((context, watch_console(context)))
        page = context.new_page()
        sign_in(page, username, PASSWORD)
        return page

    yield _open
    close_checked(*contexts)
