"""Scoring deadlines reach the right people through the reminders (notices)."""

import datetime as dt

from tests.pledges.conftest import review, self_score
from thidua.notices.due import due_items


def titles(user, today):
    return [d.title for d in due_items(today, user.pk)]


def test_members_that_have_not_sent_are_reminded_before_the_self_scoring_deadline(rnd, units, officer_a, officer_b,
                                                                                  officer_c, officer_d):
    self_score(officer_b, rnd, units["b"])
    today = dt.date(2025, 12, 5)
    assert titles(officer_c, today) == [
        "Sở Tài chính chưa gửi bảng tự chấm điểm «Chấm điểm, xếp hạng năm 2025» – Khối các cơ quan tổng hợp"]
    assert titles(officer_b, today) == []  # sent
    assert titles(officer_d, today) == []  # another bloc
    assert titles(officer_c, dt.date(2025, 11, 20)) == []  # more than a week ahead


def test_the_leader_is_reminded_of_sheets_to_review(rnd, units, officer_a, officer_b, officer_c, time_machine):
    self_score(officer_b, rnd, units["b"])
    self_score(officer_c, rnd, units["c"])
    review(officer_a, rnd, units["b"])
    today = dt.date(2025, 12, 15)
    # Sở A leads the bloc: Sở C's sheet is still to review (Sở B's is done).
    assert "1 bảng điểm chờ thẩm định, chấm chéo «Chấm điểm, xếp hạng năm 2025» – Khối các cơ quan tổng hợp" \
        in titles(officer_a, today)
    assert not any("chờ thẩm định" in t for t in titles(officer_c, today))
