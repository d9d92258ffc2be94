"""Scoring rounds: open one with its sheets, set its cross-scoring panel, reopen it."""

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core import audit
from thidua.core.errors import ApplicationError
from thidua.core.text import clean_name
from thidua.org.models import Unit
from thidua.pledges import audit_actions as A
from thidua.pledges import machines, policy
from thidua.pledges.machines import ROUNDS
from thidua.pledges.models import (
    PanelMember,
    PanelScore,
    Pledge,
    RoundKind,
    RoundMode,
    Score,
    ScoreSheet,
    ScoringRound,
)
from thidua.pledges.services.common import _lock_pledge, _lock_round, _shown, _standing
from thidua.pledges.services.messages import (
    DEADLINE_PAST,
    DEADLINES_ORDER,
    NO_MEMBERS,
    NOT_A_MEMBER,
    NOT_PANEL_MODE,
    PANEL_MEMBER_HAS_SCORED,
    PANEL_TOO_SMALL,
    YEAR_END_EXISTS,
)
from thidua.pledges.services.states import _require_open, _require_round_not_locked

ROUND_FIELDS = ["name", "kind", "self_score_deadline", "review_deadline", "mode", "bk_proposals", "state"]
DEADLINES = ["self_score_deadline", "review_deadline"]


def _check_deadlines(self_score_deadline: dt.date, review_deadline: dt.date) -> None:
    if review_deadline < self_score_deadline:
        raise ApplicationError(DEADLINES_ORDER, {"field": "review_deadline"})
    if review_deadline < timezone.localdate():
        raise ApplicationError(DEADLINE_PAST % {"what": _("thẩm định")}, {"field": "review_deadline"})


def _ensure_sheets(rnd: ScoringRound, unit_ids: Iterable[int]) -> None:
    """A sheet and blank scores for every unit of UNIT_IDS that has none yet."""
    have = set(rnd.sheets.values_list("unit_id", flat=True))
    missing = [u for u in unit_ids if u not in have]
    if not missing:
        return
    ScoreSheet.objects.bulk_create(ScoreSheet(round=rnd, unit_id=u) for u in missing)
    sheets = list(rnd.sheets.filter(unit_id__in=missing).values_list("pk", flat=True))
    criteria = list(rnd.pledge.criteria.values_list("pk", flat=True))
    Score.objects.bulk_create((Score(sheet_id=s, criterion_id=c) for s in sheets for c in criteria), batch_size=1000)


@transaction.atomic
def round_open(*, actor, pledge: Pledge, name: str, self_score_deadline: dt.date, review_deadline: dt.date,
               kind: str = RoundKind.YEAR_END, mode: str = RoundMode.LEADER, bk_proposals: int = 2,
               panel_units: Sequence[Unit] = ()) -> ScoringRound:
    """Open a scoring round: a sheet with blank scores for every member unit of the year."""
    pledge = _lock_pledge(pledge)
    standing = _standing(actor, pledge)
    policy.require(standing.organiser)
    _require_open(pledge)
    if self_score_deadline < timezone.localdate():
        raise ApplicationError(DEADLINE_PAST % {"what": _("tự chấm điểm")}, {"field": "self_score_deadline"})
    _check_deadlines(self_score_deadline, review_deadline)
    if kind == RoundKind.YEAR_END and pledge.rounds.filter(kind=RoundKind.YEAR_END).exists():
        raise ApplicationError(YEAR_END_EXISTS, {"field": "kind"})
    if not standing.members:
        raise ApplicationError(NO_MEMBERS % {"year": pledge.year})
    rnd = ScoringRound.objects.create(
        pledge=pledge, name=clean_name(name), kind=kind, self_score_deadline=self_score_deadline,
        review_deadline=review_deadline, mode=mode, bk_proposals=bk_proposals, opened_by=actor,
    )
    _ensure_sheets(rnd, standing.members)
    audit.record(actor=actor, action=A.ROUND_OPEN, target=rnd, unit_path=pledge.bloc.organiser.path,
                 after=_shown(rnd, ROUND_FIELDS))
    if mode == RoundMode.PANEL and panel_units:
        _panel_set(actor, rnd, standing, panel_units)
    return rnd


def _panel_set(actor, rnd: ScoringRound, standing: policy.Standing, units: Sequence[Unit]) -> list[PanelMember]:
    if rnd.mode != RoundMode.PANEL:
        raise ApplicationError(NOT_PANEL_MODE)
    wanted = {u.pk: u for u in units}
    for unit in wanted.values():
        if unit.pk not in standing.members:
            raise ApplicationError(NOT_A_MEMBER % {"unit": unit.name, "year": rnd.pledge.year}, {"field": "units"})
    if len(wanted) < 2:
        raise ApplicationError(PANEL_TOO_SMALL, {"field": "units"})
    current = {p.unit_id: p for p in rnd.panel.select_related("unit")}
    removed = [p for uid, p in current.items() if uid not in wanted]
    scored = set(PanelScore.objects.filter(sheet__round=rnd, reviewer_unit_id__in=[p.unit_id for p in removed])
                 .values_list("reviewer_unit_id", flat=True))
    for p in removed:
        if p.unit_id in scored:
            raise ApplicationError(PANEL_MEMBER_HAS_SCORED % {"unit": p.unit.name}, {"field": "units"})
    PanelMember.objects.filter(pk__in=[p.pk for p in removed]).delete()
    PanelMember.objects.bulk_create(PanelMember(round=rnd, unit_id=uid) for uid in wanted if uid not in current)
    audit.record(actor=actor, action=A.ROUND_PANEL_SET, target=rnd, unit_path=rnd.pledge.bloc.organiser.path,
                 before={"panel": sorted(p.unit.name for p in current.values())},
                 after={"panel": sorted(u.name for u in wanted.values())})
    return list(rnd.panel.all())


@transaction.atomic
def round_panel_set(*, actor, round: ScoringRound, units: Sequence[Unit]) -> list[PanelMember]:
    """Make the round's cross-scoring panel exactly UNITS (members of the bloc that year)."""
    rnd = _lock_round(round.pk)
    standing = _standing(actor, rnd.pledge)
    policy.require(standing.organiser)
    _require_round_not_locked(rnd)
    return _panel_set(actor, rnd, standing, units)


@transaction.atomic
def round_reopen(*, actor, round: ScoringRound, reason: str, self_score_deadline: dt.date,
                 review_deadline: dt.date) -> ScoringRound:
    """The secretariat reopens or extends a round with new deadlines and a reason.

    Sent sheets stay sent; proposals stay but are no longer final until the round is
    locked again (which ranks again).
    """
    rnd = _lock_round(round.pk)
    row = machines.check(ROUNDS, actor, rnd, machines.REOPEN, reason=reason)
    _check_deadlines(self_score_deadline, review_deadline)
    before = _shown(rnd, DEADLINES)
    rnd.locked_at, rnd.locked_by = None, None
    rnd.self_score_deadline, rnd.review_deadline = self_score_deadline, review_deadline
    ROUNDS.move(actor, rnd, row, reason=reason, fields=["locked_at", "locked_by", *DEADLINES],
                before=before, after=_shown(rnd, DEADLINES))
    _ensure_sheets(rnd, _standing(actor, rnd.pledge).members)
    return rnd
