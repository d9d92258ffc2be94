"""The points of a sheet: the unit's own (and sending them), the leader's review, the panel's cross-scores."""

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core import audit
from thidua.core.errors import ApplicationError
from thidua.org.models import Unit
from thidua.pledges import audit_actions as A
from thidua.pledges import policy, ranking
from thidua.pledges.models import CriterionKind, Evidence, PanelScore, RoundMode, Score, ScoreSheet
from thidua.pledges.services.common import (
    CENT,
    Entry,
    _check_points,
    _check_version,
    _day,
    _lock_own_sheet,
    _lock_round,
    _lock_sheet,
    _locked_scores,
    _pts,
    _score_for,
    _standing,
    _when,
)
from thidua.pledges.services.messages import (
    CANNOT_WITHDRAW_REVIEWED,
    EVIDENCE_MISSING,
    NOT_IN_PANEL,
    NOT_LEADER_MODE,
    NOT_PANEL_MODE,
    PANEL_NEEDS_POINTS,
    REVIEW_NEEDS_COMMENT,
    REVIEW_NEEDS_POINTS,
    SELF_DEADLINE_PASSED,
    SELF_REVIEW,
    SHEET_INCOMPLETE,
    SHEET_NOT_SUBMITTED,
)
from thidua.pledges.services.states import _require_review_open, _require_round_not_locked, _require_self_open


@transaction.atomic
def score_self_set(*, actor, sheet: ScoreSheet, entries: Iterable[Entry], submit: bool = False) -> ScoreSheet:
    """Save the unit's own points and notes; with SUBMIT, also send the sheet for review.

    Each entry carries the version its user loaded; a score changed since is refused
    (SCORE_STALE) and nothing of the save is kept. Unchanged lines are not written.
    """
    rnd, sheet = _lock_own_sheet(actor, sheet.round_id, sheet.pk)
    _require_self_open(rnd, sheet)
    scores = _locked_scores(sheet, "updated_by")
    now = timezone.now()
    changed, before, after = [], {}, {}
    for entry in entries:
        score = _score_for(scores, entry)
        c = score.criterion
        points = None if entry.points is None else _check_points(c, entry.points)
        note = (entry.note or "").strip()
        if score.self_points == points and score.self_note == note:
            continue
        _check_version(score.version, entry.version, c, score.updated_by, score.updated_at)
        before[c.code] = _pts(score.self_points)
        after[c.code] = _pts(points)
        if score.self_note != note:
            before[f"{c.code} — giải trình"], after[f"{c.code} — giải trình"] = score.self_note, note
        score.self_points, score.self_note = points, note
        score.version += 1
        score.updated_by, score.updated_at = actor, now
        changed.append(score)
    if changed:
        Score.objects.bulk_update(changed, ["self_points", "self_note", "version", "updated_by", "updated_at"])
        audit.record(actor=actor, action=A.SCORE_SELF_SET, target=sheet, unit_path=sheet.unit.path,
                     before=before, after=after)
    if submit:
        _submit(actor, sheet, list(scores.values()), now)
    return sheet


def _submit(actor, sheet: ScoreSheet, scores: list[Score], now) -> None:
    missing = [s.criterion.code for s in scores
               if s.criterion.kind == CriterionKind.STANDARD and s.self_points is None]
    if missing:
        raise ApplicationError(SHEET_INCOMPLETE % {"codes": ", ".join(sorted(missing, key=_code_key))})
    with_files = set(Evidence.objects.filter(score__sheet=sheet).values_list("score_id", flat=True))
    lacking = [s.criterion.code for s in scores
               if s.criterion.evidence_required and s.self_points and s.pk not in with_files]
    if lacking:
        raise ApplicationError(EVIDENCE_MISSING % {"codes": ", ".join(sorted(lacking, key=_code_key))})
    blanks = [s for s in scores if s.self_points is None]  # bonus and deduction lines left empty mean 0
    for s in blanks:
        s.self_points, s.version, s.updated_by, s.updated_at = Decimal("0.00"), s.version + 1, actor, now
    Score.objects.bulk_update(blanks, ["self_points", "version", "updated_by", "updated_at"])
    sheet.submitted_at, sheet.submitted_by = now, actor
    sheet.save(update_fields=["submitted_at", "submitted_by"])
    total = ranking.totals(
        [ranking.CriterionInfo(s.criterion_id, s.criterion.kind, None) for s in scores],
        ranking.UnitPoints(sheet.unit_id, sheet.unit.name, True, {s.criterion_id: s.self_points for s in scores}),
        1,
    ).total
    audit.record(actor=actor, action=A.SCORE_SUBMIT, target=sheet, unit_path=sheet.unit.path,
                 after={"submitted_at": _when(now), "tổng điểm tự chấm": ranking.fmt(total)})


