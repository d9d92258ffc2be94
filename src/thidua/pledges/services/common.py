"""What the pledge services share: the sheet's entry, points, locks, versions and audit values."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from thidua.core import audit, concurrency
from thidua.core.errors import ApplicationError
from thidua.core.text import display_name
from thidua.pledges import policy, ranking
from thidua.pledges.models import Criterion, CriterionKind, Pledge, Score, ScoreSheet, ScoringRound
from thidua.pledges.services.messages import (
    DEDUCTION_OUT_OF_RANGE,
    POINTS_NOT_A_NUMBER,
    POINTS_OUT_OF_RANGE,
    POINTS_PRECISION,
    SCORE_STALE,
    UNKNOWN_CRITERION,
)

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Entry:
    """One criterion's line of a posted sheet: POINTS (None = blank), NOTE or comment, and
    the VERSION of the score the user loaded."""

    criterion_id: int
    points: Decimal | None
    note: str = ""
    version: int = 0


# --- helpers -----------------------------------------------------------------------------


def _when(value: dt.datetime | None) -> str:
    return concurrency.when_text(value)


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def _who(user) -> str:
    if user is None:
        return str(concurrency.SOMEONE)
    return display_name(user)


def _pts(value: Decimal | None) -> str | None:
    return None if value is None else ranking.fmt(value)


def parse_points(raw, code: str) -> Decimal | None:
    """A typed number ("8,5" or "8.5") as Decimal; blank is None."""
    text = str(raw if raw is not None else "").strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ApplicationError(POINTS_NOT_A_NUMBER % {"code": code, "value": raw}) from None
    if not value.is_finite():
        raise ApplicationError(POINTS_NOT_A_NUMBER % {"code": code, "value": raw})
    return value


def _check_points(criterion: Criterion, points: Decimal | int | str) -> Decimal:
    if not isinstance(points, Decimal):
        points = parse_points(points, criterion.code)
    if points != points.quantize(CENT):
        raise ApplicationError(POINTS_PRECISION % {"code": criterion.code}, {"criterion": criterion.pk})
    if points < 0 or points > criterion.max_points:
        message = DEDUCTION_OUT_OF_RANGE if criterion.kind == CriterionKind.DEDUCTION else POINTS_OUT_OF_RANGE
        raise ApplicationError(message % {"code": criterion.code, "name": criterion.name,
                                          "max": ranking.fmt(criterion.max_points)}, {"criterion": criterion.pk})
    return points.quantize(CENT)


def _locked_scores(sheet: ScoreSheet, *related: str) -> dict[int, Score]:
    """The sheet's scores by criterion, locked for the save that follows."""
    rows = Score.objects.select_for_update(of=("self",)).filter(sheet=sheet).select_related("criterion", *related)
    return {score.criterion_id: score for score in rows}


def _score_for(scores: dict[int, Score], entry) -> Score:
    score = scores.get(entry.criterion_id)
    if score is None:
        raise ApplicationError(UNKNOWN_CRITERION)
    return score


def _check_version(current_version: int, loaded: int, criterion: Criterion, updated_by, updated_at) -> None:
    if current_version != loaded:
        # A score's version lives on the row with its writer (many per sheet, saved in bulk);
        # the refusal is the same kind as every other stale save.
        raise concurrency.StaleError(
            SCORE_STALE % {"code": criterion.code, "who": _who(updated_by), "at": _when(updated_at)},
            {"criterion": criterion.pk, "stale": True, "version": current_version, "who": _who(updated_by),
             "at": updated_at},
        )


def _shown(obj, fields: list[str]) -> dict:
    """Audit values as the history panel shows them: choices by their label, FKs by name."""
    out = audit.snapshot(obj, fields)
    for name in fields:
        field = obj._meta.get_field(name)
        if getattr(field, "choices", None):
            out[name] = str(getattr(obj, f"get_{name}_display")())
    return out


def _lock_pledge(pledge: Pledge) -> Pledge:
    return Pledge.objects.select_for_update(of=("self",)).select_related("bloc__organiser").get(pk=pledge.pk)


def _lock_round(round_id: int) -> ScoringRound:
    return (ScoringRound.objects.select_for_update(of=("self",))
            .select_related("pledge__bloc__organiser").get(pk=round_id))


def _lock_sheet(sheet_id: int) -> ScoreSheet:
    return ScoreSheet.objects.select_for_update(of=("self",)).select_related("unit").get(pk=sheet_id)


def _lock_own_sheet(actor, round_id: int, sheet_id: int) -> tuple[ScoringRound, ScoreSheet]:
    """The round, then the sheet, locked for an officer of the sheet's own unit."""
    rnd = _lock_round(round_id)
    standing = _standing(actor, rnd.pledge)
    sheet = _lock_sheet(sheet_id)
    policy.require(standing.acts_for(sheet.unit_id))
    return rnd, sheet


def _standing(actor, pledge: Pledge) -> policy.Standing:
    return policy.standing(actor, pledge.bloc, pledge.year)
