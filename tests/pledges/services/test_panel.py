"""Cross-scoring (chấm chéo): panel units score the others; the accepted points are the mean."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from tests.pledges.conftest import FULL, REVIEW_DEADLINE, SELF_DEADLINE, entries, self_score, sheet_of
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.pledges import services
from thidua.pledges.models import PanelMember, PanelScore, Score


@pytest.fixture
def panel_round(pledge, secretariat, units):
    return services.round_open(actor=secretariat, pledge=pledge, name="Chấm chéo năm 2025", mode="panel",
                               self_score_deadline=SELF_DEADLINE, review_deadline=REVIEW_DEADLINE,
                               panel_units=[units["a"], units["b"]])


def panel(user, rnd, reviewer, unit, points):
    sheet = sheet_of(rnd, unit)
    loaded = {p.criterion.code: p.version for p in PanelScore.objects.filter(sheet=sheet, reviewer_unit=reviewer)
              .select_related("criterion")}
    rows = [services.Entry(e.criterion_id, e.points, "", loaded.get(code, 0))
            for code, e in zip(points, entries(sheet, points), strict=True)]
    return services.panel_score_set(actor=user, sheet=sheet, reviewer_unit=reviewer, entries=rows)


def test_the_panel_is_recorded_and_audited(panel_round, units):
    assert set(PanelMember.objects.filter(round=panel_round).values_list("unit__code", flat=True)) == {"T.A", "T.B"}
    event = AuditEvent.objects.get(action="round.panel_set")
    assert event.after == {"panel": ["Sở Nội vụ", "Sở Y tế"]}


def test_accepted_points_are_the_panels_mean(panel_round, units, officer_a, officer_b, officer_c):
    self_score(officer_c, panel_round, units["c"])
    panel(officer_a, panel_round, units["a"], units["c"], {**FULL, "1.1": 25})
    s = Score.objects.get(sheet__round=panel_round, sheet__unit=units["c"], criterion__code="1.1")
    assert s.accepted_points == Decimal(25)
    panel(officer_b, panel_round, units["b"], units["c"], {**FULL, "1.1": "26.5"})
    s.refresh_from_db()
    assert s.accepted_points == Decimal("25.75")
    assert s.review_comment == "Trung bình điểm chấm chéo của 2 đơn vị."
    event = AuditEvent.objects.filter(action="score.panel_set").order_by("-id").first()
    assert event.after["đơn vị chấm"] == "Sở Y tế" and event.after["1.1"] == "26,5"


def test_a_panel_unit_never_scores_itself(panel_round, units, officer_a, officer_b):
    self_score(officer_a, panel_round, units["a"])
    with pytest.raises(ApplicationError) as exc:
        panel(officer_a, panel_round, units["a"], units["a"], FULL)
    assert exc.value.message == services.SELF_REVIEW
    panel(officer_b, panel_round, units["b"], units["a"], FULL)  # the other panel unit does
    sheet = sheet_of(panel_round, units["a"])
    with pytest.raises(IntegrityError), transaction.atomic():
        PanelScore.objects.create(sheet=sheet, unit=units["a"], reviewer_unit=units["a"],
                                  criterion=sheet.scores.first().criterion, points=1)


def test_only_panel_units_cross_score_and_only_for_their_own_unit(panel_round, units, officer_a, officer_c,
                                                                   officer_b):
    self_score(officer_b, panel_round, units["b"])
    with pytest.raises(ApplicationError) as exc:
        panel(officer_c, panel_round, units["c"], units["b"], FULL)
    assert exc.value.message == services.NOT_IN_PANEL % {"unit": "Sở Tài chính"}
    with pytest.raises(PermissionDenied):
        panel(officer_c, panel_round, units["a"], units["b"], FULL)  # acting for a unit that is not its own
    with pytest.raises(ApplicationError) as exc:
        services.score_review_set(actor=officer_a, sheet=sheet_of(panel_round, units["b"]),
                                  entries=entries(sheet_of(panel_round, units["b"]), FULL))
    assert exc.value.message == services.NOT_LEADER_MODE


def test_panel_changes(panel_round, units, secretariat, officer_a, officer_c):
    with pytest.raises(ApplicationError) as exc:
        services.round_panel_set(actor=secretariat, round=panel_round, units=[units["a"]])
    assert exc.value.message == services.PANEL_TOO_SMALL
    with pytest.raises(ApplicationError):
        services.round_panel_set(actor=secretariat, round=panel_round, units=[units["a"], units["d"]])
    self_score(officer_c, panel_round, units["c"])
    panel(officer_a, panel_round, units["a"], units["c"], FULL)
    with pytest.raises(ApplicationError) as exc:
        services.round_panel_set(actor=secretariat, round=panel_round, units=[units["b"], units["c"]])
    assert exc.value.message == services.PANEL_MEMBER_HAS_SCORED % {"unit": "Sở Nội vụ"}
    services.round_panel_set(actor=secretariat, round=panel_round, units=[units["a"], units["b"], units["c"]])
    assert PanelMember.objects.filter(round=panel_round).count() == 3


def test_ranking_waits_for_every_panel_unit(panel_round, units, officer_a, officer_b, officer_c, time_machine):
    import datetime as dt

    from tests.pledges.conftest import VN

    for user, key in ((officer_a, "a"), (officer_b, "b"), (officer_c, "c")):
        self_score(user, panel_round, units[key])
    panel(officer_a, panel_round, units["a"], units["b"], FULL)
    panel(officer_a, panel_round, units["a"], units["c"], FULL)
    panel(officer_b, panel_round, units["b"], units["a"], FULL)
    time_machine.move_to(dt.datetime(2025, 12, 12, 9, tzinfo=VN))
    with pytest.raises(ApplicationError) as exc:
        services.round_rank(actor=officer_a, round=panel_round)
    assert exc.value.message == services.NOT_REVIEWED % {"units": "Sở Tài chính"}
    panel(officer_b, panel_round, units["b"], units["c"], {**FULL, "1.1": 30})
    rows = services.round_rank(actor=officer_a, round=panel_round)
    assert rows[0].name == "Sở Tài chính"  # (28 + 30) / 2 = 29 on 1.1