def _code_key(code: str) -> tuple:
    """"1.2" before "1.10"; letters after numbers, never compared with them."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.replace("-", ".").split("."))


@transaction.atomic
def score_sheet_withdraw(*, actor, sheet: ScoreSheet, reason: str = "") -> ScoreSheet:
    """Take a sent sheet back to correct it, before the self-scoring deadline and any review."""
    rnd, sheet = _lock_own_sheet(actor, sheet.round_id, sheet.pk)
    _require_round_not_locked(rnd)
    if timezone.localdate() > rnd.self_score_deadline:
        raise ApplicationError(SELF_DEADLINE_PASSED % {"date": _day(rnd.self_score_deadline)})
    if sheet.submitted_at is None:
        raise ApplicationError(SHEET_NOT_SUBMITTED)
    if sheet.scores.filter(accepted_points__isnull=False).exists() or sheet.panel_scores.exists():
        raise ApplicationError(CANNOT_WITHDRAW_REVIEWED)
    before = {"submitted_at": _when(sheet.submitted_at)}
    sheet.submitted_at, sheet.submitted_by = None, None
    sheet.save(update_fields=["submitted_at", "submitted_by"])
    audit.record(actor=actor, action=A.SCORE_WITHDRAW, target=sheet, unit_path=sheet.unit.path,
                 before=before, after={"submitted_at": None}, reason=reason)
    return sheet


def _lock_for_review(actor, sheet: ScoreSheet, mode: str, wrong_mode) -> tuple:
    """The round, the actor's standing and the sheet (locked round first) of a review in
    MODE; WRONG_MODE when the round is reviewed the other way."""
    rnd = _lock_round(sheet.round_id)
    standing = _standing(actor, rnd.pledge)
    sheet = _lock_sheet(sheet.pk)
    if rnd.mode != mode:
        raise ApplicationError(wrong_mode)
    return rnd, standing, sheet


def _reviewed(scores: dict[int, Score], entry: Entry, needs_points) -> tuple[Score, Decimal, str]:
    """ENTRY's score, its checked points (NEEDS_POINTS when blank) and its comment."""
    score = _score_for(scores, entry)
    c = score.criterion
    if entry.points is None:
        raise ApplicationError(needs_points % {"code": c.code}, {"criterion": c.pk})
    return score, _check_points(c, entry.points), (entry.note or "").strip()


@transaction.atomic
def score_review_set(*, actor, sheet: ScoreSheet, entries: Iterable[Entry]) -> ScoreSheet:
    """The leader's (or, for the leader's own unit, the deputy's) accepted points with comments.

    A comment is required wherever the accepted points differ from the unit's own; each
    entry carries the version its user loaded (SCORE_STALE otherwise).
    """
    rnd, standing, sheet = _lock_for_review(actor, sheet, RoundMode.LEADER, NOT_LEADER_MODE)
    if sheet.unit_id in standing.own_units and not standing.manager:
        raise ApplicationError(SELF_REVIEW)
    policy.require(standing.may_review(rnd.mode, sheet.unit_id))
    _require_review_open(rnd, sheet)
    scores = _locked_scores(sheet, "updated_by")
    now = timezone.now()
    changed, before, after = [], {}, {}
    for entry in entries:
        score, points, comment = _reviewed(scores, entry, REVIEW_NEEDS_POINTS)
        c = score.criterion
        if points != score.self_points and not comment:
            raise ApplicationError(REVIEW_NEEDS_COMMENT % {"code": c.code}, {"criterion": c.pk})
        if score.accepted_points == points and score.review_comment == comment:
            continue
        _check_version(score.version, entry.version, c, score.updated_by, score.updated_at)
        before[c.code], after[c.code] = _pts(score.accepted_points), _pts(points)
        if comment != score.review_comment:
            before[f"{c.code} — nhận xét"], after[f"{c.code} — nhận xét"] = score.review_comment, comment
        score.accepted_points, score.review_comment = points, comment
        score.reviewed_by, score.reviewed_at = actor, now
        score.version += 1
        score.updated_by, score.updated_at = actor, now
        changed.append(score)
    if changed:
        Score.objects.bulk_update(changed, ["accepted_points", "review_comment", "reviewed_by", "reviewed_at",
                                            "version", "updated_by", "updated_at"])
        audit.record(actor=actor, action=A.SCORE_REVIEW_SET, target=sheet, unit_path=sheet.unit.path,
                     before=before, after=after)
    return sheet


