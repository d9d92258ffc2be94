"""The charts' figures on the hand-built year of tests/reports/conftest.py."""

import datetime as dt

import pytest

from tests.conftest import make_user
from thidua.core.roles import Role
from thidua.reports import charts

pytestmark = pytest.mark.django_db
YEAR = 2026


def table(chart):
    return {row[0]: row[1:] for row in chart.rows}


def test_awards_by_level_and_year_for_the_province(secretariat, tree, year_of_figures):
    chart = charts.awards_by_level(secretariat, tree["root"], YEAR)

    assert chart.headers == ["Năm", "Cấp Nhà nước", "Cấp bộ, ban, ngành, tỉnh", "Cấp sở, ngành, huyện, xã, cơ sở",
                             "Tổng"]
    # The revoked Giấy khen of 2026 and the one of 2021 are not counted.
    assert table(chart) == {"2022": [0, 0, 0, 0], "2023": [0, 0, 0, 0], "2024": [0, 1, 0, 1],
                            "2025": [0, 1, 0, 1], "2026": [1, 0, 2, 3]}


def test_awards_follow_the_subtree_and_the_scope(officer_a, officer_b, tree, year_of_figures):
    # Sở Nội vụ: its Cờ thi đua (2024), Phòng A1's Bằng khen tỉnh (2025) and CSTĐCS (2026).
    assert table(charts.awards_by_level(officer_a, tree["a"], YEAR)) == {
        "2022": [0, 0, 0, 0], "2023": [0, 0, 0, 0], "2024": [0, 1, 0, 1], "2025": [0, 1, 0, 1], "2026": [0, 0, 1, 1]}
    assert table(charts.awards_by_level(officer_b, tree["b"], YEAR))["2026"] == [1, 0, 1, 2]


def test_the_five_years_end_with_the_chosen_one(secretariat, tree, year_of_figures):
    chart = charts.awards_by_level(secretariat, tree["root"], 2025)

    assert chart.categories == ["2021", "2022", "2023", "2024", "2025"]
    assert table(chart)["2021"] == [0, 0, 1, 1]  # the Giấy khen of 31/12/2021


def test_registration_progress_of_running_movements(secretariat, officer_a, tree, year_of_figures):
    chart = charts.registration_progress(secretariat, tree["root"])

    # The movement without a registration deadline is not drawn.
    assert chart.headers == ["Phong trào", "Đã duyệt", "Chờ thủ trưởng duyệt", "Đang lập, trả lại", "Chưa đăng ký",
                             "Tổng"]
    assert chart.rows == [["Phong trào thi đua yêu nước năm 2026", 1, 1, 1, 1, 4]]
    assert chart.note == "Đơn vị đã được duyệt đăng ký: 1/4 (25%)."
    # Sở Nội vụ's officer: Sở Nội vụ (approved) and Phòng A1 (draft).
    assert charts.registration_progress(officer_a, tree["a"]).rows == [
        ["Phong trào thi đua yêu nước năm 2026", 1, 0, 1, 0, 2]]


def test_dossiers_by_state(secretariat, officer_a, tree, year_of_figures):
    chart = charts.dossiers_by_state(secretariat, tree["root"], YEAR)

    # The dossier opened in 2025 is not counted (the one of 2025 achievements opened in 2026 is);
    # states in the workflow's order.
    assert chart.rows == [["Đang lập", 1], ["Đang thẩm định", 1], ["Trả lại để bổ sung, sửa", 1],
                          ["Đã có quyết định khen thưởng", 1]]
    assert charts.dossiers_by_state(officer_a, tree["a"], YEAR).rows == [["Đang lập", 1], ["Đang thẩm định", 1]]


def test_on_time_rate_against_the_steps_deadlines(secretariat, officer_a, tree, year_of_figures):
    chart = charts.on_time(secretariat, tree["root"], YEAR)

    assert chart.headers == ["Bước xử lý", "Đúng hạn", "Quá hạn", "Tổng"]
    assert chart.rows == [["Lập, trình hồ sơ", 2, 1, 3], ["Tiếp nhận, kiểm tra", 2, 1, 3], ["Thẩm định", 2, 1, 3],
                          ["Bổ sung, sửa hồ sơ", 0, 1, 1]]
    assert chart.note == "Tỷ lệ bước xử lý đúng hạn: 6/10 (60%)."
    mine = charts.on_time(officer_a, tree["a"], YEAR)
    assert mine.rows == [["Lập, trình hồ sơ", 1, 0, 1], ["Tiếp nhận, kiểm tra", 1, 0, 1], ["Thẩm định", 0, 1, 1]]
    assert mine.note == "Tỷ lệ bước xử lý đúng hạn: 2/3 (67%)."


