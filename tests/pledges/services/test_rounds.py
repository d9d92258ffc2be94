import datetime as dt
from decimal import Decimal

import pytest

from tests.pledges.conftest import FULL, REVIEW_DEADLINE, SELF_DEADLINE, VN, YEAR, entries, review, self_score, sheet_of
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.pledges import selectors, services
from thidua.pledges.models import Pledge, PledgeStatus, Proposal, RoundStatus, ScoringRound


def last_event(action):
    return AuditEvent.objects.filter(action=action).order_by("-id").first()


def score_all(rnd, units, officer_a, officer_b, officer_c, c_points=None):
    self_score(officer_a, rnd, units["a"], {"1.1": 30})  # 91
    self_score(officer_b, rnd, units["b"])  # 89
    self_score(officer_c, rnd, units["c"], {"3.1": 2, **(c_points or {})})  # 91, fewer standard points
    review(officer_a, rnd, units["b"])
    review(officer_a, rnd, units["c"])
    review(officer_b, rnd, units["a"])


def test_round_open_is_audited_and_checks_its_dates(pledge, secretariat, officer_a, officer_c):
    with pytest.raises(PermissionDenied):
        services.round_open(actor=officer_c, pledge=pledge, name="X", self_score_deadline=SELF_DEADLINE,
                            review_deadline=REVIEW_DEADLINE)
    with pytest.raises(ApplicationError) as exc:
        services.round_open(actor=officer_a, pledge=pledge, name="X", self_score_deadline=REVIEW_DEADLINE,
                            review_deadline=SELF_DEADLINE)
    assert exc.value.message == services.DEADLINES_ORDER
    with pytest.raises(ApplicationError) as exc:
        services.round_open(actor=officer_a, pledge=pledge, name="X", self_score_deadline=dt.date(2025, 11, 30),
                            review_deadline=REVIEW_DEADLINE)
    assert exc.value.message == services.DEADLINE_PAST % {"what": "tự chấm điểm"}
    rnd = services.round_open(actor=officer_a, pledge=pledge, name="Chấm điểm năm 2025",
                              self_score_deadline=SELF_DEADLINE, review_deadline=REVIEW_DEADLINE)
    assert rnd.opened_by == officer_a and rnd.state == RoundStatus.OPEN
    assert last_event("round.open").after["name"] == "Chấm điểm năm 2025"
    with pytest.raises(ApplicationError) as exc:
        services.round_open(actor=officer_a, pledge=pledge, name="Lần hai", self_score_deadline=SELF_DEADLINE,
                            review_deadline=REVIEW_DEADLINE)
    assert exc.value.message == services.YEAR_END_EXISTS
    mid = services.round_open(actor=officer_a, pledge=pledge, name="Sơ kết", kind="so_ket",
                              self_score_deadline=SELF_DEADLINE, review_deadline=REVIEW_DEADLINE)
    assert not mid.proposes_awards


def test_ranking_waits_for_the_self_scoring_deadline_and_for_reviews(rnd, units, officer_a, officer_b,
                                                                     time_machine):
    self_score(officer_b, rnd, units["b"])
    with pytest.raises(ApplicationError) as exc:
        services.round_rank(actor=officer_a, round=rnd)
    assert exc.value.message == services.SELF_SCORING_NOT_OVER % {"date": "10/12/2025", "n": 2}
    time_machine.move_to(dt.datetime(2025, 12, 11, 8, tzinfo=VN))
    with pytest.raises(ApplicationError) as exc:
        services.round_rank(actor=officer_a, round=rnd)
    assert exc.value.message == services.NOT_REVIEWED % {"units": "Sở Y tế"}
    review(officer_a, rnd, units["b"])
    rows = services.round_rank(actor=officer_a, round=rnd)
    assert [(r.name, r.rank, r.submitted) for r in rows] == [
        ("Sở Y tế", 1, True), ("Sở Nội vụ", 2, False), ("Sở Tài chính", 2, False)]


def test_rank_writes_the_proposals_with_the_tie_break(rnd, units, secretariat, officer_a, officer_b, officer_c):
    score_all(rnd, units, officer_a, officer_b, officer_c)
    rows = services.round_rank(actor=officer_a, round=rnd)
    assert [(r.name, r.total, r.rank) for r in rows] == [
        ("Sở Nội vụ", Decimal(91), 1), ("Sở Tài chính", Decimal(91), 2), ("Sở Y tế", Decimal(89), 3)]
    assert rows[1].decided_by == "standard"
    # flags_per_bloc = 1 in rule set 2025; bk_proposals = 2 by default
    assert list(Proposal.objects.filter(round=rnd).order_by("rank").values_list("unit__code", "code", "rank",
                                                                                  "total")) == [
        ("T.A", "CO_TINH", 1, Decimal("91.00")), ("T.C", "BK_TINH", 2, Decimal("91.00")),
        ("T.B", "BK_TINH", 3, Decimal("89.00"))]
    rnd.refresh_from_db()
    assert rnd.ranked_by == officer_a and rnd.ranked_at is not None
    event = last_event("round.rank")
    flag, bk = "Cờ thi đua cấp bộ, ban, ngành, tỉnh", "Bằng khen cấp bộ, ban, ngành, tỉnh"
    assert event.after["proposals"] == [f"Sở Nội vụ: {flag}", f"Sở Tài chính: {bk}", f"Sở Y tế: {bk}"]
    assert event.after["ranking"][0] == "1. Sở Nội vụ — 91"
    assert "Số cờ mỗi khối: 1" in event.after["basis"] and "flags_per_bloc" not in event.after["basis"]
    # ranking again after a review change rewrites them
    sheet = sheet_of(rnd, units["a"])
    services.score_review_set(actor=officer_b, sheet=sheet, entries=entries(sheet, {"1.1": 27},
                                                                            {"1.1": "Thiếu minh chứng chỉ tiêu 3"}))
    assert selectors.round_ranking(ScoringRound.objects.get(pk=rnd.pk)).stale
    services.round_rank(actor=secretariat, round=rnd)
    assert Proposal.objects.get(round=rnd, code="CO_TINH").unit == units["c"]
    assert Proposal.objects.filter(round=rnd).count() == 3
    assert last_event("round.rank").before["proposals"][0] == "Sở Nội vụ: Cờ thi đua cấp bộ, ban, ngành, tỉnh"


