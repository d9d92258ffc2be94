"""The strict Content-Security-Policy holds on the main pages of every role (issue 10, D).

Every response carries the policy (no inline script, no eval, no inline style), and the
pages work under it: the small demo province is seeded, each demo account opens its
menu's pages and one record of each kind it can see, and the test fails on any console
error (Chromium reports a CSP refusal as "Refused to …") or uncaught script error.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import close_checked, sign_in, watch_console
from thidua.demo.accounts import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The menu's pages every signed-in role may open, and those open to some roles only (the
# others are refused, as the scope tests check).
MENU = ["/", "/don-vi/", "/ca-nhan/", "/phong-trao/", "/don-vi/khoi/", "/giao-uoc/", "/ho-so/", "/hoi-dong/",
        "/quyet-dinh/", "/van-ban/", "/viec-can-lam/", "/tim-kiem/?q=nguyen", "/ho-so/lay-y-kien/"]
ALLOWED = {
    "admin": ["/dang-ky/", "/in/", "/nhap-excel/", "/quyet-dinh/quy/", "/tai-khoan/quan-tri/",
              "/danh-muc-khen-thuong/"],
    "thuky": ["/dang-ky/", "/in/", "/nhap-excel/", "/quyet-dinh/quy/"],
    "canbo_snv": ["/dang-ky/", "/nhap-excel/"],
    "thutruong_snv": ["/dang-ky/"],
}
RECORDS = [("/don-vi/", r"^/don-vi/\d+/$"), ("/ca-nhan/", r"^/ca-nhan/\d+/$"),
           ("/phong-trao/", r"^/phong-trao/\d+/$"), ("/ho-so/", r"^/ho-so/\d+/$"),
           ("/dang-ky/", r"^/dang-ky/ban-dang-ky/\d+/$"), ("/giao-uoc/", r"^/giao-uoc/\d+/$"),
           ("/in/bo-cuc/", r"^/in/bo-cuc/\d+/\w+/$"), ("/hoi-dong/", r"^/hoi-dong/\d+/$")]
ROLES = ["admin", "thuky", "canbo_snv", "thutruong_snv", "hoidong", "khoitruong"]


@pytest.fixture
def province(db, settings, tmp_path):
    from thidua.demo.generator import seed

    settings.MEDIA_ROOT = tmp_path / "media"
    return seed("small")


def first_link(page, listing: str, pattern: str) -> str | None:
    """The first link matching PATTERN on the page LISTING, as the signed-in user sees it
    (None where the role may not open the list or it is empty)."""
    response = page.request.get(listing)
    if response.status != 200:
        return None
    hrefs = re.findall(r'<a [^>]*href="([^"]+)"', response.text())
    return next((h.replace("&amp;", "&") for h in hrefs if re.match(pattern, h.split("?")[0])), None)


def visit(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, f"{url}: {response.status}"
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe" not in policy, policy
    expect(page.locator("main")).not_to_be_empty()
    # htmx panels loaded on "load" have answered (an error would show in the console).
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


def test_every_role_s_pages_run_under_the_strict_policy(browser, live_server, province):
    """One run over the roles (the province is seeded once): each in a context of its own."""
    for username in ROLES:
        context = browser.new_context(base_url=live_server.url, locale="vi-VN",
                                      viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        problems = watch_console(context, every_error=True)
        page = context.new_page()
        sign_in(page, username, DEMO_PASSWORD)
        seen = []
        for url in MENU + ALLOWED.get(username, []):
            visit(page, url)
            seen.append(url)
        for listing, pattern in RECORDS:
            record = first_link(page, listing, pattern)
            if record:
                visit(page, record)
                seen.append(record)
        # The pages drew with their stylesheets and scripts: the navbar's colour, htmx configured.
        navbar = page.evaluate("getComputedStyle(document.querySelector('nav.navbar')).backgroundColor")
        assert navbar == "rgb(155, 28, 28)", (username, navbar)
        assert page.evaluate("typeof htmx === 'object' && htmx.config.allowEval === false"), username
        assert len(seen) > len(MENU) + 2, (username, seen)  # record pages were reached, not only lists
        close_checked((context, [f"{username} — {p}" for p in problems]))


def test_the_public_pages_run_under_the_strict_policy(page, province):
    problems = watch_console(page.context, every_error=True)
    visit(page, "/tai-khoan/dang-nhap/")
    expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()
    visit(page, "/ho-so/lay-y-kien/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("ý kiến")
    assert not problems, problems


def test_the_layout_preview_carries_its_own_narrow_policy(open_as, tree, secretariat, catalog_and_media):
    """The certificate preview is drawn with inline CSS (like the PDF): its own policy
    allows that and nothing else — no script, framed by our pages only."""
    page = open_as("thuky")
    page.goto("/in/bo-cuc/")
    page.locator("[data-testid=layouts] a").first.click()
    frame = page.locator("[data-testid=layout-preview] iframe")
    expect(frame).to_be_visible()
    width = frame.evaluate("f => f.getBoundingClientRect().width")
    assert 0 < width <= page.locator("[data-testid=layout-preview]").evaluate("e => e.clientWidth") + 1
    response = page.request.get(frame.get_attribute("src"))
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'self'" in policy and "script" not in policy


def test_bootstrap_tom_select_and_flatpickr_work_under_the_policy(open_as, tree, secretariat, catalog_and_media):
    """The widgets draw themselves through the CSSOM (element.style), which the policy allows:
    a Bootstrap dropdown, a Tom Select picker and a flatpickr calendar open and are usable."""
    page = open_as("thuky")
    page.goto("/")
    page.get_by_role("button", name="Khen thưởng").click()
    expect(page.get_by_role("link", name="Hồ sơ đề nghị khen thưởng")).to_be_visible()

    page.goto("/ho-so/tao/")
    picker = page.locator(".ts-wrapper").first
    picker.click()
    expect(page.locator(".ts-dropdown").get_by_role("option", name="Sở Nội vụ", exact=True)).to_be_visible()

    page.goto("/phong-trao/phat-dong/")
    date = page.locator("input.date-input").first
    date.click()
    expect(page.locator(".flatpickr-calendar.open")).to_be_visible()
    page.locator(".flatpickr-calendar.open .flatpickr-day:not(.prevMonthDay):not(.nextMonthDay)").first.click()
    expect(date).to_have_value(re.compile(r"^01/\d\d/\d{4}$"))
