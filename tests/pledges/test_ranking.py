"""Table tests of the ranking rules (pure: no database)."""

from decimal import Decimal as D

import pytest

from thidua.pledges.ranking import NOT_SUBMITTED_NOTE, CriterionInfo, UnitPoints, fmt, propose, rank

# Groups of standard criteria: I = criteria 1, 2; II = criterion 3. Then a bonus (4) and a deduction (5).
CRITERIA = [CriterionInfo(1, "standard", 0), CriterionInfo(2, "standard", 0), CriterionInfo(3, "standard", 1),
            CriterionInfo(4, "bonus", None), CriterionInfo(5, "deduction", None)]
LABELS = ["I", "II"]


def unit(uid, name, p1=0, p2=0, p3=0, bonus=0, minus=0, submitted=True):
    return UnitPoints(uid, name, submitted, {1: D(p1), 2: D(p2), 3: D(p3), 4: D(bonus), 5: D(minus)})


def ranked(*units):
    return rank(CRITERIA, units, LABELS)


def test_total_is_standard_plus_bonus_minus_deductions():
    (row,) = ranked(unit(1, "A", 30, 25, 20, bonus=3, minus="1.5"))
    assert (row.standard, row.bonus, row.deduction, row.total) == (D(75), D(3), D("1.5"), D("76.5"))
    assert row.groups == (D(55), D(20))


@pytest.mark.parametrize(("units", "order", "decided"), [
    # higher total first, no tie-break needed
    ([unit(1, "A", 20), unit(2, "B", 30)], ["B", "A"], ["", ""]),
    # equal totals: more standard points (less bonus) wins
    ([unit(1, "A", 28, bonus=2), unit(2, "B", 30)], ["B", "A"], ["", "standard"]),
    # equal totals and standard points: fewer deductions wins
    ([unit(1, "A", 30, 2, bonus=2, minus=2), unit(2, "B", 30, 2, bonus=0, minus=0)], ["B", "A"], ["", "deduction"]),
    # equal on all that: group I decides
    ([unit(1, "A", 10, 10, 20), unit(2, "B", 20, 10, 10)], ["B", "A"], ["", "group:0"]),
    # bonus points do not count in the group comparison
    ([unit(1, "A", 10, 10, 20, bonus=0, minus=1), unit(2, "B", 10, 10, 19, bonus=1, minus=1)],
     ["A", "B"], ["", "standard"]),
])
def test_tie_break_chain(units, order, decided):
    rows = ranked(*units)
    assert [r.name for r in rows] == order
    assert [r.decided_by for r in rows] == decided
    assert [r.rank for r in rows] == [1, 2]


def test_group_order_decides_when_everything_else_is_equal():
    a = UnitPoints(1, "A", True, {1: D(10), 3: D(10), 4: D(2), 5: D(1)})
    b = UnitPoints(2, "B", True, {1: D(12), 3: D(8), 4: D(2), 5: D(1)})
    rows = rank(CRITERIA, [a, b], LABELS)
    assert [r.name for r in rows] == ["B", "A"]
    assert rows[1].decided_by == "group:0"
    assert "nhóm I thấp hơn (10 so với 12)" in rows[1].explanation


def test_full_tie_shares_the_rank_and_lists_by_name():
    rows = ranked(unit(1, "Sở Y tế", 20), unit(2, "Sở Nội vụ", 20), unit(3, "Sở Công Thương", 25))
    assert [(r.name, r.rank, r.tied_with_above) for r in rows] == [
        ("Sở Công Thương", 1, False), ("Sở Nội vụ", 2, False), ("Sở Y tế", 2, True)]
    assert rows[2].decided_by == "tie"
    assert "Đồng hạng với Sở Nội vụ" in rows[2].explanation


def test_units_that_did_not_submit_come_last_and_share_the_last_rank():
    rows = ranked(unit(1, "B", 0, submitted=False), unit(2, "A", 5), unit(3, "C", 90, submitted=False), unit(4, "D", 1))
    assert [(r.name, r.rank) for r in rows] == [("A", 1), ("D", 2), ("B", 3), ("C", 3)]
    assert rows[2].explanation == rows[3].explanation == NOT_SUBMITTED_NOTE
    assert rows[2].total == 0  # a unit that did not submit has no accepted points counted


def test_deductions_can_make_a_total_negative_and_rank_it_below_zero():
    rows = ranked(unit(1, "A", minus=5), unit(2, "B"))
    assert [(r.name, r.total) for r in rows] == [("B", D(0)), ("A", D(-5))]


def test_propose_flags_then_bk_and_never_a_unit_that_did_not_submit():
    rows = ranked(unit(1, "A", 30), unit(2, "B", 29), unit(3, "C", 28), unit(4, "D", 99, submitted=False))
    chosen = propose(rows, flags=1, bk=5)
    assert [(r.name, r.proposal) for r in chosen] == [("A", "CO_TINH"), ("B", "BK_TINH"), ("C", "BK_TINH")]
    assert rows[3].proposal == ""


def test_a_tie_across_the_flag_cut_is_noted_for_a_vote():
    rows = ranked(unit(1, "Sở Y tế", 30), unit(2, "Sở Nội vụ", 30), unit(3, "Sở Tư pháp", 10))
    propose(rows, flags=1, bk=0)
    first, second, _third = rows
    assert (first.name, first.proposal, second.proposal) == ("Sở Nội vụ", "CO_TINH", "")
    assert "Khối cần biểu quyết" in first.proposal_note and "Sở Y tế" in first.proposal_note


def test_no_flags_configured_proposes_only_bk():
    rows = ranked(unit(1, "A", 30), unit(2, "B", 29))
    assert [(r.name, r.proposal) for r in propose(rows, flags=0, bk=1)] == [("A", "BK_TINH")]


@pytest.mark.parametrize(("value", "text"), [(D("95.50"), "95,5"), (D("100.00"), "100"), (D("-2.25"), "-2,25"),
                                             (D("0"), "0")])
def test_vietnamese_number_format(value, text):
    assert fmt(value) == text


def test_the_second_group_decides_when_the_first_is_equal():
    criteria = [CriterionInfo(1, "standard", 0), CriterionInfo(2, "standard", 1), CriterionInfo(3, "standard", 2)]
    a = UnitPoints(1, "A", True, {1: D(50), 2: D(18), 3: D(20)})
    b = UnitPoints(2, "B", True, {1: D(50), 2: D(19), 3: D(19)})
    rows = rank(criteria, [a, b], ["I", "II", "III"])
    assert [r.name for r in rows] == ["B", "A"] and rows[1].decided_by == "group:1"
    assert "nhóm II thấp hơn (18 so với 19)" in rows[1].explanation
