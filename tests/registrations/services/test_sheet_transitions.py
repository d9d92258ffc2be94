"""The sheet's workflow: `machines.SHEETS` reads like a table, each move with its role, its
reason and its audit row; the deadline hands every change to the secretariat."""

import pytest

from tests.registrations.conftest import AFTER_DEADLINE, BEFORE_DEADLINE, VN, YEAR
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.core.roles import Perm
from thidua.registrations import services
from thidua.registrations.machines import SHEETS
from thidua.registrations.models import RegistrationSheet, SheetStatus

S = SheetStatus


def test_the_table():
    assert {(state, action): (t.target, t.perms[0], t.needs_reason) for (state, action), t in
            SHEETS.table.items()} == {
        (S.DRAFT, "submit"): (S.SUBMITTED, Perm.REGISTRATION_CHANGE, False),
        (S.RETURNED, "submit"): (S.SUBMITTED, Perm.REGISTRATION_CHANGE, False),
        (S.DRAFT, "approve"): (S.APPROVED, Perm.REGISTRATION_APPROVE, False),
        (S.SUBMITTED, "approve"): (S.APPROVED, Perm.REGISTRATION_APPROVE, False),
        (S.RETURNED, "approve"): (S.APPROVED, Perm.REGISTRATION_APPROVE, False),
        (S.SUBMITTED, "return"): (S.RETURNED, Perm.REGISTRATION_APPROVE, True),
        (S.APPROVED, "reopen"): (S.DRAFT, Perm.REGISTRATION_APPROVE, True),
    }


@pytest.fixture
def filled(time_machine, officer_a, tree, person_a, movement):
    """Phòng A1's sheet under the province's movement, with Phóng registered for LĐTT."""
    time_machine.move_to(BEFORE_DEADLINE, tick=False)
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR, movement=movement)
    return services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=[], person_codes={person_a.pk: ["LDTT"]},
                               targets="")


def status(sheet):
    return RegistrationSheet.objects.get(pk=sheet.pk).state


def last(action):
    return AuditEvent.objects.filter(action=action).latest("id")


def test_submit_approve_with_who_and_when(officer_a, head_a, filled):
    services.sheet_submit(actor=officer_a, sheet=filled)
    sheet = RegistrationSheet.objects.get(pk=filled.pk)
    assert sheet.state == S.SUBMITTED and sheet.submitted_by == officer_a and sheet.submitted_at
    assert last("registration.sheet_submit").after == {"state": "Chờ thủ trưởng duyệt"}
    services.sheet_approve(actor=head_a, sheet=sheet)
    sheet.refresh_from_db()
    assert sheet.state == S.APPROVED and sheet.approved_by == head_a and sheet.approved_at
    event = last("registration.sheet_approve")
    assert event.before == {"state": "Chờ thủ trưởng duyệt"} and event.after == {"state": "Đã duyệt"}
    assert event.actor == head_a and event.unit_path == filled.unit.path


def test_the_head_may_approve_a_draft_directly(head_a, filled):
    services.sheet_approve(actor=head_a, sheet=filled)
    assert status(filled) == S.APPROVED


def test_the_officer_may_not_approve(officer_a, filled):
    with pytest.raises(PermissionDenied):
        services.sheet_approve(actor=officer_a, sheet=filled)
    assert status(filled) == S.DRAFT
    assert not AuditEvent.objects.filter(action="registration.sheet_approve").exists()


def test_the_head_of_another_unit_may_not_approve(head_a1, officer_b, filled, tree):
    from tests.conftest import make_user
    from thidua.core.roles import Role

    head_b = make_user("thutruong_b", Role.UNIT_HEAD, tree["b"])
    for user in (head_b, officer_b):
        with pytest.raises(PermissionDenied):
            services.sheet_approve(actor=user, sheet=filled)
    services.sheet_approve(actor=head_a1, sheet=filled)  # the head of Phòng A1 itself may
    assert status(filled) == S.APPROVED


def test_return_needs_a_reason_and_keeps_it(officer_a, head_a, filled):
    services.sheet_submit(actor=officer_a, sheet=filled)
    with pytest.raises(ApplicationError) as exc:
        services.sheet_return(actor=head_a, sheet=filled, reason="  ")
    assert exc.value.message == services.NEEDS_REASON % {"action": "trả lại"}
    services.sheet_return(actor=head_a, sheet=filled, reason="Thiếu chỉ tiêu của tập thể")
    sheet = RegistrationSheet.objects.get(pk=filled.pk)
    assert sheet.state == S.RETURNED and sheet.return_reason == "Thiếu chỉ tiêu của tập thể"
    assert last("registration.sheet_return").reason == "Thiếu chỉ tiêu của tập thể"
    # Returned: the officer edits and sends it again.
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=["TTLDTT"], person_codes={}, targets="Chỉ tiêu")
    services.sheet_submit(actor=officer_a, sheet=sheet)
    assert status(filled) == S.SUBMITTED


def test_only_a_submitted_sheet_is_returned(head_a, filled):
    with pytest.raises(ApplicationError) as exc:
        services.sheet_return(actor=head_a, sheet=filled, reason="Sai")
    assert exc.value.message == services.WRONG_STATE % {"action": "trả lại", "state": "Đang lập"}


