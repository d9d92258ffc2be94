"""Where pledges and scoring rounds check their state before a service acts that is not a
move of their machine (`pledges.machines`): editing the table, signing, scoring."""

from django.utils import timezone

from thidua.core.errors import ApplicationError
from thidua.pledges.models import Pledge, PledgeStatus, RoundStatus, ScoreSheet, ScoringRound
from thidua.pledges.services.common import _day, _when
from thidua.pledges.services.messages import (
    NOT_DRAFT,
    PLEDGE_CLOSED,
    PLEDGE_NOT_OPEN,
    REVIEW_DEADLINE_PASSED,
    ROUND_LOCKED,
    SELF_DEADLINE_PASSED,
    SHEET_NOT_SUBMITTED,
    SHEET_SUBMITTED,
)


def _require_not_closed(pledge: Pledge) -> None:
    if pledge.state == PledgeStatus.CLOSED:
        raise ApplicationError(PLEDGE_CLOSED)


def _require_draft(pledge: Pledge) -> None:
    if pledge.state != PledgeStatus.DRAFT:
        raise ApplicationError(NOT_DRAFT)


def _require_open(pledge: Pledge) -> None:
    if pledge.state != PledgeStatus.OPEN:
        raise ApplicationError(PLEDGE_NOT_OPEN)


def _require_round_not_locked(rnd: ScoringRound) -> None:
    if rnd.state == RoundStatus.LOCKED:
        raise ApplicationError(ROUND_LOCKED)


def self_closed_reason(rnd: ScoringRound, sheet: ScoreSheet) -> str | None:
    """Why SHEET's own points cannot change now (None: they can)."""
    if rnd.state == RoundStatus.LOCKED:
        return str(ROUND_LOCKED)
    if timezone.localdate() > rnd.self_score_deadline:
        return SELF_DEADLINE_PASSED % {"date": _day(rnd.self_score_deadline)}
    if sheet.submitted_at is not None:
        return SHEET_SUBMITTED % {"at": _when(sheet.submitted_at)}
    return None


def review_closed_reason(rnd: ScoringRound, sheet: ScoreSheet) -> str | None:
    """Why SHEET cannot be reviewed or cross-scored now (None: it can)."""
    if rnd.state == RoundStatus.LOCKED:
        return str(ROUND_LOCKED)
    if timezone.localdate() > rnd.review_deadline:
        return REVIEW_DEADLINE_PASSED % {"date": _day(rnd.review_deadline)}
    if sheet.submitted_at is None:
        return str(SHEET_NOT_SUBMITTED)
    return None


def _require_self_open(rnd: ScoringRound, sheet: ScoreSheet) -> None:
    reason = self_closed_reason(rnd, sheet)
    if reason:
        raise ApplicationError(reason)


def _require_review_open(rnd: ScoringRound, sheet: ScoreSheet) -> None:
    reason = review_closed_reason(rnd, sheet)
    if reason:
        raise ApplicationError(reason)