def panel_mean(points: Sequence[Decimal]) -> Decimal | None:
    """The accepted points of a panel-mode score: the mean of the panel's points, to 0.01
    (half up); None while no panel unit has scored."""
    if not points:
        return None
    return (sum(points, Decimal(0)) / len(points)).quantize(CENT, rounding=ROUND_HALF_UP)


@transaction.atomic
def panel_score_set(*, actor, sheet: ScoreSheet, reviewer_unit: Unit, entries: Iterable[Entry]) -> ScoreSheet:
    """REVIEWER_UNIT's cross-scores for SHEET's unit; the accepted points become the mean of
    the panel's points on each criterion. A unit never scores itself."""
    rnd, standing, sheet = _lock_for_review(actor, sheet, RoundMode.PANEL, NOT_PANEL_MODE)
    if reviewer_unit.pk == sheet.unit_id:
        raise ApplicationError(SELF_REVIEW)
    if not rnd.panel.filter(unit=reviewer_unit).exists():
        raise ApplicationError(NOT_IN_PANEL % {"unit": reviewer_unit.name})
    policy.require(standing.acts_for(reviewer_unit.pk))
    _require_review_open(rnd, sheet)
    scores = _locked_scores(sheet)
    mine = {p.criterion_id: p for p in
            PanelScore.objects.select_for_update(of=("self",)).filter(sheet=sheet, reviewer_unit=reviewer_unit)
            .select_related("updated_by")}
    now = timezone.now()
    touched, before, after = [], {}, {}
    for entry in entries:
        score, points, comment = _reviewed(scores, entry, PANEL_NEEDS_POINTS)
        c = score.criterion
        current = mine.get(c.pk)
        if current is not None and current.points == points and current.comment == comment:
            continue
        _check_version(current.version if current else 0, entry.version, c,
                       current.updated_by if current else None, current.updated_at if current else None)
        before[c.code] = _pts(current.points) if current else None
        after[c.code] = _pts(points)
        if current is None:
            PanelScore.objects.create(sheet=sheet, unit_id=sheet.unit_id, reviewer_unit=reviewer_unit, criterion=c,
                                      points=points, comment=comment, version=1, updated_by=actor, updated_at=now)
        else:
            current.points, current.comment, current.version = points, comment, current.version + 1
            current.updated_by, current.updated_at = actor, now
            current.save(update_fields=["points", "comment", "version", "updated_by", "updated_at"])
        touched.append(score)
    if touched:
        all_points: dict[int, list[Decimal]] = {}
        for cid, pts in PanelScore.objects.filter(sheet=sheet).values_list("criterion_id", "points"):
            all_points.setdefault(cid, []).append(pts)
        for score in touched:
            values = all_points.get(score.criterion_id, [])
            score.accepted_points = panel_mean(values)
            score.review_comment = _("Trung bình điểm chấm chéo của %(n)s đơn vị.") % {"n": len(values)}
            score.reviewed_at, score.reviewed_by = now, None
            score.version += 1
            score.updated_by, score.updated_at = actor, now
        Score.objects.bulk_update(touched, ["accepted_points", "review_comment", "reviewed_at", "reviewed_by",
                                            "version", "updated_by", "updated_at"])
        audit.record(actor=actor, action=A.PANEL_SCORE_SET, target=sheet, unit_path=sheet.unit.path,
                     before={**before, "đơn vị chấm": reviewer_unit.name},
                     after={**after, "đơn vị chấm": reviewer_unit.name})
    return sheet
