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


def test_the_reminders_read_all_open_rounds_at_once(rnd, pledge, secretariat, units, officer_c,
                                                    django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thidua.pledges import services
    from thidua.pledges.due import scoring_reminders
    from thidua.pledges.models import RoundKind

    today = dt.date(2025, 12, 5)
    with CaptureQueriesContext(connection) as one:
        first = scoring_reminders(today)
    # Two more rounds open: the same queries answer for all three (a province opens twenty).
    for name in ("Chấm điểm 6 tháng", "Chấm điểm chuyên đề"):
        services.round_open(actor=secretariat, pledge=pledge, name=name, self_score_deadline=rnd.self_score_deadline,
                            review_deadline=rnd.review_deadline, kind=RoundKind.MID_YEAR)
    with django_assert_max_num_queries(len(one.captured_queries)):
        more = scoring_reminders(today)
    assert len(more) == 3 * len(first) and any("Chấm điểm chuyên đề" in d.title for d in more)
