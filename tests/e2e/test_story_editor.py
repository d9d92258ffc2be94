"""The exemplar's story editor (static/thidua/story-editor.js): an officer on a phone formats
the story with the toolbar, saves, and the exemplar's page shows the formatting; what the
editor posted is what was stored (the nh3 allowlist keeps all of it)."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from thidua.awards.models import Award
from thidua.core.models import AuditEvent
from thidua.exemplars import services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_formats_the_story_with_the_toolbar(browser, live_server, tree, officer_a, person_a):
    from tests.conftest import PASSWORD
    from tests.e2e.conftest import close_checked, sign_in, watch_console

    award = Award.objects.create(subject_kind="individual", person=person_a, held_unit=tree["a1"], kind="LDTT",
                                 is_title=True, year=2025, decided_on=dt.date(2025, 12, 20),
                                 decision_number="15/QĐ-SNV")
    exemplar = services.exemplar_nominate(actor=officer_a, award=award, field="hanh_chinh", year=2025,
                                          story="<p>Câu chuyện cũ.</p>")
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    problems = watch_console(context, every_error=True)
    page = context.new_page()
    sign_in(page, "canbo_a", PASSWORD)
    page.goto(reverse("exemplars:edit", args=[exemplar.pk]))

    story = page.get_by_role("textbox", name="Câu chuyện, thành tích")
    expect(story).to_have_text("Câu chuyện cũ.")
    expect(page.locator("textarea[name=story]")).to_be_hidden()
    bold = page.get_by_role("button", name="Đậm", exact=True)
    story.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Chị đã ")
    bold.click()
    expect(bold).to_have_attribute("aria-pressed", "true")
    page.keyboard.type("đổi mới")
    bold.click()
    expect(bold).to_have_attribute("aria-pressed", "false")
    page.keyboard.type(" cách làm.")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Danh sách gạch đầu dòng").click()
    page.keyboard.type("Rút ngắn thời hạn")
    page.keyboard.press("Enter")
    page.keyboard.type("Trả kết quả tận nơi")
    # A paste from another page: its inline style, handler and image stay out of the page and the story.
    story.evaluate("""(el, html) => {
        const data = new DataTransfer();
        data.setData("text/html", html);
        el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
    }""", '<span style="color:red" onmouseover="alert(1)">, đúng hẹn</span>'
          '<img src="/static/thidua/favicon.svg">')
    expect(page.locator(".story-message")).to_contain_text("ảnh của điển hình tải lên ở mục «Ảnh»")
    expect(story.locator("img, [style]")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    posted = page.locator("textarea[name=story]").input_value()
    page.get_by_role("button", name="Lưu").click()

    expect(page.get_by_text("Đã lưu điển hình.")).to_be_visible()
    shown = page.get_by_test_id("story")
    expect(shown.locator("strong")).to_have_text("đổi mới")
    expect(shown.locator("li")).to_have_text(["Rút ngắn thời hạn", "Trả kết quả tận nơi, đúng hẹn"])
    exemplar.refresh_from_db()
    assert exemplar.story == posted
    assert posted.startswith("<p>Chị đã <strong>đổi mới</strong> cách làm.</p>") and posted.endswith(
        "<ul><li>Rút ngắn thời hạn</li><li>Trả kết quả tận nơi, đúng hẹn</li></ul>")
    assert AuditEvent.objects.filter(action="exemplar.update", target_id=exemplar.pk, actor=officer_a).exists()
    close_checked((context, problems))
