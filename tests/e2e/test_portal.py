"""The public portal in a browser, signed out, on a phone (390 px): every public page fits
the screen without scrolling sideways, meets the strict CSP, and axe-core (from npm, injected
with Playwright's CSP bypass) finds no serious or critical accessibility violation."""

from pathlib import Path

import pytest

from tests.e2e.conftest import close_checked, watch_console
from tests.portal.conftest import (  # noqa: F401  (fixtures)
    catalog,
    chairman,
    exemplar_published,
    exemplars_hidden,
    published,
    running,
    unpublished,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 390, 844
# axe-core as npm installs it in the repository (tests only: never served to users).
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
}"""
# The innermost elements reaching past the right edge, to say what to fix.
PAST_THE_EDGE = """(width) => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > width + 0.5 && e.closest('.table-responsive') === null)
  .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > width + 0.5))
  .slice(0, 5)
  .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`
    + ` → ${Math.round(e.getBoundingClientRect().right)}`)"""


@pytest.fixture
def public_pages(published, unpublished, running, person_a, exemplar_published, exemplars_hidden):  # noqa: F811
    from django.urls import reverse

    from thidua.awards.models import Award
    from thidua.printing.certificates import ensure_tokens

    award = Award.objects.get(person=person_a)
    token = ensure_tokens([award])[award.pk]
    return [
        reverse("portal:home"), reverse("portal:movements"), reverse("portal:movement", args=[running.pk]),
        reverse("portal:decisions"), reverse("portal:decision", args=[published.pk]),
        reverse("portal:lookup") + "?q=nguyen+van+phong", reverse("portal:verify"),
        reverse("portal:verify") + "?ma=%3Csai%3E", reverse("dossiers:public_list"),
        reverse("verify:detail", args=[token]),
        reverse("portal:exemplars"), reverse("portal:exemplars") + "?nam=2025&linh-vuc=hanh_chinh",
        reverse("portal:exemplar", args=[exemplar_published.pk]),
    ]


def _phone(browser, live_server):
    """A signed-out phone-sized page whose CSP axe-core may pass (Playwright's bypass), and
    the problems its console reports."""
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": WIDTH, "height": HEIGHT},
                                  bypass_csp=True)
    context.set_default_timeout(15_000)
    return context, watch_console(context), context.new_page()


def _check(page, urls, province: str) -> dict[str, list[str]]:
    """Open each of URLS: it answers, carries the portal's header naming PROVINCE, fits the
    phone; returns axe-core's serious and critical violations by URL."""
    assert AXE.exists(), "axe-core is missing: run `npm ci` (scripts/setup.sh)"
    found: dict[str, list[str]] = {}
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("[data-testid=portal-province]").inner_text().lower() == province.lower(), url
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, (
            url, page.evaluate(PAST_THE_EDGE, WIDTH))
        page.add_script_tag(path=str(AXE))
        assert page.evaluate("typeof axe.run") == "function", url
        violations = page.evaluate(RUN_AXE)
        if violations:
            found[url] = violations
    return found


def _report(found: dict[str, list[str]]) -> str:
    return "axe-core found serious or critical violations:\n" + "\n".join(
        f"{url}: {v}" for url, vs in found.items() for v in vs)


def test_every_public_page_fits_a_phone_and_passes_axe(browser, live_server, public_pages, unpublished):  # noqa: F811
    context, problems, page = _phone(browser, live_server)
    found = _check(page, public_pages, "Ủy ban nhân dân tỉnh Thử Nghiệm")
    # The menu opens on a phone (Bootstrap's collapse, no inline script) and leads to the lookup.
    page.goto(public_pages[0])
    page.get_by_role("button", name="Mở danh mục").click()
    page.get_by_role("link", name="Tra cứu khen thưởng").click()
    page.get_by_label("Họ tên, tên tập thể hoặc số quyết định").fill("nguyen van phong")
    page.get_by_role("button", name="Tìm").click()
    assert "Nguyễn Văn Phóng" in page.locator("[data-testid=lines]").inner_text()
    assert "Nguyễn Thị Phong" not in page.content()  # unpublished: never on a public page
    # The exemplars, from the menu: the published one with its photo drawn, nothing unpublished.
    page.get_by_role("button", name="Mở danh mục").click()
    page.get_by_role("link", name="Điển hình tiên tiến").click()
    page.get_by_role("link", name="Lê Thị Gương").click()
    page.get_by_role("heading", name="Lê Thị Gương").wait_for()
    photo = page.get_by_role("img", name="Chị Gương tại bộ phận một cửa")
    photo.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle())
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    # The sign-in page (the signed-out bar links the portal) fits too, and leads back to it.
    page.get_by_role("link", name="Đăng nhập").first.click()
    page.wait_for_url("**/tai-khoan/dang-nhap/**")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, page.evaluate(PAST_THE_EDGE, WIDTH)
    page.get_by_role("link", name="Thông tin công khai").click()
    page.wait_for_url("**/cong-khai/")
    close_checked((context, problems))
    assert not found, _report(found)


def test_the_demo_portal_fits_a_phone_and_passes_axe(browser, live_server, settings, tmp_path):
    """The same on the small demo province: its real names, long summaries and lists."""
    from django.urls import reverse

    from thidua.decisions.models import Decision
    from thidua.demo.generator import seed
    from thidua.exemplars import selectors as exemplar_selectors
    from thidua.portal import selectors

    settings.MEDIA_ROOT = tmp_path / "media"
    seed("small")
    decision = Decision.objects.filter(published_at__isnull=False).first()
    movement = selectors.running_movements().first()
    name = decision.recipients.select_related("person").first().person.full_name
    urls = [reverse("portal:home"), reverse("portal:movements"), reverse("portal:movement", args=[movement.pk]),
            reverse("portal:decisions"), reverse("portal:decision", args=[decision.pk]), reverse("portal:exemplars"),
            *[reverse("portal:exemplar", args=[e.id]) for e in exemplar_selectors.published()],
            reverse("portal:lookup") + f"?q={name}", reverse("portal:lookup") + f"?q={decision.number}"]
    context, problems, page = _phone(browser, live_server)
    found = _check(page, urls, "Ủy ban nhân dân tỉnh Hà Sơn")
    assert name in page.content()
    close_checked((context, problems))
    assert not found, _report(found)


def test_public_pages_meet_the_strict_csp(page, public_pages):
    """Without the bypass: the `page` fixture fails on any CSP refusal or script error."""
    for url in public_pages:
        page.goto(url)
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.goto(public_pages[0])
    page.get_by_role("button", name="Mở danh mục").click()
    page.get_by_role("link", name="Quyết định khen thưởng").click()
    page.wait_for_url("**/cong-khai/quyet-dinh/")