def test_a_member_cannot_rank(rnd, officer_c):
    with pytest.raises(PermissionDenied):
        services.round_rank(actor=officer_c, round=rnd)


def test_a_mid_year_round_proposes_nothing(pledge, units, secretariat, officer_a, officer_b, officer_c):
    mid = services.round_open(actor=secretariat, pledge=pledge, name="Sơ kết 6 tháng", kind="so_ket",
                              self_score_deadline=SELF_DEADLINE, review_deadline=REVIEW_DEADLINE)
    score_all(mid, units, officer_a, officer_b, officer_c)
    rows = services.round_rank(actor=officer_a, round=mid)
    assert rows[0].name == "Sở Nội vụ" and not Proposal.objects.exists()


def test_lock_freezes_scores_and_proposals(rnd, units, pledge, secretariat, officer_a, officer_b, officer_c):
    score_all(rnd, units, officer_a, officer_b, officer_c)
    services.round_lock(actor=officer_a, round=rnd)
    rnd.refresh_from_db()
    assert (rnd.state, rnd.locked_by) == (RoundStatus.LOCKED, officer_a) and rnd.ranked_at is not None
    assert list(selectors.proposals_final(year=YEAR).values_list("unit__code", "code")) == [
        ("T.A", "CO_TINH"), ("T.C", "BK_TINH"), ("T.B", "BK_TINH")]
    assert last_event("round.lock").after == {"state": "Đã chốt kết quả"}
    sheet = sheet_of(rnd, units["b"])
    with pytest.raises(ApplicationError) as exc:
        services.score_review_set(actor=officer_a, sheet=sheet, entries=entries(sheet, {**FULL, "1.1": 1},
                                                                                 {"1.1": "x"}))
    assert exc.value.message == services.ROUND_LOCKED
    for fn in (services.round_rank, services.round_lock):
        with pytest.raises(ApplicationError):
            fn(actor=officer_a, round=rnd)
    services.pledge_close(actor=secretariat, pledge=pledge)
    assert Pledge.objects.get(pk=pledge.pk).state == PledgeStatus.CLOSED


def test_the_secretariat_reopens_with_a_reason(rnd, units, secretariat, officer_a, officer_b, officer_c,
                                               time_machine):
    self_score(officer_a, rnd, units["a"])
    self_score(officer_b, rnd, units["b"])
    review(officer_a, rnd, units["b"])
    review(officer_b, rnd, units["a"])
    time_machine.move_to(dt.datetime(2025, 12, 16, 8, tzinfo=VN))
    services.round_lock(actor=officer_a, round=rnd)  # Sở Tài chính never sent its sheet
    assert selectors.proposals_final(year=YEAR).count() == 2
    new_dates = {"self_score_deadline": dt.date(2025, 12, 18), "review_deadline": dt.date(2025, 12, 22)}
    with pytest.raises(PermissionDenied):
        services.round_reopen(actor=officer_a, round=rnd, reason="Gia hạn", **new_dates)
    with pytest.raises(ApplicationError) as exc:
        services.round_reopen(actor=secretariat, round=rnd, reason="  ", **new_dates)
    assert exc.value.message == services.REASON_REQUIRED
    services.round_reopen(actor=secretariat, round=rnd, reason="Sở Tài chính gặp sự cố phần mềm, xin gia hạn",
                          **new_dates)
    rnd.refresh_from_db()
    assert (rnd.state, rnd.self_score_deadline, rnd.locked_at) == (RoundStatus.OPEN, dt.date(2025, 12, 18), None)
    event = last_event("round.reopen")
    assert event.reason == "Sở Tài chính gặp sự cố phần mềm, xin gia hạn"
    assert event.before["state"] == "Đã chốt kết quả" and event.after["self_score_deadline"] == "2025-12-18"
    assert not selectors.proposals_final(year=YEAR).exists()  # not final until locked again
    self_score(officer_c, rnd, units["c"], {"1.1": 30, "1.2": 30})
    review(officer_a, rnd, units["c"])
    services.round_lock(actor=secretariat, round=rnd)
    assert selectors.proposals_final(year=YEAR, code="CO_TINH").get().unit == units["c"]
