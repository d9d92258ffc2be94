"""Every cell of the three forms for the hand-made year of `conftest.ledger`, worked out
by hand: the awards numbered there are named beside each row."""

import pytest

from tests.reports.conftest import D, award
from thidua.movements.models import Movement
from thidua.reports import figures

Z4, Z5, Z10 = [0] * 4, [0] * 5, [0] * 10

# 0603: columns Tổng số, Bằng khen, CSTĐ cấp tỉnh, Cờ thi đua, Kỷ niệm chương.
EXPECTED_0603 = {
    "01": [10, 7, 1, 1, 1],  # 1 2 3 4 5 6 7 8 9 19
    "02": [3, 2, 0, 1, 0],   # collectives: 4 5 19
    "03": [2, 1, 0, 1, 0],   # enterprises: 4 (DNNN), 19 (sector above)
    "04": [1, 1, 0, 0, 0],   # household: 6
    "05": [6, 4, 1, 0, 1],   # individuals: 1 2 3 7 8 9
    "06": [1, 0, 1, 0, 0],   # p3, by the person's group (no snapshot on 3)
    "07": [1, 1, 0, 0, 0],   # 1
    "08": [1, 0, 0, 0, 1],   # 7
    "09": Z5,                # p4 is a leader now, a direct worker when awarded
    "10": [2, 2, 0, 0, 0],   # 2 8
    "11": [5, 3, 1, 1, 0],   # công trạng: 1 3 4 6 19
    "12": [1, 1, 0, 0, 0],   # 2
    "13": [1, 1, 0, 0, 0],   # 5
    "14": [1, 1, 0, 0, 0],   # 9
    "15": [1, 0, 0, 0, 1],   # 7
    "16": [1, 1, 0, 0, 0],   # 8
    "17": Z5,
}
# 0602: Tổng số, Huân chương, Huy chương, GT HCM, GT NN, DHVD, Cờ CP, BK TTg, CSTĐ TQ, khác.
EXPECTED_0602 = {
    "01": [4, 1, 0, 0, 0, 0, 1, 1, 1, 0],  # 15 16 17 18
    "02": Z10,
    "03": [4, 1, 0, 0, 0, 0, 1, 1, 1, 0],
    "06": [2, 0, 0, 0, 0, 0, 1, 1, 0, 0],  # 16 17
    "07": [1, 0, 0, 0, 0, 0, 1, 0, 0, 0],  # 17
    "08": Z10,
    "09": [2, 1, 0, 0, 0, 0, 0, 0, 1, 0],  # 15 18
    "10": [1, 1, 0, 0, 0, 0, 0, 0, 0, 0],  # 15 (p3)
    "11": [1, 0, 0, 0, 0, 0, 0, 0, 1, 0],  # 18 (p1)
    "12": Z10, "13": Z10, "14": Z10,
    "15": [3, 1, 0, 0, 0, 0, 1, 0, 1, 0],  # 15 17 18
    "16": [1, 0, 0, 0, 0, 0, 0, 1, 0, 0],  # 16
    "17": Z10, "18": Z10, "19": Z10, "20": Z10, "21": Z10,
}
# 0601: Tổng số, Trung ương, tỉnh, cơ quan.
EXPECTED_0601 = {
    "01": [4, 0, 2, 2],
    "02": Z4,
    "03": [1, 0, 1, 0],  # the province's yearly movement
    "04": [1, 0, 1, 0],  # the thematic one in blocs
    "05": [2, 0, 0, 2],  # Sở A's, Sở B's
    "06": [1, 0, 0, 1],  # 3 months
    "07": [1, 0, 1, 0],  # the yearly one, no dates
    "08": [1, 0, 1, 0],  # 24 months
    "09": Z4,
    "10": [1, 0, 0, 1],  # 60 months
    "11": [3, 0, 1, 2],
    "12": [1, 0, 1, 0],
}


def _table(fig) -> dict[str, list[int]]:
    return {row.code: counts for row, counts in fig.lines() if counts is not None}


@pytest.mark.parametrize(("slug", "expected"), [("0601", EXPECTED_0601), ("0602", EXPECTED_0602),
                                                ("0603", EXPECTED_0603)])
def test_every_cell_matches_the_hand_count(ledger, secretariat, slug, expected):
    fig = figures.figures(secretariat, ledger["root"], 2025, figures.layout(slug))
    assert _table(fig) == expected


def test_a_cell_lists_what_it_counts(ledger, secretariat):
    form = figures.layout("0603")
    for code, counts in EXPECTED_0603.items():
        for col, n in enumerate(counts):
            assert figures.award_cell(secretariat, ledger["root"], 2025, form, code, col).count() == n, (code, col)
    for code, counts in EXPECTED_0601.items():
        for col, n in enumerate(counts):
            assert figures.movement_cell(secretariat, ledger["root"], 2025, code, col).count() == n, (code, col)


def test_a_department_counts_its_subtree_only(ledger, officer_a):
    fig = figures.figures(officer_a, ledger["a"], 2025, figures.layout("0603"))
    table = _table(fig)
    assert table["01"] == [5, 5, 0, 0, 0]  # 1 2 6 8 9
    assert table["02"] == Z5
    assert table["04"] == [1, 1, 0, 0, 0]
    assert table["10"] == [2, 2, 0, 0, 0]
    movements = _table(figures.figures(officer_a, ledger["a"], 2025, figures.layout("0601")))
    assert movements["01"] == [1, 0, 0, 1]


def test_an_officer_reporting_for_the_province_sees_only_their_part(ledger, officer_a):
    # The scope narrows the count even when the unit asked is above it (the view refuses
    # such a unit; the reading stays safe on its own).
    fig = figures.figures(officer_a, ledger["root"], 2025, figures.layout("0603"))
    assert _table(fig)["01"] == [5, 5, 0, 0, 0]


def test_each_form_takes_a_fixed_number_of_queries(ledger, secretariat, django_assert_max_num_queries):
    # The grants, the trees, the only-root check, and the figures themselves.
    layouts = figures.all_layouts()
    for form in layouts:
        with django_assert_max_num_queries(4):
            figures.figures(secretariat, ledger["root"], 2025, form)



def test_december_after_the_cut_off_counts_in_the_next_year(ledger, secretariat):
    """The statistics' year ends on 30/11: a Bằng khen signed on 10/12/2025 and a campaign
    started on 05/12/2025 are in the report of 2026, received on 15/12/2026, not of 2025."""
    root = ledger["root"]
    award("BK_TINH", unit=ledger["b"], held=ledger["b"], on=D(2025, 12, 10))
    Movement.objects.create(organiser=ledger["a"], name="Đợt thi đua cuối năm", kind="dot", year=2025,
                            starts_on=D(2025, 12, 5), ends_on=D(2026, 1, 31))
    awards, movements = figures.layout("0603"), figures.layout("0601")
    assert _table(figures.figures(secretariat, root, 2025, awards))["01"] == EXPECTED_0603["01"]
    assert _table(figures.figures(secretariat, root, 2025, movements))["01"] == EXPECTED_0601["01"]
    assert _table(figures.figures(secretariat, root, 2026, awards))["02"] == [1, 1, 0, 0, 0]
    assert [m.name for m in figures.movement_cell(secretariat, root, 2026, "01", 0)] == ["Đợt thi đua cuối năm"]
