"""Reminders: each live dossier due within a week, or late, to whoever must act at its step."""

import datetime as dt

from thidua.dossiers import services
from thidua.notices.due import due_items


def test_the_secretariat_is_reminded_to_receive_and_the_unit_to_correct(submitted, secretariat, officer_a, head_a,
                                                                        time_machine):
    today = dt.date(2026, 3, 2)
    mine = [d for d in due_items(today, secretariat.pk) if d.key.startswith("dossier:")]
    assert [(d.title, d.due_on) for d in mine] == [
        ("Tiếp nhận hồ sơ «Đề nghị tặng Chiến sĩ thi đua cơ sở năm 2025» của Sở Nội vụ", dt.date(2026, 3, 5))]
    assert not [d for d in due_items(today, officer_a.pk) if d.key.startswith("dossier:")]
    # Still listed once late, whatever the delay.
    late = [d for d in due_items(dt.date(2026, 4, 20), secretariat.pk) if d.key.startswith("dossier:")]
    assert late and late[0].overdue(dt.date(2026, 4, 20))
    services.dossier_receive(actor=secretariat, dossier=submitted)
    services.dossier_return(actor=secretariat, dossier=submitted, comment="Thiếu biên bản có chữ ký")
    assert not [d for d in due_items(today, officer_a.pk) if d.key.startswith("dossier:")]  # 2 weeks ahead
    week_before = dt.date(2026, 3, 10)
    officer = [d for d in due_items(week_before, officer_a.pk) if d.key.startswith("dossier:")]
    assert officer[0].title == "Bổ sung, sửa hồ sơ bị trả lại «Đề nghị tặng Chiến sĩ thi đua cơ sở năm 2025»"
    assert officer[0].due_on == dt.date(2026, 3, 16)
    assert not [d for d in due_items(week_before, secretariat.pk) if d.key.startswith("dossier:")]


def test_the_assigned_reviewer_alone_is_reminded_to_review(received, secretariat, tree):
    from tests.conftest import make_user
    from thidua.accounts.roles import Role

    other = make_user("thuky2", Role.SECRETARIAT, tree["root"], "Ngô Thị Hai")
    today = dt.date(2026, 3, 25)
    assert [d.title for d in due_items(today, secretariat.pk) if d.key.startswith("dossier:")] == [
        "Thẩm định hồ sơ «Đề nghị tặng Chiến sĩ thi đua cơ sở năm 2025» của Sở Nội vụ"]
    assert not [d for d in due_items(today, other.pk) if d.key.startswith("dossier:")]
