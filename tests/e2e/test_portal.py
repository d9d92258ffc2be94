"""The public portal in a browser, signed out, on a phone (390 px): every public page fits
the screen without scrolling sideways, meets the strict CSP, and axe-core (from npm, injected
with Playwright's CSP bypass) finds no serious or critical accessibility violation."""

from pathlib import Path

import pytest

from tests.e2e.conftest import close_checked, watch_console
from tests.portal.conftest import catalog, chairman, published, running, unpublished  # noqa: F401  (fixtures)

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
def public_pages(published, unpublished, running, person_a):  # noqa: F811
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
    ]


def test_every_public_page_fits_a_phone_and_passes_axe(browser, live_server, public_pages, unpublished):  # noqa: F811
    assert AXE.exists(), "axe-core is missing: run `npm ci` (scripts/setup.sh)"
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": WIDTH, "height": HEIGHT},
                                  bypass_csp=True)
    context.set_default_timeout(15_000)
    problems = watch_console(context)
    page = context.new_page()
    found: dict[str, list[str]] = {}
    for url in public_pages:
        response = page.goto(url)
        assert response.status == 200, url
        # The portal's own header, naming the province, on every page.
        province = page.locator("[data-testid=portal-province]").inner_text()
        assert province.lower() == "ủy ban nhân dân tỉnh thử nghiệm", url
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, (
            url, page.evaluate(PAST_THE_EDGE, WIDTH))
        page.add_script_tag(path=str(AXE))
        assert page.evaluate("typeof axe.run") == "function", url
        violations = page.evaluate(RUN_AXE)
        if violations:
            found[url] = violations
    # The menu opens on a phone (Bootstrap's collapse, no inline script) and leads to the lookup.
    page.goto(public_pages[0])
    page.get_by_role("button", name="Mở danh mục").click()
    page.get_by_role("link", name="Tra cứu khen thưởng").click()
    page.get_by_label("Họ tên, tên tập thể hoặc số quyết định").fill("nguyen van phong")
    page.get_by_role("button", name="Tìm").click()
    assert "Nguyễn Văn Phóng" in page.locator("[data-testid=lines]").inner_text()
    assert "Nguyễn Thị Phong" not in page.content()  # unpublished: never on a public page
    close_checked((context, problems))
    assert not found, "axe-core found serious or critical violations:\n" + "\n".join(
        f"{url}: {v}" for url, vs in found.items() for v in vs)


def test_public_pages_meet_the_strict_csp(page, public_pages):
    """Without the bypass: the `page` fixture fails on any CSP refusal or script error."""
    for url in public_pages:
        page.goto(url)
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.goto(public_pages[0])
    page.get_by_role("button", name="Mở danh mục").click()
    page.get_by_role("link", name="Quyết định khen thưởng").click()
    page.wait_for_url("**/cong-khai/quyet-dinh/")
