"""Reads of pledges and scoring rounds, always through `policy.standing`.

The `*_get_for` functions fetch through the access policies the app registers (`apps.py`:
a row is seen by those with a standing in its bloc that year) — 404 for a missing record
and for a user with no standing alike, logged — and attach the user's `.standing`, so
views and templates ask it what to offer. Writes check again in the services.
"""

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from thidua.core import access
from thidua.core.text import fold
from thidua.org.models import Bloc, BlocMembership, BlocRole
from thidua.pledges import policy, ranking
from thidua.pledges.models import (
    Criterion,
    CriterionGroup,
    CriterionKind,
    Evidence,
    PanelScore,
    Pledge,
    PledgeStatus,
    Proposal,
    RoundMode,
    RoundStatus,
    Score,
    ScoreSheet,
    ScoringRound,
)
from thidua.pledges.policy import Standing

log = logging.getLogger("thidua.access")

# --- fetch and authorise -----------------------------------------------------------------


def bloc_year_for(user, bloc_pk: int, year: int) -> tuple[Bloc, Standing, Pledge | None]:
    """The bloc, the user's standing in it for YEAR, and its pledge if any; 404 without standing."""
    bloc = Bloc.objects.select_related("organiser").filter(pk=bloc_pk).first()
    if bloc is None:
        raise Http404
    standing = policy.standing(user, bloc, year)
    if not standing.visible:
        log.warning("404 no standing in bloc %s year %s for user=%s", bloc_pk, year, getattr(user, "pk", None))
        raise Http404
    pledge = Pledge.objects.select_related("bloc__organiser", "document", "created_by").filter(
        bloc=bloc, year=year).first()
    if pledge is not None:
        pledge.standing = standing
    return bloc, standing, pledge


def pledge_get_for(user, pk: int) -> Pledge:
    """`access.get` (404 without a standing in the bloc that year), with the user's `standing`."""
    pledge = access.get(user, Pledge, pk)
    pledge.standing = policy.standing(user, pledge.bloc, pledge.year)
    return pledge


def round_get_for(user, pk: int) -> ScoringRound:
    """`access.get`, with the user's `standing` and the round's panel units (`panel_ids`)."""
    rnd = access.get(user, ScoringRound, pk)
    rnd.standing = policy.standing(user, rnd.pledge.bloc, rnd.pledge.year)
    rnd.panel_ids = set(rnd.panel.values_list("unit_id", flat=True)) if rnd.mode == RoundMode.PANEL else set()
    return rnd


def sheet_get_for(user, round_pk: int, unit_pk: int) -> ScoreSheet:
    """A unit's sheet: its own officers, the reviewers of a sent sheet and the secretariat."""
    rnd = round_get_for(user, round_pk)
    sheet = ScoreSheet.objects.select_related("unit", "submitted_by").filter(round=rnd, unit_id=unit_pk).first()
    if sheet is None or not rnd.standing.may_open_sheet(rnd.mode, rnd.panel_ids, sheet.unit_id,
                                                         sheet.submitted_at is not None):
        log.warning("404 out-of-scope or missing sheet of unit %s in round %s for user=%s", unit_pk, round_pk,
                    getattr(user, "pk", None))
        raise Http404
    sheet.round = rnd
    return sheet


def evidence_get_for(user, pk: int) -> Evidence:
    """An evidence file, only for those who may open the sheet it belongs to."""
    row = access.get(user, Evidence, pk)
    sheet_get_for(user, row.score.sheet.round_id, row.score.sheet.unit_id)
    return row


# --- lists -------------------------------------------------------------------------------


def pledges_for(user) -> list[Pledge]:
    """The pledges the user has a standing in: organiser's secretariat, leader, member officer."""
    return list(access.policy(Pledge).rows(user).select_related("bloc").annotate(
        n_signed=Count("signatures", distinct=True), n_rounds=Count("rounds", distinct=True),
    ).order_by("-year", "bloc__name")[:500])


@dataclass
class GroupView:
    group: CriterionGroup
    criteria: list = field(default_factory=list)

    @property
    def max_points(self) -> Decimal:
        return sum((c.max_points for c in self.criteria if c.kind != CriterionKind.DEDUCTION), Decimal(0))

    @property
    def deduction_max(self) -> Decimal:
        return sum((c.max_points for c in self.criteria if c.kind == CriterionKind.DEDUCTION), Decimal(0))


def table(pledge: Pledge) -> list[GroupView]:
    """The scoring table in order, grouped (two queries)."""
    groups = {g.pk: GroupView(g) for g in pledge.groups.all()}
    for c in pledge.criteria.all().order_by("group__order", "group_id", "order", "id"):
        groups[c.group_id].criteria.append(c)
    return list(groups.values())


def table_totals(groups: list[GroupView]) -> dict[str, Decimal]:
    out = {k: Decimal(0) for k in ("standard", "bonus", "deduction")}
    for g in groups:
        for c in g.criteria:
            out[c.kind] += c.max_points
    return out


