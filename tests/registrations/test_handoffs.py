"""The registration sheet's handoffs (docs/notices.md): one test per row of the table."""

import pytest

from tests.conftest import make_user
from tests.notices.handoff_checks import assert_closed, assert_on_todo_page, assert_told, give_email
from tests.registrations.conftest import BEFORE_DEADLINE, YEAR
from thidua.core.roles import Role
from thidua.registrations import services

NAME = "Phong trào thi đua yêu nước năm 2026"
UNIT = "Phòng Công chức, viên chức"
REASON = "Chưa đăng ký danh hiệu tập thể"

# before: the moves made first; act: (who, action, reason); told / not told; words; close: the
# move that closes the notice.
ROWS = {
    "submit": ([], ("officer_a", "submit", ""), ["head_a1"], ["head_a", "officer_a", "officer_b", "secretariat"],
               f"Bản đăng ký thi đua «{NAME}» của {UNIT} chờ thủ trưởng duyệt", ("head_a1", "approve", "")),
    "approve": ([("officer_a", "submit", "")], ("head_a1", "approve", ""), ["officer_a"],
                ["officer_b", "head_a", "secretariat"],
                f"Bản đăng ký thi đua «{NAME}» của {UNIT} đã được duyệt", ("head_a1", "reopen", "Sửa chỉ tiêu")),
    "return": ([("officer_a", "submit", "")], ("head_a1", "return", REASON), ["officer_a"],
               ["officer_b", "head_a", "secretariat"],
               f"Bản đăng ký thi đua «{NAME}» của {UNIT} bị trả lại. Lý do: {REASON}. Cần sửa và gửi lại",
               ("officer_a", "submit", "")),
    "reopen": ([("officer_a", "submit", ""), ("head_a1", "approve", "")], ("head_a1", "reopen", REASON),
               ["officer_a"], ["officer_b", "head_a", "secretariat"],
               f"Bản đăng ký thi đua «{NAME}» của {UNIT} được mở lại để sửa. Lý do: {REASON}",
               ("officer_a", "submit", "")),
}


@pytest.mark.parametrize("row", list(ROWS))
def test_handoff(row, time_machine, tree, movement, person_a, officer_a, officer_b, head_a, head_a1, secretariat,
                 client, mailoutbox, django_capture_on_commit_callbacks):
    time_machine.move_to(BEFORE_DEADLINE, tick=False)
    users = {"officer_a": officer_a, "officer_b": officer_b, "head_a": head_a, "head_a1": head_a1,
             "secretariat": secretariat}
    give_email(*users.values())
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR, movement=movement)
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=[], person_codes={person_a.pk: ["LDTT"]}, targets="")
    before, act, told, not_told, words, close = ROWS[row]

    def move(who, action, reason):
        with django_capture_on_commit_callbacks(execute=True):
            services.sheet_transition(actor=users[who], sheet=sheet, action=action, reason=reason)

    for step in before:
        move(*step)
    mailoutbox.clear()
    move(*act)
    url = sheet.get_absolute_url()
    assert_told([users[u] for u in told], [users[u] for u in not_told], words, url, mailoutbox)
    assert_on_todo_page(client, users[told[0]], words)
    move(*close)
    assert_closed([users[u] for u in told], words)


def test_a_unit_without_a_head_account_tells_the_head_above(time_machine, tree, movement, person_a, officer_a, head_a,
                                                             mailoutbox, django_capture_on_commit_callbacks):
    time_machine.move_to(BEFORE_DEADLINE, tick=False)
    other = make_user("thutruong_b", Role.UNIT_HEAD, tree["b"], "Vũ Văn Bốn")
    give_email(head_a, other)
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR, movement=movement)
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=[], person_codes={person_a.pk: ["LDTT"]}, targets="")
    with django_capture_on_commit_callbacks(execute=True):
        services.sheet_submit(actor=officer_a, sheet=sheet)
    assert_told([head_a], [other], f"Bản đăng ký thi đua «{NAME}» của {UNIT} chờ thủ trưởng duyệt",
                sheet.get_absolute_url(), mailoutbox)


def test_a_sheet_of_the_year_without_a_movement_is_named_by_its_year(time_machine, tree, person_a, officer_a, head_a1,
                                                                      mailoutbox, django_capture_on_commit_callbacks):
    """The yearly sheet (an Excel import's, no movement) reaches its head too."""
    time_machine.move_to(BEFORE_DEADLINE, tick=False)
    give_email(head_a1)
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR, movement=None)
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=[], person_codes={person_a.pk: ["LDTT"]}, targets="")
    with django_capture_on_commit_callbacks(execute=True):
        services.sheet_transition(actor=officer_a, sheet=sheet, action="submit", reason="")
    words = f"Bản đăng ký thi đua «năm {YEAR}» của {UNIT} chờ thủ trưởng duyệt"
    assert_told([head_a1], [], words, sheet.get_absolute_url(), mailoutbox)
