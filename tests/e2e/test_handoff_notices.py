"""A registration sheet changes hands and each side is told (docs/notices.md): the officer
sends it, the head finds it in "Việc cần làm" and in the mail, returns it with a reason,
and the officer finds the return, with the reason, in theirs and in the mail."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in
from tests.notices.handoff_checks import give_email
from thidua.movements.models import Movement, Participant
from thidua.registrations import services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REASON = "Chưa ghi chỉ tiêu của tập thể"


def sign_out(page, full_name):
    page.get_by_role("button", name=full_name).click()
    page.get_by_role("button", name="Đăng xuất").click()


def test_a_sheet_sent_reaches_the_head_and_its_return_the_officer(page, tree, officer_a, head_a, person_a,
                                                                   mailoutbox):
    give_email(officer_a, head_a)
    today = timezone.localdate()
    movement = Movement.objects.create(organiser=tree["root"], name="Phong trào thi đua yêu nước", year=today.year,
                                       registration_deadline=today + dt.timedelta(days=30))
    Participant.objects.create(movement=movement, unit=tree["root"], subtree=True)
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=today.year, movement=movement)
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=[], person_codes={person_a.pk: ["LDTT"]}, targets="")
    waiting = "Bản đăng ký thi đua «Phong trào thi đua yêu nước» của Phòng Công chức, viên chức chờ thủ trưởng duyệt"

    sign_in(page, "canbo_a", PASSWORD)
    page.goto(sheet.get_absolute_url())
    page.get_by_role("button", name="Gửi thủ trưởng duyệt").click()
    expect(page.get_by_test_id("sheet-status")).to_have_text("Chờ thủ trưởng duyệt")
    sign_out(page, "Lê Văn An")

    sign_in(page, "thutruong_a", PASSWORD)
    page.goto("/viec-can-lam/")
    due = page.get_by_test_id("due")
    expect(due).to_contain_text(waiting)
    expect(due).to_contain_text("chờ xử lý")
    assert [m.subject for m in mailoutbox if m.to == [head_a.email]] == [f"[Việc cần làm] {waiting}"]
    due.get_by_role("link", name=waiting).click()
    expect(page.get_by_test_id("sheet-status")).to_have_text("Chờ thủ trưởng duyệt")
    page.get_by_text("Trả lại…").click()
    page.get_by_label("Lý do trả lại").fill(REASON)
    page.get_by_role("button", name="Trả lại", exact=True).click()
    expect(page.get_by_test_id("sheet-status")).to_have_text("Trả lại để sửa")
    page.goto("/viec-can-lam/")
    expect(page.get_by_test_id("due")).not_to_contain_text(waiting)  # done: the head returned it
    sign_out(page, "Hoàng Văn Cường")

    returned = ("Bản đăng ký thi đua «Phong trào thi đua yêu nước» của Phòng Công chức, viên chức bị trả lại. "
                f"Lý do: {REASON}. Cần sửa và gửi lại")
    sign_in(page, "canbo_a", PASSWORD)
    page.goto("/viec-can-lam/")
    expect(page.get_by_test_id("due")).to_contain_text(returned)
    mails = [m for m in mailoutbox if m.to == [officer_a.email]]
    assert len(mails) == 1 and REASON in mails[0].subject and sheet.get_absolute_url() in mails[0].body
