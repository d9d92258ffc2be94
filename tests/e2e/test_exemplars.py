"""An exemplar nominated from an award by the department's officer, then approved and
published by the province's secretariat (issue 15)."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from thidua.awards.models import Award
from thidua.core.models import AuditEvent
from thidua.exemplars import selectors
from thidua.exemplars.models import Exemplar

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_nominated_from_an_award_approved_and_published(open_as, catalog_and_media, tree, secretariat, officer_a,
                                                         person_a):
    award = Award.objects.create(subject_kind="individual", person=person_a, held_unit=tree["a1"], kind="LDTT",
                                 is_title=True, year=2025, decided_on=dt.date(2025, 12, 20),
                                 decision_number="15/QĐ-SNV")

    officer = open_as("canbo_a")
    officer.goto(reverse("awards:detail", args=[award.pk]))
    officer.get_by_test_id("nominate-exemplar").click()
    expect(officer.get_by_role("heading", name="Đề cử điển hình tiên tiến: Nguyễn Văn Phóng")).to_be_visible()
    officer.get_by_label("Lĩnh vực").select_option(label="Cải cách hành chính, công vụ")
    officer.get_by_label("Tiêu đề gương điển hình").fill("Tiên phong một cửa điện tử")
    officer.get_by_label("Câu chuyện, thành tích").fill(
        "Rút ngắn thời gian giải quyết hồ sơ từ 7 ngày xuống 3 ngày.<script>alert(1)</script>")
    officer.get_by_role("button", name="Đề cử").click()
    expect(officer.get_by_test_id("exemplar-state")).to_have_text("Đề cử")
    # Markup typed into the story editor is words, shown as typed and never run.
    expect(officer.get_by_test_id("story")).to_have_text(
        "Rút ngắn thời gian giải quyết hồ sơ từ 7 ngày xuống 3 ngày.<script>alert(1)</script>")
    expect(officer.get_by_test_id("story").locator("script")).to_have_count(0)
    expect(officer.get_by_role("button", name="Duyệt điển hình")).to_have_count(0)
    exemplar = Exemplar.objects.get()

    desk = open_as("thuky")
    desk.goto(reverse("exemplars:register"))
    desk.get_by_role("link", name="Nguyễn Văn Phóng").click()
    desk.get_by_role("button", name="Duyệt điển hình").click()
    expect(desk.get_by_text("Đã duyệt điển hình tiên tiến.")).to_be_visible()
    expect(desk.get_by_test_id("exemplar-state")).to_have_text("Đã duyệt")
    assert selectors.published() == []
    desk.get_by_role("button", name="Công bố công khai").click()
    expect(desk.get_by_test_id("published")).to_be_visible()

    [public] = selectors.published()
    assert public.id == exemplar.pk and public.headline == "Tiên phong một cửa điện tử"
    assert list(AuditEvent.objects.filter(target_type="exemplars.exemplar").order_by("id")
                .values_list("action", "actor__username")) == [
        ("exemplar.nominate", "canbo_a"), ("exemplar.approve", "thuky"), ("exemplar.publish", "thuky")]


def test_published_by_the_secretariat_seen_signed_out_then_withdrawn(open_as, browser, live_server,
                                                                     catalog_and_media, tree, secretariat, person_a):
    """The secretariat publishes an approved exemplar; a signed-out visitor finds it on the
    portal with its story and photo; once withdrawn it is gone from the portal (the test
    server has no cache in front of it, so a reload shows the change at once)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.e2e.conftest import close_checked, watch_console
    from tests.exemplars.conftest import png
    from thidua.exemplars import services

    award = Award.objects.create(subject_kind="individual", person=person_a, held_unit=tree["a1"], kind="LDTT",
                                 is_title=True, year=2025, decided_on=dt.date(2025, 12, 20),
                                 decision_number="15/QĐ-SNV")
    exemplar = services.exemplar_nominate(actor=secretariat, award=award, field="hanh_chinh", year=2025,
                                          position="Trưởng phòng", headline="Tiên phong một cửa điện tử",
                                          story="<p>Rút ngắn thời gian giải quyết hồ sơ xuống <em>3 ngày</em>.</p>")
    services.exemplar_photo_add(actor=secretariat, exemplar=exemplar, caption="Tại bộ phận một cửa",
                                image=SimpleUploadedFile("anh.png", png(60, 40), content_type="image/png"))
    services.exemplar_approve(actor=secretariat, exemplar=exemplar)
    portal_url, public_url = reverse("portal:exemplars"), reverse("portal:exemplar", args=[exemplar.pk])

    visitor_context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    visitor_context.set_default_timeout(15_000)
    problems = watch_console(visitor_context)
    visitor = visitor_context.new_page()
    # Approved, not yet published: not on the portal.
    visitor.goto(portal_url)
    expect(visitor.get_by_test_id("exemplars")).to_have_text("Chưa có điển hình tiên tiến nào được công bố.")
    assert visitor.goto(public_url).status == 404

    desk = open_as("thuky")
    desk.goto(reverse("exemplars:detail", args=[exemplar.pk]))
    desk.get_by_role("button", name="Công bố công khai").click()
    expect(desk.get_by_test_id("published")).to_be_visible()

    visitor.goto(reverse("portal:home"))
    expect(visitor.get_by_test_id("home-exemplars")).to_contain_text("Nguyễn Văn Phóng")
    visitor.get_by_role("link", name="Điển hình tiên tiến").first.click()
    # The browser may keep the list it read before for max-age (the portal's cache headers
    # allow it): a reload asks the server, which has no cache in front of it here.
    visitor.reload()
    expect(visitor.get_by_test_id("exemplars")).to_contain_text("Tiên phong một cửa điện tử")
    visitor.get_by_label("Lĩnh vực").select_option(label="Cải cách hành chính, công vụ")
    visitor.get_by_role("button", name="Lọc").click()
    visitor.get_by_role("link", name="Nguyễn Văn Phóng").click()
    expect(visitor.get_by_role("heading", name="Nguyễn Văn Phóng")).to_be_visible()
    expect(visitor.get_by_test_id("story")).to_have_text("Rút ngắn thời gian giải quyết hồ sơ xuống 3 ngày.")
    expect(visitor.get_by_test_id("exemplar-facts")).to_contain_text("Trưởng phòng")
    photo = visitor.get_by_role("img", name="Tại bộ phận một cửa")
    visitor.wait_for_function("img => img.complete && img.naturalWidth === 60", arg=photo.element_handle())
    photo_url = photo.get_attribute("src")
    for private in ("14/03/1985", "001085012345", "Chuyên viên"):
        assert private not in visitor.content(), private

    desk.get_by_label("Lý do thôi công bố").fill("Cần xác minh lại thành tích")
    desk.get_by_role("button", name="Thôi công bố").click()
    expect(desk.get_by_test_id("published")).to_have_count(0)

    # Each page read again from the server (reload; the photo outside the browser's cache).
    assert visitor.reload().status == 404
    assert visitor_context.request.get(photo_url).status == 404
    for url, testid in ((portal_url, "exemplars"), (reverse("portal:home"), "home-exemplars")):
        visitor.goto(url)
        visitor.reload()
        expect(visitor.get_by_test_id(testid)).not_to_contain_text("Nguyễn Văn Phóng")
    assert list(AuditEvent.objects.filter(target_type="exemplars.exemplar", action__in=[
        "exemplar.publish", "exemplar.unpublish"]).order_by("id").values_list("action", "actor__username")) == [
        ("exemplar.publish", "thuky"), ("exemplar.unpublish", "thuky")]
    close_checked((visitor_context, problems))