def test_reopen_puts_an_approved_sheet_back_in_draft(officer_a, head_a, filled):
    services.sheet_approve(actor=head_a, sheet=filled)
    with pytest.raises(PermissionDenied):
        services.sheet_reopen(actor=officer_a, sheet=filled, reason="Bổ sung")
    with pytest.raises(ApplicationError, match="lý do mở lại"):
        services.sheet_reopen(actor=head_a, sheet=filled, reason="")
    services.sheet_reopen(actor=head_a, sheet=filled, reason="Bổ sung người mới chuyển đến")
    sheet = RegistrationSheet.objects.get(pk=filled.pk)
    assert sheet.state == S.DRAFT and sheet.approved_by is None and sheet.approved_at is None
    assert last("registration.sheet_reopen").reason == "Bổ sung người mới chuyển đến"


@pytest.mark.parametrize("action", ["submit", "approve"])
def test_an_empty_sheet_is_not_sent_nor_approved(officer_a, head_a, tree, action, season):
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    with pytest.raises(ApplicationError) as exc:
        if action == "submit":
            services.sheet_submit(actor=officer_a, sheet=sheet)
        else:
            services.sheet_approve(actor=head_a, sheet=sheet)
    assert exc.value.message == services.EMPTY_SHEET


def test_approving_twice_is_refused(head_a, filled):
    services.sheet_approve(actor=head_a, sheet=filled)
    with pytest.raises(ApplicationError, match="Không thể duyệt"):
        services.sheet_approve(actor=head_a, sheet=filled)


# --- the deadline ------------------------------------------------------------------------


def test_after_the_deadline_every_change_needs_the_secretariat(time_machine, officer_a, head_a, secretariat, filled,
                                                                person_a):
    time_machine.move_to(AFTER_DEADLINE, tick=False)
    message = services.PAST_DEADLINE % {"deadline": "31/03/2026"}
    assert message == ("Đã quá hạn đăng ký (31/03/2026); việc thay đổi cần Thường trực Hội đồng TĐKT thực "
                       "hiện.")
    refusals = [
        lambda: services.sheet_save(actor=officer_a, sheet=filled, unit_codes=[], person_codes={}, targets=""),
        lambda: services.sheet_submit(actor=officer_a, sheet=filled),
        lambda: services.sheet_approve(actor=head_a, sheet=filled),
    ]
    for refused in refusals:
        with pytest.raises(ApplicationError) as exc:
            refused()
        assert exc.value.message == message
    assert status(filled) == S.DRAFT

    # The secretariat changes, approves, and may reopen at any time.
    services.sheet_save(actor=secretariat, sheet=filled, unit_codes=[], person_codes={person_a.pk: ["CSTDCS"]},
                        targets="")
    services.sheet_approve(actor=secretariat, sheet=filled)
    assert status(filled) == S.APPROVED


def test_after_the_deadline_the_head_neither_returns_nor_reopens(time_machine, officer_a, head_a, secretariat, filled):
    services.sheet_submit(actor=officer_a, sheet=filled)
    time_machine.move_to(AFTER_DEADLINE, tick=False)
    with pytest.raises(ApplicationError, match="Đã quá hạn đăng ký"):
        services.sheet_return(actor=head_a, sheet=filled, reason="Sai")
    services.sheet_approve(actor=secretariat, sheet=filled)
    with pytest.raises(ApplicationError, match="Đã quá hạn đăng ký"):
        services.sheet_reopen(actor=head_a, sheet=filled, reason="Bổ sung")
    services.sheet_reopen(actor=secretariat, sheet=filled, reason="Bổ sung theo đề nghị của đơn vị")
    assert status(filled) == S.DRAFT


def test_the_deadline_day_itself_is_still_open(time_machine, officer_a, filled):
    import datetime as dt

    # 23:30 in Hà Nội is 16:30 UTC: the deadline is a Vietnamese calendar day.
    time_machine.move_to(dt.datetime(2026, 3, 31, 23, 30, tzinfo=VN), tick=False)
    services.sheet_submit(actor=officer_a, sheet=filled)
    assert status(filled) == S.SUBMITTED


def test_a_new_sheet_after_the_deadline_needs_the_secretariat(time_machine, officer_a, secretariat, tree, movement):
    time_machine.move_to(AFTER_DEADLINE, tick=False)
    with pytest.raises(ApplicationError, match="Đã quá hạn đăng ký"):
        services.sheet_get_or_create(actor=officer_a, unit=tree["a"], year=YEAR, movement=movement)
    assert services.sheet_get_or_create(actor=secretariat, unit=tree["a"], year=YEAR, movement=movement).pk


def test_may_answers_as_the_services_do(time_machine, officer_a, head_a, secretariat, filled):
    assert services.may(officer_a, filled, "save") and services.may(officer_a, filled, "submit")
    assert not services.may(officer_a, filled, "approve") and services.may(head_a, filled, "approve")
    assert not services.may(head_a, filled, "save")
    time_machine.move_to(AFTER_DEADLINE, tick=False)
    assert not services.may(officer_a, filled, "save") and not services.may(head_a, filled, "approve")
    assert services.may(secretariat, filled, "save") and services.may(secretariat, filled, "approve")
