"""Ranking a round's members, and locking the round on its final ranking."""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from thidua.core import audit
from thidua.core.errors import ApplicationError
from thidua.pledges import audit_actions as A
from thidua.pledges import machines, policy, ranking, selectors
from thidua.pledges.machines import ROUNDS
from thidua.pledges.models import PanelScore, Proposal, RoundMode, ScoringRound
from thidua.pledges.services.common import _day, _lock_round, _standing
from thidua.pledges.services.messages import NOT_REVIEWED, NOTHING_TO_RANK, PANEL_TOO_SMALL, SELF_SCORING_NOT_OVER
from thidua.pledges.services.states import _require_round_not_locked
from thidua.rules.codes import AWARD_NAMES


def _readiness(rnd: ScoringRound) -> None:
    """Refuse ranking while self-scoring is still running or a sent sheet is not fully reviewed."""
    sheets = list(rnd.sheets.select_related("unit").annotate(
        n_open=Count("scores", filter=Q(scores__accepted_points__isnull=True))))
    sent = [s for s in sheets if s.submitted_at is not None]
    unsent = len(sheets) - len(sent)
    if unsent and timezone.localdate() <= rnd.self_score_deadline:
        raise ApplicationError(SELF_SCORING_NOT_OVER % {"date": _day(rnd.self_score_deadline), "n": unsent})
    if not sent:
        raise ApplicationError(NOTHING_TO_RANK)
    if rnd.mode == RoundMode.LEADER:
        pending = [s.unit.name for s in sent if s.n_open]
    else:
        panel = set(rnd.panel.values_list("unit_id", flat=True))
        if len(panel) < 2:
            raise ApplicationError(PANEL_TOO_SMALL)
        n_criteria = rnd.pledge.criteria.count()
        given: dict[int, int] = dict(PanelScore.objects.filter(sheet__round=rnd).values("sheet_id")
                                     .annotate(n=Count("id")).values_list("sheet_id", "n"))
        pending = [s.unit.name for s in sent
                   if given.get(s.pk, 0) < len(panel - {s.unit_id}) * n_criteria or not (panel - {s.unit_id})]
    if pending:
        raise ApplicationError(NOT_REVIEWED % {"units": ", ".join(sorted(pending))})


def _rank(actor, rnd: ScoringRound) -> list[ranking.Row]:
    _readiness(rnd)
    result = selectors.round_ranking(rnd, check_stale=False)  # ranking now: it cannot be stale
    rows = result.rows
    before = list(rnd.proposals.select_related("unit").values_list("unit__name", "code"))
    rnd.proposals.all().delete()
    if rnd.proposes_awards:
        Proposal.objects.bulk_create(
            Proposal(round=rnd, unit_id=r.unit_id, code=r.proposal, rank=r.rank, total=r.total, note=r.proposal_note)
            for r in rows if r.proposal
        )
    now = timezone.now()
    rnd.ranked_at, rnd.ranked_by = now, actor
    rnd.save(update_fields=["ranked_at", "ranked_by"])
    audit.record(
        actor=actor, action=A.ROUND_RANK, target=rnd, unit_path=rnd.pledge.bloc.organiser.path,
        before={"proposals": [f"{name}: {AWARD_NAMES.get(code, code)}" for name, code in before]} if before else None,
        after={"ranking": [f"{r.rank}. {r.name} — {ranking.fmt(r.total) if r.submitted else 'không gửi'}"
                           for r in rows],
               "proposals": [f"{r.name}: {AWARD_NAMES.get(r.proposal, r.proposal)}" for r in rows if r.proposal],
               "basis": result.flags_basis},
    )
    return rows


@transaction.atomic
def round_rank(*, actor, round: ScoringRound) -> list[ranking.Row]:
    """Rank the members and (year-end round) rewrite the proposals; re-runnable until locked."""
    rnd = _lock_round(round.pk)
    policy.require(_standing(actor, rnd.pledge).organiser)
    _require_round_not_locked(rnd)
    return _rank(actor, rnd)


@transaction.atomic
def round_lock(*, actor, round: ScoringRound, reason: str = "") -> ScoringRound:
    """Close the round: rank one last time on the final scores, then freeze everything."""
    rnd = _lock_round(round.pk)
    row = machines.check(ROUNDS, actor, rnd, machines.LOCK, reason=reason)
    _rank(actor, rnd)
    rnd.locked_at, rnd.locked_by = timezone.now(), actor
    return ROUNDS.move(actor, rnd, row, reason=reason, fields=["locked_at", "locked_by"])
