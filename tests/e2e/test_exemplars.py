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
    expect(officer.get_by_test_id("story")).to_have_text("Rút ngắn thời gian giải quyết hồ sơ từ 7 ngày xuống 3 ngày.")
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