@dataclass
class MemberRow:
    membership: BlocMembership
    signature: object = None
    sheet: ScoreSheet | None = None
    n_scored: int = 0
    n_reviewed: int = 0
    n_evidence: int = 0
    n_criteria: int = 0
    can_open: bool = False
    can_sign: bool = False


def _members(standing: Standing) -> list[BlocMembership]:
    order = {BlocRole.LEADER: 0, BlocRole.DEPUTY: 1, BlocRole.MEMBER: 2}
    return sorted(standing.members.values(), key=lambda m: (order.get(m.role, 3), fold(m.unit.name)))


def signatures(pledge: Pledge) -> list[MemberRow]:
    """Every member of the year with its signature (who, when) and whether the user may sign."""
    st: Standing = pledge.standing
    signed = {s.unit_id: s for s in pledge.signatures.select_related("signed_by")}
    is_open = pledge.state == PledgeStatus.OPEN
    return [MemberRow(membership=m, signature=signed.get(m.unit_id),
                      can_sign=is_open and m.unit_id not in signed and st.acts_for(m.unit_id))
            for m in _members(st)]


def rounds_of(pledge: Pledge) -> list[ScoringRound]:
    return list(pledge.rounds.annotate(
        n_sent=Count("sheets", filter=Q(sheets__submitted_at__isnull=False), distinct=True),
        n_sheets=Count("sheets", distinct=True),
    ).order_by("self_score_deadline", "id"))


def round_progress(rnd: ScoringRound) -> list[MemberRow]:
    """Per member: sent or not, lines self-scored, lines reviewed, evidence files (4 queries).

    Counts only, never points: every member may see how far the others are.
    """
    st: Standing = rnd.standing
    sheets = {s.unit_id: s for s in rnd.sheets.select_related("submitted_by").annotate(
        n_scored=Count("scores", filter=Q(scores__self_points__isnull=False), distinct=True),
        n_reviewed=Count("scores", filter=Q(scores__accepted_points__isnull=False), distinct=True),
        n_lines=Count("scores", distinct=True),
        n_evidence=Count("scores__evidence", distinct=True),
    )}
    panel_done: dict[int, int] = {}
    if rnd.mode == RoundMode.PANEL:
        panel_done = dict(PanelScore.objects.filter(sheet__round=rnd).values("sheet_id")
                          .annotate(n=Count("reviewer_unit", distinct=True)).values_list("sheet_id", "n"))
    rows = []
    for m in _members(st):
        sheet = sheets.get(m.unit_id)
        row = MemberRow(membership=m, sheet=sheet)
        if sheet is not None:
            row.n_scored, row.n_reviewed, row.n_criteria = sheet.n_scored, sheet.n_reviewed, sheet.n_lines
            row.n_evidence = sheet.n_evidence
            sheet.n_panel = panel_done.get(sheet.pk, 0)
            row.can_open = st.may_open_sheet(rnd.mode, rnd.panel_ids, m.unit_id, sheet.submitted_at is not None)
        rows.append(row)
    return rows


@dataclass
class Line:
    criterion: Criterion
    score: Score
    evidence: list = field(default_factory=list)
    panel: list = field(default_factory=list)  # PanelScore rows the user may see


@dataclass
class SheetView:
    groups: list  # [(CriterionGroup, [Line])]
    self_total: Decimal | None
    accepted_total: Decimal | None
    lines: list


def sheet_lines(sheet: ScoreSheet, *, panel_for: list[int] | None = None, all_panel: bool = False) -> SheetView:
    """The sheet's lines in table order with evidence (and the panel scores the user may see:
    its own panel units' in PANEL_FOR, or everyone's with ALL_PANEL)."""
    scores = {s.criterion_id: s for s in Score.objects.filter(sheet=sheet).select_related(
        "updated_by", "reviewed_by").prefetch_related(Prefetch("evidence", Evidence.objects.select_related(
            "uploaded_by")))}
    panel: dict[int, list[PanelScore]] = defaultdict(list)
    if all_panel or panel_for:
        qs = PanelScore.objects.filter(sheet=sheet).select_related("reviewer_unit").order_by("reviewer_unit__name")
        if not all_panel:
            qs = qs.filter(reviewer_unit_id__in=panel_for)
        for p in qs:
            panel[p.criterion_id].append(p)
    groups, lines = [], []
    pledge = sheet.round.pledge
    for gv in table(pledge):
        group_lines = []
        for c in gv.criteria:
            score = scores.get(c.pk)
            if score is None:
                continue
            line = Line(c, score, list(score.evidence.all()), panel.get(c.pk, []))
            group_lines.append(line)
            lines.append(line)
        groups.append((gv.group, group_lines))
    infos = [ranking.CriterionInfo(line.criterion.pk, line.criterion.kind, None) for line in lines]

    def total(attr):
        values = {line.criterion.pk: getattr(line.score, attr) for line in lines}
        if all(v is None for v in values.values()):
            return None
        return ranking.totals(infos, ranking.UnitPoints(0, "", True, values), 1).total

    return SheetView(groups=groups, self_total=total("self_points"), accepted_total=total("accepted_points"),
                     lines=lines)