def test_a_step_within_its_deadline_is_not_counted_yet(secretariat, tree, year_of_figures):
    # On 01/04 the review of Sở Nội vụ's dossier was still within its deadline (09/04).
    chart = charts.on_time(secretariat, tree["root"], YEAR, today=dt.date(2026, 4, 1))

    assert table(chart)["Thẩm định"] == [2, 0, 2]


def test_fund_by_year(secretariat, head_a, tree, year_of_figures):
    chart = charts.fund_by_year(secretariat, tree["root"], YEAR)

    assert chart.headers == ["Năm", "Thu vào quỹ (đồng)", "Chi thưởng (đồng)", "Thu hồi về quỹ (đồng)"]
    # 2026's receipts: 20 + 5 million of the province (the 2 million reversed count for
    # nothing) and Sở Nội vụ's 3 million.
    assert table(chart) == {"2022": [0, 0, 0], "2023": [0, 0, 0], "2024": [0, 0, 0],
                            "2025": [50_000_000, 1_000_000, 0], "2026": [28_000_000, 4_300_000, 1_000_000]}
    assert "Năm năm: thu 78.000.000 đ, chi sau thu hồi 4.300.000 đ, chênh lệch 73.700.000 đ." in chart.note
    # The head of Sở Nội vụ signs for its fund alone.
    assert table(charts.fund_by_year(head_a, tree["a"], YEAR))["2026"] == [3_000_000, 500_000, 0]


def test_the_fund_is_not_shown_to_who_keeps_none(officer_a, tree, year_of_figures):
    chart = charts.fund_by_year(officer_a, tree["a"], YEAR)

    assert chart.unavailable and chart.rows == []


def test_a_council_member_sees_the_dossiers_but_not_the_awards_nor_the_fund(tree, year_of_figures):
    member = make_user("hoidong", Role.COUNCIL_MEMBER, tree["root"], "Vũ Văn Hội")

    assert charts.awards_by_level(member, tree["root"], YEAR).unavailable
    assert charts.fund_by_year(member, tree["root"], YEAR).unavailable
    assert not charts.dossiers_by_state(member, tree["root"], YEAR).unavailable


def test_a_step_ends_where_another_deadline_is_set():
    at = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
    day = dt.timedelta(days=1)
    steps = charts.dossier_steps([
        (at, "create", "", "draft", dt.date(2026, 3, 4)),
        # Submitted with the same date as the draft's: still a step of its own (the table starts its clock).
        (at + day, "submit", "draft", "submitted", dt.date(2026, 3, 4)),
        (at + 2 * day, "receive", "submitted", "received", dt.date(2026, 3, 30)),
        (at + 5 * day, "accept", "received", "under_review", dt.date(2026, 3, 30)),  # the clock runs on
        (at + 6 * day, "open_consultation", "under_review", "consultation", dt.date(2026, 3, 20)),
        (at + 20 * day, "close_consultation", "consultation", "under_review", dt.date(2026, 4, 3)),
        (at + 25 * day, "cancel", "under_review", "cancelled", None),
    ], dt.date(2026, 6, 1))

    assert [(s.label, s.due, s.done) for s in steps] == [
        ("Lập, trình hồ sơ", dt.date(2026, 3, 4), dt.date(2026, 3, 2)),
        ("Tiếp nhận, kiểm tra", dt.date(2026, 3, 4), dt.date(2026, 3, 3)),
        ("Thẩm định", dt.date(2026, 3, 30), dt.date(2026, 3, 7)),
        ("Lấy ý kiến công khai", dt.date(2026, 3, 20), dt.date(2026, 3, 21)),
        ("Thẩm định", dt.date(2026, 4, 3), dt.date(2026, 3, 26))]