# --- ranking -----------------------------------------------------------------------------


@dataclass
class RankingResult:
    rows: list[ranking.Row]
    group_labels: list[str]
    groups: list[CriterionGroup]
    flags: int
    flags_basis: str
    bk: int
    stale: bool = False
    tie_breaks: tuple = ranking.TIE_BREAKS


def round_ranking(rnd: ScoringRound, *, check_stale: bool = True) -> RankingResult:
    """The members of one round ranked on their accepted points, with the proposals the rules give."""
    return rankings_for([rnd], check_stale=check_stale)[rnd.pk]


def rankings_for(rounds: Sequence[ScoringRound], *, check_stale: bool = True) -> dict[int, RankingResult]:
    """`round_ranking` for many rounds at once (a province's blocs): round id → result.

    Four queries whatever the number of rounds and members (criteria, groups, sheets,
    accepted points), plus two per round ranked but not locked, to tell a stale ranking.
    Members' self-scores are never read: only accepted points of sent sheets count.
    """
    pledge_ids = {r.pledge_id for r in rounds}
    criteria_rows: dict[int, list] = defaultdict(list)
    for pledge_id, pk, kind, group_id in Criterion.objects.filter(pledge_id__in=pledge_ids).values_list(
            "pledge_id", "pk", "kind", "group_id"):
        criteria_rows[pledge_id].append((pk, kind, group_id))
    all_groups: dict[int, list[CriterionGroup]] = defaultdict(list)
    for g in CriterionGroup.objects.filter(pledge_id__in=pledge_ids).order_by("order", "id"):
        all_groups[g.pledge_id].append(g)
    sheets: dict[int, list] = defaultdict(list)
    for round_id, pk, unit_id, name, submitted in ScoreSheet.objects.filter(round__in=rounds).values_list(
            "round_id", "pk", "unit_id", "unit__name", "submitted_at"):
        sheets[round_id].append((pk, unit_id, name, submitted))
    points: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for sheet_id, criterion_id, value in Score.objects.filter(
            sheet__round__in=rounds, sheet__submitted_at__isnull=False, accepted_points__isnull=False).values_list(
            "sheet_id", "criterion_id", "accepted_points"):
        points[sheet_id][criterion_id] = value
    results = {}
    for rnd in rounds:
        rows_c = criteria_rows[rnd.pledge_id]
        with_standard = {group_id for _pk, kind, group_id in rows_c if kind == CriterionKind.STANDARD}
        # Groups of the tie-break and of the page's columns: those holding standard criteria.
        groups = [g for g in all_groups[rnd.pledge_id] if g.pk in with_standard]
        position = {g.pk: i for i, g in enumerate(groups)}
        criteria = [ranking.CriterionInfo(pk, kind, position.get(group_id) if kind == CriterionKind.STANDARD
                                          else None) for pk, kind, group_id in rows_c]
        units = [ranking.UnitPoints(unit_id, name, submitted is not None, points.get(pk, {}))
                 for pk, unit_id, name, submitted in sheets[rnd.pk]]
        labels = [g.code for g in groups]
        rows = ranking.rank(criteria, units, labels)
        flags, basis = ranking.flags_per_bloc(rnd.pledge.year)
        if rnd.proposes_awards:
            ranking.propose(rows, flags=flags, bk=rnd.bk_proposals)
        stale = False
        if check_stale and rnd.ranked_at is not None and rnd.state != RoundStatus.LOCKED:
            stale = (Score.objects.filter(sheet__round=rnd, updated_at__gt=rnd.ranked_at).exists()
                     or rnd.sheets.filter(submitted_at__gt=rnd.ranked_at).exists())
        results[rnd.pk] = RankingResult(rows=rows, group_labels=labels, groups=groups, flags=flags,
                                        flags_basis=basis, bk=rnd.bk_proposals, stale=stale)
    return results


def proposals_of(rnd: ScoringRound) -> list[Proposal]:
    return list(rnd.proposals.select_related("unit").order_by("rank", "unit__name"))


def proposals_final(*, year: int | None = None, code: str | None = None) -> QuerySet[Proposal]:
    """The bloc proposals the dossier workflow may pick up: those of locked year-end rounds.

    Unscoped: a view must narrow it with `access.scope(user, perm, qs)` (Proposal is
    registered on `unit__path`).
    """
    qs = Proposal.objects.filter(round__state=RoundStatus.LOCKED, round__kind="tong_ket")
    if year is not None:
        qs = qs.filter(round__pledge__year=year)
    if code is not None:
        qs = qs.filter(code=code)
    return qs.select_related("unit", "round__pledge__bloc").order_by("round__pledge__bloc__name", "rank")
